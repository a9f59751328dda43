"""Turn command-line paths into texts to check, with a clear error for each bad one."""

from __future__ import annotations

import codecs
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

TEXT_SUFFIXES = (".txt", ".text", ".md", ".markdown")
BILINGUAL_SUFFIXES = (".xlf", ".xliff", ".xlf2", ".tmx", ".po")  # a source and a target per unit: checker.bilingual.files
# Picked from a folder only when their content is a story format (checker.formats): NITF, NewsML-G2, ninjs, HTML.
STORY_SUFFIXES = (".xml", ".nitf", ".newsml", ".html", ".htm", ".xhtml", ".json", ".ninjs")
STDIN = "-"
# Where a story's Chinese original lies, relative to the story's folder: {stem} is the
# name without its suffix, {name} the whole name, {suffix} the suffix (config: source_patterns).
DEFAULT_SOURCE_PATTERNS = ("{stem}.zh.txt",)


class InputError(Exception):
    """An input that cannot be checked; the message names it and says why."""

    def __init__(self, path: str, reason: str):
        super().__init__(f"{path}: {reason}" if path else reason)
        self.path = path


@dataclass(frozen=True)
class Source:
    """One story to check: `path` as the user will see it, `file` to read (None for stdin)."""

    path: str
    file: Path | None
    source: Path | None = None  # its Chinese original, checked against it by the bilingual rules


def source_for(file: Path, patterns: tuple[str, ...]) -> Path | None:
    """The first existing file a source pattern names for `file` (never `file` itself)."""
    for pattern in patterns:
        candidate = file.parent / pattern.format(stem=file.stem, name=file.name, suffix=file.suffix)
        if candidate != file and candidate.is_file():
            return candidate
    return None


def expand(paths: list[str], source_patterns: tuple[str, ...] = DEFAULT_SOURCE_PATTERNS,
           source: str | None = None) -> Iterator[Source | InputError]:
    """Inputs in order, each paired with its Chinese original when one lies beside it.

    A file that is another input's original is not checked as English. `source`
    names the original of the one story given (`lint story.txt --source story.zh.txt`).
    """
    items = list(_expand(paths))
    stories = [i for i in items if isinstance(i, Source) and i.file is not None]
    files = {id(s): s.file for s in stories if s.file is not None}
    if source is not None:
        if len(items) != 1 or len(stories) != 1:
            yield InputError("", "--source names the original of one story: give exactly one story file with it")
            return
        if not Path(source).is_file():
            yield InputError(source, "source file not found")
            return
        yield Source(stories[0].path, stories[0].file, Path(source))
        return
    if not source_patterns:
        yield from items
        return
    paired = {key: source_for(file, source_patterns) for key, file in files.items()}
    originals = {p.resolve() for p in paired.values() if p is not None}
    for item in items:
        if not isinstance(item, Source) or id(item) not in files:
            yield item
        elif originals and files[id(item)].resolve() in originals:
            continue  # the Chinese original of another input
        else:
            yield Source(item.path, item.file, paired[id(item)])


def _expand(paths: list[str]) -> Iterator[Source | InputError]:
    """Files as given, directories recursed for text files, `-` for stdin; errors in place."""
    for raw in paths:
        if raw == STDIN:
            yield Source("<stdin>", None)
            continue
        path = Path(raw)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and (
                p.suffix.lower() in TEXT_SUFFIXES + BILINGUAL_SUFFIXES or p.suffix.lower() in STORY_SUFFIXES and _is_story(p)))
            if not found:
                yield InputError(raw, f"directory holds no text files ({', '.join(TEXT_SUFFIXES)})")
            for p in found:
                yield Source(str(p), p)
        elif path.exists():
            yield Source(raw, path)
        else:
            yield InputError(raw, "no such file or directory")


def _is_story(path: Path) -> bool:
    """Whether a .xml/.html/.json file in a folder is a story (NITF, NewsML-G2, ninjs, HTML), by its first KB."""
    from checker.formats import story_format

    try:
        with path.open("rb") as f:
            head = f.read(4096).decode("utf-8", "replace")
    except OSError:
        return True  # let reading it report the error
    return story_format(path.name, head) not in (None, "text")


def read(source: Source, encoding: str | None = None) -> str:
    """Decode a story. UTF-8 (with or without BOM) unless `encoding` is given."""
    try:
        data = sys.stdin.buffer.read() if source.file is None else source.file.read_bytes()
    except OSError as exc:
        raise InputError(source.path, f"cannot read: {exc.strerror or exc}") from None
    return decode(data, source.path, encoding)


def decode(data: bytes, label: str, encoding: str | None = None) -> str:
    if encoding:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise InputError(label, f"unknown encoding {encoding!r}") from None
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as exc:
            raise InputError(label, f"not valid {encoding} at byte {exc.start}") from None
        text = text.removeprefix("\ufeff")
        if "\x00" in text:
            raise InputError(label, f"binary file (NUL characters after decoding as {encoding}), not text")
    else:
        if b"\x00" in data[:8192]:
            raise InputError(label, "binary file (contains NUL bytes), not text")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise InputError(
                label,
                f"not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
                "give its encoding with --encoding (e.g. --encoding gb18030)"
            ) from None
    if not text.strip():
        raise InputError(label, "empty file, nothing to check")
    return text

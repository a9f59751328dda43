"""Turn command-line paths into texts to check, with a clear error for each bad one."""

from __future__ import annotations

import codecs
import os
import sys
from pathlib import Path, PurePath
from typing import Iterator

from checker.safety import MAX_BYTES

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


class Source:
    """One story to check: `path` as the user will see it, `file` to read (None for stdin), and
    `source`, its Chinese original (checked against it by the bilingual rules), if any.

    `lint` lists every input before the first is checked (to sort them and pair originals), so
    each is kept small: strings, made into Paths when asked for. As a dataclass of Paths, 20,000
    inputs held 11.3 MB for the whole run.
    """

    __slots__ = ("path", "_file", "_source")

    def __init__(self, path: str, file: Path | str | None, source: Path | str | None = None):
        self.path = path
        self._file = None if file is None else os.fspath(file)
        if self._file == path:
            self._file = path  # one string for both, as a folder's files are named
        self._source = None if source is None else os.fspath(source)

    @property
    def file(self) -> Path | None:
        return None if self._file is None else Path(self._file)

    @property
    def source(self) -> Path | None:
        return None if self._source is None else Path(self._source)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Source) and (self.path, self._file, self._source) == (other.path, other._file, other._source)

    def __hash__(self) -> int:
        return hash((self.path, self._file, self._source))

    def __repr__(self) -> str:
        return f"Source(path={self.path!r}, file={self.file!r}, source={self.source!r})"


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
    paired = {id(s): original for s in stories
              if (file := s.file) is not None and (original := source_for(file, source_patterns)) is not None}
    originals = {p.resolve() for p in paired.values()}
    for item in items:
        if not isinstance(item, Source) or item.file is None:
            yield item
        elif originals and item.file.resolve() in originals:
            continue  # the Chinese original of another input
        elif id(item) in paired:
            yield Source(item.path, item._file, paired[id(item)])
        else:
            yield item


def _expand(paths: list[str]) -> Iterator[Source | InputError]:
    """Files as given, directories recursed for text files, `-` for stdin; errors in place.

    Symlinked folders are followed (each real folder once, so a link loop
    ends); a folder or file that cannot be read is reported, never skipped.
    """
    for raw in paths:
        if raw == STDIN:
            yield Source("<stdin>", None)
            continue
        path = Path(raw)
        if path.is_dir():
            # Path's order (parts, case-folded where the system folds case): a Path as each key made 20,000 inputs peak 10 MB
            found = sorted(_walk(path), key=lambda item: PurePath(os.path.normcase(item.path)).parts)
            if not found:
                yield InputError(raw, f"directory holds no text files ({', '.join(TEXT_SUFFIXES)})")
            yield from found
        elif path.exists():
            yield Source(raw, path)
        elif path.is_symlink():
            yield InputError(raw, "broken symbolic link")
        else:
            yield InputError(raw, "no such file or directory")


def _walk(top: Path) -> Iterator[Source | InputError]:
    """Text files under `top`; symlinked folders followed after the real ones, each real folder once."""
    seen: set[Path] = set()
    links = [top]
    while links:
        pending, links = links, []
        for folder in sorted(pending):
            yield from _walk_folder(folder, seen, links)


def _walk_folder(folder: Path, seen: set, links: list) -> Iterator[Source | InputError]:
    try:
        real = folder.resolve()
        if real in seen:
            return  # a symlink loop, or a folder reached twice: its files are listed already
        seen.add(real)
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        yield InputError(str(folder), f"cannot read folder: {exc.strerror or exc}")
        return
    for entry in entries:
        path = Path(entry.path)
        try:
            if entry.is_dir():  # follows symlinks
                if entry.is_symlink():
                    links.append(path)
                else:
                    yield from _walk_folder(path, seen, links)
            elif path.suffix.lower() in TEXT_SUFFIXES + BILINGUAL_SUFFIXES or path.suffix.lower() in STORY_SUFFIXES and _is_story(path):
                if entry.is_file():
                    if not os.access(path, os.R_OK):
                        yield InputError(str(path), "cannot read: permission denied")
                    else:
                        yield Source(str(path), path)
                elif entry.is_symlink() and not path.exists():
                    yield InputError(str(path), "broken symbolic link")
        except OSError as exc:
            yield InputError(str(path), f"cannot read: {exc.strerror or exc}")


def _is_story(path: Path) -> bool:
    """Whether a .xml/.html/.json file in a folder is a story (NITF, NewsML-G2, ninjs, HTML), by its first KB."""
    from checker.formats import story_format

    try:
        with path.open("rb") as f:
            head = f.read(4096).decode("utf-8", "replace")
    except OSError:
        return True  # let reading it report the error
    return story_format(path.name, head) not in (None, "text")


def read(source: Source, encoding: str | None = None, max_bytes: int | None = MAX_BYTES) -> str:
    """Decode a story. UTF-8 (with or without BOM) unless `encoding` is given; larger than `max_bytes` is an error."""
    try:
        data = read_bytes(source.file, max_bytes)
    except OSError as exc:
        raise InputError(source.path, f"cannot read: {exc.strerror or exc}") from None
    if max_bytes and len(data) > max_bytes:
        raise InputError(source.path, f"larger than the input size limit of {max_bytes:,} bytes "
                         "(a story is a few KB; raise it with --max-bytes if this is really one story)")
    return decode(data, source.path, encoding)


def read_bytes(file: Path | None, max_bytes: int | None = None) -> bytes:
    """The file's bytes (stdin for None), reading at most one byte past `max_bytes`.

    A file whose size is within the limit is read whole. `read(n)` sets aside n bytes
    before it reads: a 1.3 KB story took 25-33 us to read as `read(8 MiB + 1)`, 10 us whole.
    A pipe or device (size 0) is read up to the limit, as stdin is."""
    if file is None:
        return sys.stdin.buffer.read(max_bytes + 1) if max_bytes else sys.stdin.buffer.read()
    with open(file, "rb") as handle:
        if not max_bytes or 0 < os.fstat(handle.fileno()).st_size <= max_bytes:
            return handle.read()
        return handle.read(max_bytes + 1)


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

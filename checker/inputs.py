"""Turn command-line paths into texts to check, with a clear error for each bad one."""

from __future__ import annotations

import codecs
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

TEXT_SUFFIXES = (".txt", ".text", ".md", ".markdown")
# Picked from a folder only when their content is a story format (checker.formats): NITF, NewsML-G2, ninjs, HTML.
STORY_SUFFIXES = (".xml", ".nitf", ".newsml", ".html", ".htm", ".xhtml", ".json", ".ninjs")
STDIN = "-"


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


def expand(paths: list[str]) -> Iterator[Source | InputError]:
    """Files as given, directories recursed for text files, `-` for stdin; errors in place."""
    for raw in paths:
        if raw == STDIN:
            yield Source("<stdin>", None)
            continue
        path = Path(raw)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and (
                p.suffix.lower() in TEXT_SUFFIXES or p.suffix.lower() in STORY_SUFFIXES and _is_story(p)))
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

"""Archive inputs cut into partitions that the workers read themselves.

A partition is a small, picklable description of where its stories are: a
list of file paths (folder tree), a byte range of a JSON Lines file, or row
groups of a Parquet file. The client never reads story texts; it lists files,
samples line lengths or reads Parquet footers. Partition numbers depend only
on the input and the partition size, so `--resume` can recognise them.

A JSON Lines range owns the lines that start inside it (the usual rule for
splitting line files at byte offsets): a reader seeks to its start, skips the
line in progress, and reads until a line starts at or after its end.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from checker.inputs import InputError, decode

FORMATS = ("tree", "jsonl", "parquet")
SAMPLE_LINES = 1000  # lines read to estimate a JSON Lines story's size


class ArchiveError(Exception):
    """An archive that cannot be read at all (missing, empty, wrong columns): a usage error."""


@dataclass(frozen=True)
class Story:
    id: str
    text: str | None  # None when `error` says why it cannot be checked
    path: str  # the label `lint` would show (the file path for a folder tree, else the id)
    date: str | None = None
    source: str | None = None
    desk: str | None = None
    error: str | None = None
    input_format: str | None = None  # how to read `text` (None: the options' --input-format); "text" for a bilingual file
    source_path: str = "<source>"  # the label of the Chinese original, as `lint` gives it


@dataclass(frozen=True)
class Partition:
    index: int
    kind: str  # one of FORMATS
    file: str  # the JSON Lines or Parquet file; the tree's root
    paths: tuple[str, ...] = ()  # tree: files under the root
    sources: tuple[str, ...] = ()  # tree: each file's Chinese original ("" for none), paired as `lint` pairs them
    start: int = 0  # jsonl: byte range [start, end)
    end: int = 0
    row_groups: tuple[int, ...] = ()  # parquet


def input_format(path: Path) -> str:
    if path.is_dir():
        return "tree"
    if not path.exists():
        raise ArchiveError(f"{path}: no such file or directory")
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".ndjson", ".json"):
        return "jsonl"
    if suffix in (".parquet", ".pq"):
        return "parquet"
    raise ArchiveError(f"{path}: not an archive (a folder, .jsonl or .parquet)")


def partitions(path: Path, size: int) -> Iterator[Partition]:
    """The input's partitions of about `size` stories each, in order, generated lazily."""
    kind = input_format(path)
    found = {"tree": _tree, "jsonl": _jsonl, "parquet": _parquet}[kind](path, size)
    any_ = False
    for part in found:
        any_ = True
        yield part
    if not any_:
        raise ArchiveError(f"{path}: holds no stories")


def _tree(root: Path, size: int) -> Iterator[Partition]:
    """The stories `checker lint ROOT` would check, in its order: text files, story formats (NITF, HTML, ...),
    each story's Chinese original beside it, and bilingual files (XLIFF, TMX, PO: the English and Chinese of
    their units, read where the task runs)."""
    from checker.inputs import expand

    batch: list[tuple[str, str]] = []
    index = 0
    for item in expand([str(root)]):
        if isinstance(item, InputError):
            if not item.path or Path(item.path) == root:
                continue  # a folder with no stories is simply an empty archive
            batch.append((item.path, ""))  # reading it again gives the error row
        elif item.file is not None:
            batch.append((item.path, str(item.source) if item.source else ""))
        if len(batch) == size:
            yield Partition(index, "tree", str(root), tuple(p for p, _ in batch), tuple(s for _, s in batch))
            batch, index = [], index + 1
    if batch:
        yield Partition(index, "tree", str(root), tuple(p for p, _ in batch), tuple(s for _, s in batch))


def _jsonl(path: Path, size: int) -> Iterator[Partition]:
    total = path.stat().st_size
    with path.open("rb") as f:
        lines = [len(line) for _, line in zip(range(SAMPLE_LINES), f)]
    if not lines:
        return
    block = max(1, size * sum(lines) // len(lines))
    for index, start in enumerate(range(0, total, block)):
        yield Partition(index, "jsonl", str(path), start=start, end=min(total, start + block))


def _parquet(path: Path, size: int) -> Iterator[Partition]:
    import pyarrow.parquet as pq

    meta = pq.ParquetFile(path).metadata
    names = set(meta.schema.names)
    if not {"id", "text"} <= names:
        raise ArchiveError(f"{path}: a story archive needs columns id and text (has {', '.join(sorted(names))})")
    groups: list[int] = []
    rows = index = 0
    for g in range(meta.num_row_groups):
        groups.append(g)
        rows += meta.row_group(g).num_rows
        if rows >= size:
            yield Partition(index, "parquet", str(path), row_groups=tuple(groups))
            groups, rows, index = [], 0, index + 1
    if groups:
        yield Partition(index, "parquet", str(path), row_groups=tuple(groups))


def read_partition(part: Partition, encoding: str | None = None) -> Iterator[Story]:
    """The partition's stories, read where the task runs; a bad story is a Story with an error."""
    return {"tree": _read_tree, "jsonl": _read_jsonl, "parquet": _read_parquet}[part.kind](part, encoding)


def _read_tree(part: Partition, encoding: str | None) -> Iterator[Story]:
    """Each file as `lint` reads it (checker.run.check_source): a bilingual file as its units' English
    (read as plain text) against their Chinese, any other file with its original when one was paired."""
    from checker.bilingual.files import BilingualFileError, is_bilingual, read_units
    from checker.inputs import Source, read

    for p, original in zip(part.paths, part.sources or ("",) * len(part.paths), strict=True):
        story_id = Path(os.path.relpath(p, part.file)).as_posix()
        try:
            if is_bilingual(Path(p)):
                english, chinese, _ = read_units(Path(p))
                yield Story(story_id, english, p, source=chinese, input_format="text", source_path=p)
                continue
            source = read(Source(original, Path(original)), encoding) if original else None
            yield Story(story_id, read(Source(p, Path(p)), encoding), p, source=source, source_path=original or "<source>")
        except (BilingualFileError, OSError) as exc:
            yield Story(story_id, None, p, error=f"{p}: {exc}")
        except InputError as exc:
            yield Story(story_id, None, p, error=str(exc))


def _read_jsonl(part: Partition, encoding: str | None) -> Iterator[Story]:
    name = Path(part.file).name
    with open(part.file, "rb") as f:
        offset = part.start
        if offset:
            f.seek(offset - 1)
            if f.read(1) != b"\n":
                offset += len(f.readline())  # the line in progress belongs to the previous range
        while offset < part.end:
            line = f.readline()
            if not line:
                break
            label, offset = f"{name}@{offset}", offset + len(line)
            if line.strip():
                yield _json_story(line, label, encoding)


def _json_story(line: bytes, label: str, encoding: str | None) -> Story:
    try:
        record = json.loads(decode(line, label, encoding))
    except InputError as exc:
        return Story(label, None, label, error=str(exc))
    except json.JSONDecodeError as exc:
        return Story(label, None, label, error=f"{label}: not a JSON object ({exc.msg} at column {exc.colno})")
    if not isinstance(record, dict):
        return Story(label, None, label, error=f"{label}: not a JSON object")
    return _story(record, label)


def _story(record: dict, label: str, encoding: str | None = None) -> Story:
    """A story from a record's fields: `id` and `text`, optional `date`, `source`, `desk`."""
    story_id = str(record["id"]) if record.get("id") is not None else label
    date, source, desk = (str(record[k]) if record.get(k) is not None else None for k in ("date", "source", "desk"))
    text = record.get("text")
    try:
        if isinstance(text, bytes):
            text = decode(text, story_id, encoding)
        elif not isinstance(text, str):
            raise InputError(story_id, "no text (a story needs a `text` string)")
        elif not text.strip():
            raise InputError(story_id, "empty story, nothing to check")
    except InputError as exc:
        return Story(story_id, None, story_id, date=date, source=source, desk=desk, error=str(exc))
    return Story(story_id, text, story_id, date=date, source=source, desk=desk)


def _read_parquet(part: Partition, encoding: str | None) -> Iterator[Story]:
    import pyarrow.parquet as pq

    f = pq.ParquetFile(part.file)
    columns = [c for c in ("id", "text", "date", "source", "desk") if c in f.schema_arrow.names]
    row = sum(f.metadata.row_group(g).num_rows for g in range(part.row_groups[0])) if part.row_groups else 0
    for batch in f.iter_batches(batch_size=256, row_groups=list(part.row_groups), columns=columns):
        for record in batch.to_pylist():
            yield _story(record, f"{Path(part.file).name}#{row}", encoding)
            row += 1

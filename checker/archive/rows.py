"""Findings as rows, and the output folder they are written to, one file per partition.

A row is one finding of one story, in the fields of the JSON report
(checker.reporters.base.finding_dict) plus the story id; `related` is a JSON
string. A story that could not be checked is one row with `error` set and no
rule. Every file is written to a dot-named temporary and renamed into place,
so a file that exists is complete: `--resume` trusts it, and a task re-run
after a worker died simply writes the same file again.

The output (`--output OUT.parquet` or `OUT.jsonl`) is a folder: `part-N` and
`cross-N` files of rows (pyarrow.dataset and `cat` read them as one table),
`_stats/part-N.json` per partition, `_run.json` (what was asked) and
`_summary.json` (the run summary, written last).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from checker.finding import Finding
from checker.reporters.base import finding_dict

FIELDS = ("story", "rule", "severity", "message", "start", "end", "line", "column", "end_line", "end_column",
          "text", "suggestion", "fingerprint", "related", "error")
INTS = {"start", "end", "line", "column", "end_line", "end_column"}
OUTPUT_FORMATS = {".parquet": "parquet", ".jsonl": "jsonl"}


def output_format(out: Path) -> str:
    fmt = OUTPUT_FORMATS.get(out.suffix.lower())
    if fmt is None:
        raise ValueError(f"{out}: the output must end in .parquet or .jsonl")
    return fmt


def finding_row(story: str, f: Finding) -> dict:
    d = finding_dict(f)
    row = {k: d.get(k) for k in FIELDS}
    row.update(story=story, related=json.dumps(d["related"], ensure_ascii=False), error=None,
               suggestion=f.suggestion)  # the archive's own column (the JSON report 2.0 has `replacements` instead)
    return row


def error_row(story: str, error: str) -> dict:
    return {**dict.fromkeys(FIELDS), "story": story, "severity": "error", "error": error}


def schema():
    import pyarrow as pa

    return pa.schema([(k, pa.int64() if k in INTS else pa.string()) for k in FIELDS])


def atomic_write(path: Path, write) -> None:
    """write(tmp_path) then rename: readers never see half a file."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    write(tmp)
    os.replace(tmp, path)


def write_rows(path: Path, rows: list[dict], fmt: str) -> None:
    def write(tmp: Path) -> None:
        if fmt == "parquet":
            import pyarrow as pa
            import pyarrow.parquet as pq

            pq.write_table(pa.Table.from_pylist(rows, schema=schema()), tmp)
        else:
            with open(tmp, "w", encoding="utf-8") as f:
                for row in rows:
                    f.write(json.dumps(row, ensure_ascii=False) + "\n")

    atomic_write(path, write)


def write_json(path: Path, data) -> None:
    atomic_write(path, lambda tmp: tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8"))


def part_name(prefix: str, index: int, fmt: str) -> str:
    return f"{prefix}-{index:06d}.{fmt}"


def read_rows(out: Path) -> list[dict]:
    """Every row of an output folder, partition files in order (for tests and small archives)."""
    fmt = output_format(out)
    rows: list[dict] = []
    for p in sorted(out.glob(f"*.{fmt}")):
        if fmt == "parquet":
            import pyarrow.parquet as pq

            rows += pq.read_table(p).to_pylist()
        else:
            rows += [json.loads(line) for line in p.read_text(encoding="utf-8").splitlines()]
    return rows

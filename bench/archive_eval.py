"""How well the archive passes recover planted cross-story drift (bench/archive_generate.py).

    python bench/archive_eval.py [--count 2000] [--seed 1] [--workers 2] [--checker CMD] [--json OUT]

Runs `checker names learn` and `checker batch --cross-story` on a generated
archive and scores them against its truth.json:
- learned variants: precision and recall of {canonical, variant} pairs;
- cross-story spellings: stories flagged for a minority spelling vs stories
  that use a planted variant;
- cross-story numbers: stories flagged for a conflicting batch number vs
  stories with a planted wrong number.
"""
from __future__ import annotations

import argparse
import json
import os
import shlex
import subprocess
import sys
import time

if __package__ in (None, ""):
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from bench.archive_generate import generate, score_authority, write_archive  # noqa: E402


def prf(found: set, truth: set) -> dict:
    right = found & truth
    return {"truth": len(truth), "found": len(found), "right": len(right),
            "precision": round(len(right) / len(found), 3) if found else 1.0,
            "recall": round(len(right) / len(truth), 3) if truth else 1.0}


def evaluate(checker: list[str], out: str, count: int, seed: int, workers: int) -> dict:
    import yaml

    from checker.archive.rows import read_rows

    stories, truth = generate(count, seed)
    archive = write_archive(stories, out, "jsonl")
    authority, findings = os.path.join(out, "authority.yaml"), os.path.join(out, "findings.parquet")
    started = time.monotonic()
    subprocess.run([*checker, "names", "learn", archive, "--output", authority, "--workers", str(workers)], check=True)
    learn_s = time.monotonic() - started
    started = time.monotonic()
    subprocess.run([*checker, "batch", archive, "--output", findings, "--workers", str(workers), "--cross-story",
                    "--fail-on", "never"], check=True)
    batch_s = time.monotonic() - started
    with open(authority, encoding="utf-8") as f:
        entries = yaml.safe_load(f) or []
    rows = read_rows(__import__("pathlib").Path(findings))
    minority = {(sid, s.casefold()) for e in truth["entities"] for s, ids in e["spellings"].items()
                if s != e["canonical"] for sid in ids}
    flagged = {(r["story"], r["text"].casefold()) for r in rows if r["rule"] == "archive.name-drift"}
    numbers = {r["story"] for r in rows if r["rule"] == "archive.ordinal-conflict"}
    return {"stories": count, "seed": seed, "learn_seconds": round(learn_s, 1), "batch_seconds": round(batch_s, 1),
            "learned_variants": score_authority(truth, entries),
            "cross_story_spellings": prf(flagged, minority),
            "cross_story_numbers": prf(numbers, set(truth["wrong_numbers"]))}


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--count", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--checker", default="checker")
    ap.add_argument("--out", default="bench/out/archive-eval")
    ap.add_argument("--json")
    args = ap.parse_args(argv)
    result = evaluate(shlex.split(args.checker), args.out, args.count, args.seed, args.workers)
    text = json.dumps(result, indent=1)
    print(text)
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            f.write(text)


if __name__ == "__main__":
    main()

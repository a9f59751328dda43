"""How `checker batch` scales: Dask with 1 and 2 workers against serial `checker lint` and `--jobs`.

    python bench/batch_scale.py [--count 10000] [--mqm-repeat 5] [--checker CMD] [--json OUT]

Two archives: COUNT stories from bench/generate.py, and the shared
mqm-wmt20 set (real MT news) repeated MQM_REPEAT times under new ids. Each is
written as a folder tree (for `lint`) and as JSON Lines (for `batch`), then
checked in one run by: `lint` serially, `lint --jobs 2`, `batch --workers 1`
and `batch --workers 2` (a LocalCluster of single-threaded processes).
Figures: wall time and stories/s (start-up included), the batch's own
start-up (cluster up, rules loaded on every worker) and steady rate without
it, scaling efficiency (2-worker rate over twice the 1-worker rate), peak
memory per worker (from each task's rusage, reported in _summary.json), and
Dask's overhead over `--jobs 2` (wall time ratio). The full run of the issue
is `--count 100000` (about 20 minutes of lint alone on one core).
`--names 10000,100000 --count 0` times only the cross-story clustering.
"""
from __future__ import annotations

import argparse
import json
import os
import shlex
import shutil
import sys

if __package__ in (None, ""):
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from bench.generate import write_corpus  # noqa: E402
from bench.timing import run_timed  # noqa: E402

MQM = "/work/shared/corpus/mqm-wmt20"


def archives(out: str, count: int, seed: int, mqm_repeat: int) -> dict:
    """{name: (tree, jsonl, stories)} written under out/."""
    made = {}
    gen = os.path.join(out, "generated")
    if not os.path.isdir(gen) or len([n for n in os.listdir(gen) if n.endswith(".txt")]) != count:
        shutil.rmtree(gen, ignore_errors=True)
        write_corpus(gen, count=count, seed=seed)
    made["generated"] = (gen, to_jsonl(gen, os.path.join(out, "generated.jsonl")), count)
    if mqm_repeat:
        if not os.path.isdir(MQM):
            raise SystemExit(f"{MQM} is missing (the shared corpora)")
        tree = os.path.join(out, "mqm")
        shutil.rmtree(tree, ignore_errors=True)
        names = sorted(n for n in os.listdir(MQM) if n.endswith(".txt"))
        for r in range(mqm_repeat):
            os.makedirs(os.path.join(tree, f"r{r}"))
            for n in names:
                shutil.copyfile(os.path.join(MQM, n), os.path.join(tree, f"r{r}", n))
        made["mqm-wmt20"] = (tree, to_jsonl(tree, os.path.join(out, "mqm.jsonl")), len(names) * mqm_repeat)
    return made


def to_jsonl(tree: str, path: str) -> str:
    with open(path, "w", encoding="utf-8") as f:
        for folder, dirs, files in os.walk(tree):
            dirs.sort()
            for n in sorted(files):
                if n.endswith(".txt"):
                    p = os.path.join(folder, n)
                    with open(p, encoding="utf-8") as t:
                        f.write(json.dumps({"id": os.path.relpath(p, tree), "text": t.read()}, ensure_ascii=False) + "\n")
    return path


def measure(checker: list[str], tree: str, jsonl: str, stories: int, out: str, partition: int) -> dict:
    rows = {}
    for label, jobs in (("lint serial", 1), ("lint --jobs 2", 2)):
        run = run_timed([*checker, "lint", "--format", "json", "--fail-on", "never", "--jobs", str(jobs),
                         "--output", os.devnull, tree])
        if run.returncode not in (0, 1):
            raise RuntimeError(f"{label}: {run.stderr[-400:]}")
        rows[label] = {"seconds": round(run.seconds, 2), "stories_per_s": round(stories / run.seconds, 1),
                       "peak_rss_mb": round(run.max_rss_mb, 1)}
    for workers in (1, 2):
        dest = os.path.join(out, f"findings-{workers}.parquet")
        run = run_timed([*checker, "batch", jsonl, "--output", dest, "--workers", str(workers), "--fail-on", "never",
                         "--partition-size", str(partition)])
        if run.returncode not in (0, 1):
            raise RuntimeError(f"batch --workers {workers}: {run.stderr[-400:]}")
        with open(os.path.join(dest, "_summary.json"), encoding="utf-8") as f:
            summary = json.load(f)
        steady = summary["seconds"] - summary["startup_seconds"]
        rows[f"batch --workers {workers}"] = {
            "seconds": round(run.seconds, 2), "stories_per_s": round(stories / run.seconds, 1),
            "startup_s": summary["startup_seconds"], "steady_stories_per_s": round(stories / steady, 1),
            "client_peak_rss_mb": round(run.max_rss_mb, 1),
            "peak_rss_mb_per_worker": summary["workers"], "findings": sum(summary["findings"].values())}
    one, two = rows["batch --workers 1"], rows["batch --workers 2"]
    return {"stories": stories, "runs": rows,
            "scaling_efficiency": round(two["stories_per_s"] / (2 * one["stories_per_s"]), 3),
            "steady_scaling_efficiency": round(two["steady_stories_per_s"] / (2 * one["steady_stories_per_s"]), 3),
            "dask_over_jobs": round(two["seconds"] / rows["lint --jobs 2"]["seconds"] - 1, 3),
            "per_core_steady_stories_per_s": one["steady_stories_per_s"]}


def clustering_cost(sizes: list[int]) -> dict:
    """Seconds for the client's cross-story step (name_drift.drift_groups) on N distinct spellings:
    the part of `names learn` and `--cross-story` that grows with distinct names, not stories."""
    import time

    from bench.names_speed import sample_names
    from checker.kinds.name_drift import drift_groups
    from checker.names import NameMatcher

    matcher, out = NameMatcher.load(), {}
    for n in sizes:
        names = sample_names(n)
        start = time.perf_counter()
        groups, _ = drift_groups(matcher, names)
        out[n] = {"seconds": round(time.perf_counter() - start, 2), "groups": len(groups)}
        print(f"{n} distinct spellings: {out[n]}", flush=True)
    return out


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--count", type=int, default=10000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--mqm-repeat", type=int, default=5)
    ap.add_argument("--partition-size", type=int, default=500)
    ap.add_argument("--checker", default="checker")
    ap.add_argument("--out", default="bench/out/batch-scale")
    ap.add_argument("--json")
    ap.add_argument("--names", default="", help="comma-separated counts of distinct spellings to time the "
                    "cross-story clustering on (e.g. 10000,30000,100000); alone with --count 0")
    args = ap.parse_args(argv)
    os.makedirs(args.out, exist_ok=True)
    checker = shlex.split(args.checker)
    # Other processes on the machine skew every figure: the load average is recorded before and after.
    result = {"cores": os.cpu_count(), "partition_size": args.partition_size, "load_before": os.getloadavg()}
    if args.names:
        result["clustering"] = clustering_cost([int(n) for n in args.names.split(",")])
    for name, (tree, jsonl, stories) in (archives(args.out, args.count, args.seed, args.mqm_repeat).items()
                                         if args.count else ()):
        result[name] = measure(checker, tree, jsonl, stories, args.out, args.partition_size)
        print(name, json.dumps(result[name], indent=1), flush=True)
    result["load_after"] = os.getloadavg()
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(result, f, indent=1)


if __name__ == "__main__":
    main()

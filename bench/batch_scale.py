"""How `checker batch` scales: a LocalCluster of 1, 2 and all cores against serial `checker lint` and `--jobs`.

    python bench/batch_scale.py --stories 100000 --mqm-repeat 20 --json bench/out/batch-scale.json

Two archives: STORIES stories from bench/generate.py, and the shared
mqm-wmt20 set (real MT news, 1,240 stories) repeated MQM_REPEAT times under
new ids. Each is written as a folder tree (for `lint`) and as JSON Lines
(for `batch`), then checked in the same run, for each core count C of
`--cores` (default 1, 2 and all): `lint --jobs C` (C = 1 is the serial CLI)
and `batch --workers C` (a LocalCluster of C single-threaded processes).

Figures per run: wall seconds and stories/s (start-up included); CPU
seconds of the whole process tree (client, scheduler, nannies, workers:
os.wait4 of the command, so every descendant it reaped counts); for a
batch, its start-up (cluster up, rules loaded on every worker), the steady
rate without it, and per worker the partitions it ran, its peak resident
memory (VmHWM), its whole-process CPU and the CPU inside its tasks.
Derived, per core count: scaling efficiency (rate over C times the
1-worker rate; and over C times the serial CLI's rate), Dask's overhead over
`--jobs C` (wall and CPU), and the CPU overhead ratio (the batch's CPU, and
its workers' CPU, over the serial CLI's CPU for the same stories). On a
shared machine the wall figures mislead; the CPU ratios hold. `--repeat N`
keeps the best of N runs of each (fewest seconds; least CPU).

The generated corpus is written once per size and seed under --out and
reused. `--names 10000,100000 --stories 0` times only the cross-story
clustering (the step that grows with distinct names).
"""
from __future__ import annotations

import argparse
import json
import os
import shlex
import shutil
import subprocess
import sys
import time

if __package__ in (None, ""):
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
MQM = "/work/shared/corpus/mqm-wmt20"
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def archives(out: str, count: int, seed: int, mqm_repeat: int) -> dict:
    """{name: (tree, jsonl, stories)} written under out/ (the generated tree is reused when complete)."""
    made = {}
    if count:
        gen = os.path.join(out, f"generated-{count}-{seed}")
        done = os.path.join(gen, "expected.yaml")  # written last by bench/generate.py
        if not os.path.exists(done):
            shutil.rmtree(gen, ignore_errors=True)
            # A child process, so this driver stays small (its peak would be carried into every child's ru_maxrss).
            subprocess.run([sys.executable, os.path.join(ROOT, "bench", "generate.py"), "--out", gen,
                            "--count", str(count), "--seed", str(seed)], check=True, stdout=subprocess.DEVNULL)
        made["generated"] = (gen, to_jsonl(gen, gen + ".jsonl"), count)
    if mqm_repeat:
        if not os.path.isdir(MQM):
            raise SystemExit(f"{MQM} is missing (the shared corpora)")
        tree = os.path.join(out, f"mqm-x{mqm_repeat}")
        names = sorted(n for n in os.listdir(MQM) if n.endswith(".txt"))
        if not os.path.isdir(tree) or sum(len(f) for _, _, f in os.walk(tree)) != len(names) * mqm_repeat:
            shutil.rmtree(tree, ignore_errors=True)
            for r in range(mqm_repeat):
                os.makedirs(os.path.join(tree, f"r{r:03d}"))
                for n in names:
                    shutil.copyfile(os.path.join(MQM, n), os.path.join(tree, f"r{r:03d}", n))
        made["mqm-wmt20"] = (tree, to_jsonl(tree, tree + ".jsonl"), len(names) * mqm_repeat)
    return made


def to_jsonl(tree: str, path: str) -> str:
    if os.path.exists(path) and os.path.getmtime(path) >= os.path.getmtime(tree):
        return path
    with open(path + ".tmp", "w", encoding="utf-8") as f:
        for folder, dirs, files in os.walk(tree):
            dirs.sort()
            for n in sorted(files):
                if n.endswith(".txt"):
                    p = os.path.join(folder, n)
                    with open(p, encoding="utf-8") as t:
                        f.write(json.dumps({"id": os.path.relpath(p, tree), "text": t.read()}, ensure_ascii=False) + "\n")
    os.replace(path + ".tmp", path)
    return path


def timed(cmd: list[str], out: str) -> dict:
    """Wall seconds, peak RSS (largest process) and CPU seconds of the whole process tree, from os.wait4.

    Standard output goes to a file under `out` (never `--output /dev/null`: lint writes its report
    atomically, and as root that renames a temporary file over /dev/null). This driver stays small, so
    the peak the command inherits at fork is not its own."""
    log = os.path.join(out, "last-run")
    start = time.perf_counter()
    with open(log + ".out", "wb") as stdout, open(log + ".err", "wb") as stderr:
        proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=stdout, stderr=stderr)
        _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    proc.returncode = code
    if code not in (0, 1):
        with open(log + ".err", encoding="utf-8", errors="replace") as f:
            raise RuntimeError(f"{shlex.join(cmd)}: exit {code}: {f.read()[-600:]}")
    return {"seconds": round(seconds, 2), "cpu_seconds": round(usage.ru_utime + usage.ru_stime, 2),
            "peak_rss_mb": round(usage.ru_maxrss / 1024, 1)}


def best(runs: list[dict]) -> dict:
    """The fastest run's figures, with the least CPU any of them took."""
    top = dict(min(runs, key=lambda r: r["seconds"]))
    top["cpu_seconds"] = min(r["cpu_seconds"] for r in runs)
    return top


def lint_run(checker: list[str], tree: str, jobs: int, stories: int, out: str, repeat: int) -> dict:
    cmd = [*checker, "lint", "--format", "json", "--fail-on", "never", "--jobs", str(jobs), tree]
    row = best([timed(cmd, out) for _ in range(repeat)])
    row["stories_per_s"] = round(stories / row["seconds"], 1)
    return row


def batch_run(checker: list[str], jsonl: str, workers: int, stories: int, out: str, partition: int, repeat: int) -> dict:
    runs = []
    for _ in range(repeat):
        dest = os.path.join(out, f"findings-{workers}.parquet")
        row = timed([*checker, "batch", jsonl, "--output", dest, "--workers", str(workers), "--fail-on", "never",
                     "--partition-size", str(partition)], out)
        with open(os.path.join(dest, "_summary.json"), encoding="utf-8") as f:
            summary = json.load(f)
        if summary["stories"] + summary["errors"] != stories:
            raise RuntimeError(f"batch --workers {workers} read {summary['stories']} stories, not {stories}")
        workers_ = summary["workers"]
        row.update(largest_process_peak_rss_mb=row.pop("peak_rss_mb"), startup_s=summary["startup_seconds"],
                   steady_seconds=round(summary["seconds"] - summary["startup_seconds"], 2),
                   partitions=summary["partitions"], findings=sum(summary["findings"].values()),
                   worker_cpu_seconds=round(sum(w.get("cpu_seconds", 0) for w in workers_.values()), 2),
                   task_cpu_seconds=round(sum(w["task_cpu_seconds"] for w in workers_.values()), 2),
                   peak_rss_mb_per_worker=max(w["peak_rss_mb"] for w in workers_.values()), workers=workers_)
        runs.append(row)
    row = dict(min(runs, key=lambda r: r["seconds"]))
    for key in ("cpu_seconds", "worker_cpu_seconds", "task_cpu_seconds"):
        row[key] = min(r[key] for r in runs)
    row["stories_per_s"] = round(stories / row["seconds"], 1)
    row["steady_stories_per_s"] = round(stories / row["steady_seconds"], 1)
    return row


def partition_size(stories: int, workers: int, per_worker: int = 10, largest: int = 500) -> int:
    """500 stories a partition, or fewer so that each worker gets `per_worker` partitions: with only
    a few a worker, the last wave leaves cores idle (5 partitions on 2 workers cap the efficiency at
    5/6) and that, not Dask, would be what the efficiency measures."""
    return max(1, min(largest, stories // (workers * per_worker)))


def measure(checker: list[str], tree: str, jsonl: str, stories: int, out: str, partition: int, cores: list[int],
            repeat: int) -> dict:
    runs: dict[str, dict] = {}
    for c in cores:  # the CLI and the batch at the same core count back to back: they see the same load
        runs[f"lint --jobs {c}"] = lint_run(checker, tree, c, stories, out, repeat)
        runs[f"batch --workers {c}"] = batch_run(checker, jsonl, c, stories, out, partition, repeat)
        print(f"  {c} core(s): lint {runs[f'lint --jobs {c}']}\n  batch {runs[f'batch --workers {c}']}", flush=True)
    serial, one = runs["lint --jobs 1"], runs[f"batch --workers {cores[0]}"]
    derived = {}
    for c in cores:
        b, lint = runs[f"batch --workers {c}"], runs[f"lint --jobs {c}"]
        derived[c] = {
            "stories_per_s": b["stories_per_s"],
            "scaling_efficiency": round(b["stories_per_s"] / (c * one["stories_per_s"]), 3),
            "steady_scaling_efficiency": round(b["steady_stories_per_s"] / (c * one["steady_stories_per_s"]), 3),
            "efficiency_vs_serial_cli": round(b["stories_per_s"] / (c * serial["stories_per_s"]), 3),
            "dask_over_jobs_wall": round(b["seconds"] / lint["seconds"] - 1, 3),
            "dask_over_jobs_cpu": round(b["cpu_seconds"] / lint["cpu_seconds"] - 1, 3),
            "cpu_overhead_ratio": round(b["cpu_seconds"] / serial["cpu_seconds"], 3),
            "worker_cpu_overhead_ratio": round(b["worker_cpu_seconds"] / serial["cpu_seconds"], 3),
            "peak_rss_mb_per_worker": b["peak_rss_mb_per_worker"],
            # Everything Dask adds: start-up, the client and scheduler, each worker's own threads. An upper
            # bound on the cost per partition (it includes the fixed start-up).
            "cpu_outside_tasks_s": round(b["cpu_seconds"] - b["task_cpu_seconds"], 2),
            "cpu_outside_tasks_per_partition_ms": round(1000 * (b["cpu_seconds"] - b["task_cpu_seconds"]) / b["partitions"], 1),
        }
    return {"stories": stories, "runs": runs, "by_cores": derived,
            "per_core_steady_stories_per_s": one["steady_stories_per_s"],
            "serial_cli_stories_per_cpu_s": round(stories / serial["cpu_seconds"], 1)}


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


TARGET = 10_000_000


def projection(measured: dict) -> list[str]:
    """Hours for 10 million stories on 10 and 100 cores, from this run's per-core steady rate and the
    scaling efficiency at the most cores measured (docs/scale.md explains the formula and its limits)."""
    rate = measured["per_core_steady_stories_per_s"]
    most = max(measured["by_cores"])
    eff = min(1.0, measured["by_cores"][most]["steady_scaling_efficiency"])
    lines = [f"per-core steady rate r = {rate} stories/s; efficiency e = {eff:.2f} (at {most} cores)"]
    for cores in (10, 100):
        hours = TARGET / (rate * cores * eff) / 3600
        lines.append(f"  {TARGET:,} stories on {cores} cores: {TARGET:,} / ({rate} x {cores} x {eff:.2f}) s = {hours:.2f} h")
    return lines


def table(result: dict) -> str:
    """The figures as a Markdown table, for the README."""
    lines = ["| archive | cores | stories/s | scaling eff. | eff. vs serial CLI | Dask over --jobs (wall / CPU) "
             "| CPU ratio to serial CLI | peak MB per worker |", "|---|---|---|---|---|---|---|---|"]
    for name in ("generated", "mqm-wmt20"):
        if name not in result:
            continue
        for c, d in result[name]["by_cores"].items():
            lines.append(f"| {name} ({result[name]['stories']:,}) | {c} | {d['stories_per_s']} | {d['scaling_efficiency']:.2f} "
                         f"| {d['efficiency_vs_serial_cli']:.2f} | {d['dask_over_jobs_wall']:+.0%} / {d['dask_over_jobs_cpu']:+.0%} "
                         f"| {d['cpu_overhead_ratio']:.2f} | {d['peak_rss_mb_per_worker']:.0f} |")
    for name in ("generated", "mqm-wmt20"):
        if name in result:
            lines += ["", f"Projection ({name}):", *projection(result[name])]
    return "\n".join(lines)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--stories", "--count", dest="stories", type=int, default=10000, help="generated stories")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--mqm-repeat", type=int, default=5)
    ap.add_argument("--cores", default="1,2,all", help="core counts to run at, comma-separated ('all' = this machine's)")
    ap.add_argument("--repeat", type=int, default=1, help="runs of each, keeping the best")
    ap.add_argument("--partition-size", type=int, default=0,
                    help="stories per partition (default: 500, or fewer so every worker gets at least 10 partitions)")
    ap.add_argument("--checker", default=f"{sys.executable} -m checker")
    ap.add_argument("--out", default="bench/out/batch-scale")
    ap.add_argument("--json")
    ap.add_argument("--names", default="", help="comma-separated counts of distinct spellings to time the "
                    "cross-story clustering on (e.g. 10000,30000,100000); alone with --stories 0 --mqm-repeat 0")
    args = ap.parse_args(argv)
    os.makedirs(args.out, exist_ok=True)
    checker = shlex.split(args.checker)
    cores = sorted({(os.cpu_count() or 1) if c.strip() == "all" else int(c) for c in args.cores.split(",")})
    if cores[0] != 1:
        cores.insert(0, 1)  # the serial CLI and the 1-worker rate are what the others are measured against
    # Other processes on the machine skew every figure: the load average is recorded before and after.
    result = {"cores": os.cpu_count(), "core_counts": cores,
              "command": shlex.join([sys.executable, *sys.argv]) if argv is None else None,
              "load_before": os.getloadavg()}
    if args.names:
        result["clustering"] = clustering_cost([int(n) for n in args.names.split(",")])
    for name, (tree, jsonl, stories) in archives(args.out, args.stories, args.seed, args.mqm_repeat).items():
        print(f"{name}: {stories} stories", flush=True)
        size = args.partition_size or partition_size(stories, max(cores))
        result[name] = measure(checker, tree, jsonl, stories, args.out, size, cores, args.repeat)
        result[name]["partition_size"] = size
        print(json.dumps(result[name]["by_cores"], indent=1), flush=True)
    result["load_after"] = os.getloadavg()
    if any(k in result for k in ("generated", "mqm-wmt20")):
        print(table(result))
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(result, f, indent=1)


if __name__ == "__main__":
    main()

"""The Dask side: a worker plugin that loads the rules once, tasks that read and check one partition
each, and the driver that feeds the cluster a bounded window of partitions.

Tasks receive partition descriptions (paths, byte ranges, row groups), read
the stories themselves and write their own output file; what travels back to
the client is a small stats dict, so the client's memory does not grow with
the archive. A worker that dies takes only its running partitions with it:
the scheduler re-runs them elsewhere and the atomic writes make a re-run
harmless.
"""

from __future__ import annotations

import json
import logging
import resource
import sys
import time
from collections import Counter
from collections.abc import Sequence
from contextlib import contextmanager
from dataclasses import asdict, replace
from pathlib import Path
from typing import Any

import dask
from distributed import Client, LocalCluster, WorkerPlugin, as_completed, get_worker

from checker.api import Checker, Options
from checker.archive import names as namepass
from checker.archive.readers import Partition, partitions, read_partition
from checker.archive.rows import error_row, finding_row, output_format, part_name, write_json, write_rows
from checker.results import Summary, empty_counts
from checker.run import settle_heap

PLUGIN = "checker-rules"
WINDOW_PER_WORKER = 4  # partitions queued per worker thread: enough to keep it busy, few enough to stay small


class RulesPlugin(WorkerPlugin):
    """Builds the Checker (and the name pass) once when a worker starts, not once per task."""

    name = PLUGIN
    checker: Checker
    name_pass: namepass.NamePass | None = None

    def __init__(self, options: Options, names: bool):
        self.options, self.names = options, names

    def setup(self, worker=None):
        self.checker = Checker(self.options)
        self.name_pass = namepass.NamePass(self.checker.rules) if self.names else None
        settle_heap()


def _loaded(options: Options, names: bool) -> RulesPlugin:
    plugin = get_worker().plugins.get(PLUGIN)
    if not isinstance(plugin, RulesPlugin) or plugin.options != options or (names and plugin.name_pass is None):
        plugin = RulesPlugin(options, names)  # a worker that joined without the plugin (should not happen)
        plugin.setup()
    return plugin


def check_partition(part: Partition, out: str | None, fmt: str, options: Options, check: bool, names: bool) -> dict:
    """Check one partition (and/or tally its names); write its files; return its stats."""
    plugin = _loaded(options, names)
    name_pass = plugin.name_pass if names else None
    stats: dict[str, Any] = {"index": part.index, "stories": 0, "errors": 0, "words": 0, "rule_failures": 0,
                             "internal_errors": 0,
                             "findings": empty_counts(), "rules": Counter(),
                             "tally": namepass.new_tally() if names else None}
    rows, mentions = [], []
    cpu_start = time.process_time()
    for n, story in enumerate(read_partition(part, options.encoding)):
        if story.text is not None:
            try:
                if check:
                    result = plugin.checker.check_text(story.text, story.path, story.input_format, story.source,
                                                       story.source_path)
                    rows += [finding_row(story.id, f) for f in result.findings]
                    for failure in result.failures:  # a rule that could not finish here: an error row naming it, as lint
                        rows.append({**error_row(story.id, str(failure)), "rule": failure.rule_id})
                        stats["rule_failures"] += 1
                        stats["internal_errors"] += failure.internal
                    stats["words"] += result.words
                    for f in result.findings:
                        stats["findings"][str(f.severity)] += 1
                        stats["rules"][f.rule_id] += 1
                if name_pass is not None:
                    found = name_pass.mentions(story.id, story.path, story.text, story.date)
                    namepass.add_mentions(stats["tally"], found, (part.index, n))
                    mentions += found
                stats["stories"] += 1
                continue
            except Exception as exc:  # a rule that fails on one story costs that story, not the job
                story = replace(story, error=f"{story.path}: internal error: {type(exc).__name__}: {exc}")
        rows.append(error_row(story.id, story.error or "unreadable"))
        stats["errors"] += 1
    stats["rules"] = dict(stats["rules"])
    stats["cpu_seconds"] = time.process_time() - cpu_start
    stats["peak_rss_mb"] = peak_rss_mb()
    stats["worker"] = get_worker().name
    if names:
        namepass.shrink(stats["tally"])
    if out is not None:
        folder = Path(out)
        if names:
            write_rows(folder / "_mentions" / part_name("part", part.index, "jsonl"), mentions, "jsonl")
        write_json(folder / "_stats" / f"part-{part.index:06d}.json", stats)
        write_rows(folder / part_name("part", part.index, fmt), rows, fmt)  # last: its presence means done
    return stats


def peak_rss_mb() -> float:
    """This process's peak resident set since it started (VmHWM; ru_maxrss would include the
    peak its parent had when it forked it, which Linux carries over)."""
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)


def worker_usage() -> dict:
    """CPU seconds (every thread: the checks and Dask's own work) and peak memory of this worker process."""
    return {"cpu_seconds": round(time.process_time(), 2), "peak_rss_mb": round(peak_rss_mb(), 1)}


def cross_partition(index: int, out: str, fmt: str, found: dict) -> int:
    """The cross-story findings of one partition, from the mentions its check task saved."""
    folder = Path(out)
    path = folder / "_mentions" / part_name("part", index, "jsonl")
    mentions = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    rows = namepass.cross_rows(mentions, found)
    write_rows(folder / part_name("cross", index, fmt), rows, fmt)
    return len(rows)


@contextmanager
def cluster(workers: int, scheduler: str | None):
    """A client on the given scheduler, or on a LocalCluster of `workers` single-threaded processes.

    The local workers run without Dask's statistical profiler: it samples the task thread's stack every
    10 ms for a dashboard this cluster does not serve, and cost the checks about 5% of their CPU.
    """
    if scheduler:
        with Client(scheduler) as client:
            yield client
        return
    with dask.config.set({"distributed.worker.profile.enabled": False}), \
            LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
                         silence_logs=logging.ERROR) as local, Client(local) as client:
        yield client


class Line:
    """A one-line progress display on stderr, only when a person watches a terminal."""

    def __init__(self, stream=sys.stderr, label: str = "batch"):
        self.stream, self.label = stream, label
        self.enabled = hasattr(stream, "isatty") and stream.isatty()
        self.last = 0.0

    def show(self, done: int, queued: int, stories: int, started: float, final: bool = False) -> None:
        now = time.monotonic()
        if not self.enabled or (not final and now - self.last < 0.2):
            return
        self.last = now
        rate = stories / max(now - started, 1e-9)
        self.stream.write(f"\r\x1b[Kchecker: {self.label}: {done}/{queued} partitions, {stories} stories, {rate:.0f} stories/s")
        if final:
            self.stream.write("\r\x1b[K")
        self.stream.flush()


def _feed(client: Client, tasks, handle, line: Line, started: float, stories) -> None:
    """Submit tasks (zero-argument (key, submit) pairs) keeping a bounded window in flight."""
    window = max(4, WINDOW_PER_WORKER * max(1, sum(client.nthreads().values())))
    pending = as_completed()
    queued = done = 0
    tasks = iter(tasks)
    for _ in range(window):
        task = next(tasks, None)
        if task is None:
            break
        pending.add(task())
        queued += 1
    for future in pending:
        handle(future.result())
        future.release()
        done += 1
        task = next(tasks, None)
        if task is not None:
            pending.add(task())
            queued += 1
        line.show(done, queued, stories(), started)
    line.show(done, queued, stories(), started, final=True)


def run_batch(input_path: Path, out: Path, options: Options, workers: int = 2, scheduler: str | None = None,
              resume: bool = False, partition_size: int = 500, cross_story: bool = False, house: Sequence[dict] = ()) -> dict:
    """Check an archive into `out`; returns the run summary (also written to out/_summary.json)."""
    fmt = output_format(out)
    run_info = {"input": str(input_path.resolve()), "partition_size": partition_size, "cross_story": cross_story,
                "options": asdict(options)}
    _prepare(out, run_info, resume)
    started = time.monotonic()
    totals: dict[str, Any] = {"partitions": 0, "resumed": 0, "stories": 0, "errors": 0, "words": 0, "rule_failures": 0,
              "internal_errors": 0, "findings": empty_counts(),
              "rules": Counter(), "workers": {}}
    tally = namepass.new_tally()
    indices: list[int] = []

    def add(stats: dict, resumed: bool = False) -> None:
        totals["partitions"] += 1
        for key in ("stories", "errors", "words", "rule_failures", "internal_errors"):
            totals[key] += stats.get(key, 0)
        for key, n in stats["findings"].items():
            totals["findings"][key] += n
        totals["rules"].update(stats["rules"])
        if "worker" in stats and not resumed:
            w = totals["workers"].setdefault(str(stats["worker"]), {"partitions": 0, "task_cpu_seconds": 0.0,
                                                                     "peak_rss_mb": 0.0})
            w["partitions"] += 1
            w["task_cpu_seconds"] = round(w["task_cpu_seconds"] + stats.get("cpu_seconds", 0.0), 2)
            w["peak_rss_mb"] = max(w["peak_rss_mb"], round(stats["peak_rss_mb"], 1))
        if stats["tally"] is not None:
            namepass.merge(tally, stats["tally"])

    with cluster(workers, scheduler) as client:
        client.register_plugin(RulesPlugin(options, cross_story))
        totals["startup_seconds"] = round(time.monotonic() - started, 3)  # cluster up, rules loaded on every worker
        line = Line()

        def tasks():
            for part in partitions(input_path, partition_size):
                indices.append(part.index)
                done = out / part_name("part", part.index, fmt)
                if resume and done.exists():
                    add(json.loads((out / "_stats" / f"part-{part.index:06d}.json").read_text(encoding="utf-8")), True)
                    totals["resumed"] += 1
                    continue
                yield lambda part=part: client.submit(check_partition, part, str(out), fmt, options, True, cross_story,
                                                      key=f"check-{part.index}", pure=False)

        _feed(client, tasks(), add, line, started, lambda: totals["stories"])
        cross = 0
        if cross_story:
            from checker.archive.names import NamePass

            found = namepass.verdicts(tally, NamePass(Checker(options).rules).matcher, house)
            shared = client.scatter(found, broadcast=True)
            counts: list[int] = []
            _feed(client, (lambda i=i: client.submit(cross_partition, i, str(out), fmt, shared, key=f"cross-{i}",
                                                     pure=False) for i in indices),
                  counts.append, Line(label="cross-story"), started, lambda: totals["stories"])
            cross = sum(counts)
        _worker_totals(client, totals["workers"])
    elapsed = time.monotonic() - started
    summary = {**totals, "rules": dict(sorted(totals["rules"].items())), "cross_story_findings": cross,
               "seconds": round(elapsed, 3), "stories_per_second": round(totals["stories"] / max(elapsed, 1e-9), 1),
               "output": str(out), "format": fmt}
    write_json(out / "_summary.json", summary)
    return summary


def _worker_totals(client: Client, workers: dict) -> None:
    """Add each live worker's whole-process CPU time and peak memory to its task figures (a worker
    that died has only the figures its finished tasks reported)."""
    try:
        usage = client.run(worker_usage)
    except Exception:  # a worker lost at the very end: the task figures stand
        return
    names = {addr: str(info.get("name", addr)) for addr, info in client.scheduler_info()["workers"].items()}
    for addr, figures in usage.items():
        w = workers.setdefault(names.get(addr, addr), {"partitions": 0, "task_cpu_seconds": 0.0, "peak_rss_mb": 0.0})
        w["cpu_seconds"] = figures["cpu_seconds"]
        w["peak_rss_mb"] = max(w["peak_rss_mb"], figures["peak_rss_mb"])


def _prepare(out: Path, run_info: dict, resume: bool) -> None:
    """Create the output folder; without --resume clear a previous run's files, with it insist on the same run."""
    out.mkdir(parents=True, exist_ok=True)
    previous = out / "_run.json"
    if resume and previous.exists():
        before = json.loads(previous.read_text(encoding="utf-8"))
        if before != json.loads(json.dumps(run_info)):
            raise ValueError(f"{out} holds a run with other input or settings; run without --resume to start over")
    elif not resume:
        for pattern in ("part-*", "cross-*", "_stats/*", "_mentions/*", "_summary.json", ".*.tmp"):
            for p in out.glob(pattern):
                p.unlink()
    (out / "_stats").mkdir(exist_ok=True)
    (out / "_mentions").mkdir(exist_ok=True)
    write_json(previous, run_info)


def summary_of(totals: dict) -> Summary:
    """The library's Summary for the exit gate."""
    return Summary(files=totals["stories"], errors=totals["errors"], words=totals["words"],
                   by_severity=dict(totals["findings"]), rule_failures=totals.get("rule_failures", 0),
                   internal_errors=totals.get("internal_errors", 0))


def learn_names(input_path: Path, options: Options, workers: int = 2, scheduler: str | None = None,
                partition_size: int = 500, house: Sequence[dict] = ()) -> tuple[list[dict], dict]:
    """The name authority entries of an archive, and counts of what was read."""
    tally = namepass.new_tally()
    totals: dict[str, Any] = {"stories": 0, "errors": 0, "partitions": 0}

    def add(stats: dict) -> None:
        totals["partitions"] += 1
        totals["stories"] += stats["stories"]
        totals["errors"] += stats["errors"]
        namepass.merge(tally, stats["tally"])

    started = time.monotonic()
    with cluster(workers, scheduler) as client:
        client.register_plugin(RulesPlugin(options, True))
        tasks = (lambda part=part: client.submit(check_partition, part, None, "jsonl", options, False, True,
                                                 key=f"names-{part.index}", pure=False)
                 for part in partitions(input_path, partition_size))
        _feed(client, tasks, add, Line(label="names"), started, lambda: totals["stories"])
    matcher = namepass.NamePass(Checker(options).rules).matcher
    totals["distinct_spellings"] = len(tally["names"])
    return namepass.learn(tally["names"], matcher, house), totals

"""Run a command once and measure it: wall time, exit code, peak memory.

The command runs under bench/child.py, which times it and reads its
rusage with os.wait4: the command's own figures, not the maximum over
every child this process has run (RUSAGE_CHILDREN), and not inflated by
this process's size, which Linux carries into a child's ru_maxrss.
"""
import json
import math
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass


CHILD = os.path.join(os.path.dirname(os.path.abspath(__file__)), "child.py")


@dataclass
class Run:
    seconds: float
    returncode: int
    max_rss_mb: float      # peak resident set of the child (largest process, not a sum)
    stdout: str
    stderr: str
    cpu_seconds: float = 0.0  # user + system CPU of the command: steadier than wall time on a shared machine


def run_timed(cmd, cwd=None, stdin_path=None, timeout=900):
    """Run cmd with output to temporary files (no pipe to drain) and time it."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, \
            tempfile.NamedTemporaryFile("r", suffix=".json") as result:
        stdin = open(stdin_path, "rb") if stdin_path else subprocess.DEVNULL
        try:
            proc = subprocess.run([sys.executable, CHILD, result.name, str(timeout), *cmd],
                                  cwd=cwd, stdin=stdin, stdout=out, stderr=err)
        finally:
            if stdin_path:
                stdin.close()
        figures = json.loads(result.read() or '{"seconds": 0, "max_rss_kb": 0}')
        out.seek(0)
        err.seek(0)
        return Run(figures["seconds"], proc.returncode, figures["max_rss_kb"] / 1024,
                   out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace"),
                   figures.get("cpu_seconds", 0.0))


def best_of(run, repeat, clock=time.perf_counter):
    """The fewest seconds, by `clock`, that `run()` took in `repeat` calls: the least disturbed one."""
    best = float("inf")
    for _ in range(repeat):
        began = clock()
        run()
        best = min(best, clock() - began)
    return best


def median_run(cmd, repeat, **kw):
    """Run cmd `repeat` times; return (median seconds, last Run); the last Run's cpu_seconds is the CPU median."""
    runs = [run_timed(cmd, **kw) for _ in range(repeat)]
    runs[-1].cpu_seconds = statistics.median(r.cpu_seconds for r in runs)
    return statistics.median(r.seconds for r in runs), runs[-1]


def growth_exponent(sizes, seconds):
    """Least-squares slope of log(time) on log(size): 1.0 is linear."""
    pts = [(math.log(n), math.log(t)) for n, t in zip(sizes, seconds) if t > 0]
    if len(pts) < 2:
        return None
    mx = sum(x for x, _ in pts) / len(pts)
    my = sum(y for _, y in pts) / len(pts)
    sxx = sum((x - mx) ** 2 for x, _ in pts)
    return sum((x - mx) * (y - my) for x, y in pts) / sxx if sxx else None

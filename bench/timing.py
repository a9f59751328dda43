"""Run a command once and measure it: wall time, exit code, peak memory.

os.wait4 gives the rusage of that one child (and whatever it waited for),
so each measurement is the child's own, not the maximum over every child
this process has run, as RUSAGE_CHILDREN would be.
"""
import math
import os
import statistics
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass


@dataclass
class Run:
    seconds: float
    returncode: int
    max_rss_mb: float      # peak resident set of the child (largest process, not a sum)
    stdout: str
    stderr: str


def run_timed(cmd, cwd=None, stdin_path=None, timeout=900):
    """Run cmd with output to temporary files (no pipe to drain) and time it."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        stdin = open(stdin_path, "rb") if stdin_path else subprocess.DEVNULL
        try:
            start = time.perf_counter()
            proc = subprocess.Popen(cmd, cwd=cwd, stdin=stdin, stdout=out, stderr=err)
            killer = threading.Timer(timeout, proc.kill)
            killer.start()
            _, status, usage = os.wait4(proc.pid, 0)
            seconds = time.perf_counter() - start
            killer.cancel()
        finally:
            if stdin_path:
                stdin.close()
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return Run(seconds, proc.returncode, usage.ru_maxrss / 1024,
                   out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace"))


def median_run(cmd, repeat, **kw):
    """Run cmd `repeat` times; return (median seconds, last Run)."""
    runs = [run_timed(cmd, **kw) for _ in range(repeat)]
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

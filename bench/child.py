"""Run one command and record its own wall time and peak memory, for timing.run_timed.

    python bench/child.py RESULT.json TIMEOUT_S CMD...

Why a go-between: on Linux a child's ru_maxrss starts from the parent's
peak resident set (it is carried over at fork and at exec), so a benchmark
driver that has parsed big JSON reports would see its own size in every
later measurement. This process stays small, so what it reads is the
command's own peak.
"""
import json
import os
import subprocess
import sys
import threading
import time


def main():
    result_path, timeout, cmd = sys.argv[1], float(sys.argv[2]), sys.argv[3:]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd)  # stdin, stdout and stderr are this process's
    killer = threading.Timer(timeout, proc.kill)
    killer.start()
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    killer.cancel()
    with open(result_path, "w", encoding="utf-8") as f:
        json.dump({"seconds": seconds, "max_rss_kb": usage.ru_maxrss, "cpu_seconds": usage.ru_utime + usage.ru_stime}, f)
    code = os.waitstatus_to_exitcode(status)
    return code if code >= 0 else 128 - code


if __name__ == "__main__":
    sys.exit(main())

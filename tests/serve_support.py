"""Start `checker serve` as a user would (a real process on a free port) and stop it with SIGTERM."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time

import httpx

from cli_support import ROOT

SEEDS = ROOT.parent / "shared" / "corpus" / "seeds"


def seed_stories() -> list:
    """The shared seed stories; a missing ../shared fails the test rather than skipping it."""
    stories = sorted(SEEDS.glob("*.txt"))
    assert stories, f"no seed stories at {SEEDS}: the shared corpus is missing"
    return stories


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """`checker serve --port P ARGS...`, waited for until /healthz answers."""

    def __init__(self, *args: str, cwd=None):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "checker", "serve", "--port", str(self.port), *map(str, args)],
            cwd=cwd or ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        )
        deadline = time.monotonic() + 60
        while True:
            if self.proc.poll() is not None:
                raise RuntimeError(f"checker serve exited {self.proc.returncode}:\n{self.proc.stdout.read()}")
            try:
                if httpx.get(self.url + "/healthz", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                self.stop()
                raise RuntimeError("checker serve did not answer /healthz within 60 s")
            time.sleep(0.1)

    def stop(self) -> tuple[int, str]:
        """SIGTERM, as a service manager sends; returns the exit code and everything the server printed."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        try:
            output, _ = self.proc.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            output, _ = self.proc.communicate()
        return self.proc.returncode, output

    def __enter__(self) -> "Server":
        return self

    def __exit__(self, *exc) -> None:
        self.stop()


def memory_kib(pid: int) -> int:
    """Resident memory of a process and its children (uvicorn's workers), from /proc."""
    total = 0
    for p in [pid, *children(pid)]:
        try:
            with open(f"/proc/{p}/status") as status:
                total += next(int(line.split()[1]) for line in status if line.startswith("VmRSS:"))
        except (OSError, StopIteration):
            pass
    return total


def cpu_seconds(pid: int) -> float:
    """User and system CPU time of a process and its children (uvicorn's workers) so far, from /proc."""
    ticks = 0
    for p in [pid, *children(pid)]:
        try:
            with open(f"/proc/{p}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
            ticks += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15 of proc(5))
        except (OSError, ValueError, IndexError):
            pass
    return ticks / os.sysconf("SC_CLK_TCK")


def children(pid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as stat:
                    if int(stat.read().rsplit(")", 1)[1].split()[1]) == pid:
                        found += [int(entry), *children(int(entry))]
            except (OSError, ValueError, IndexError):
                pass
    return found

"""Load on `checker serve`: N concurrent clients posting real stories to /v1/check for a while.

Starts the server (`checker serve --workers W` on a free port), warms each
worker, then runs `--clients` async clients (httpx) for `--duration`
seconds over the stories, each posting the next story as soon as the last
answer is in. Reports requests/s, p50/p99 latency, errors (must be 0),
server memory (all its processes) sampled through the run, with its growth
over the second half (a leak grows there; caches filling do not); then, with
the machine idle again, the latency of one 1,000-word story asked for on its own; and
the CLI's own stories/s on one core over the same stories, for the ratio
the issue sets (server requests/s per core >= 80% of it).

    python bench/serve_load.py                          # 32 clients, 60 s, workers = cores
    python bench/serve_load.py --client wrk             # the same load driven by wrk (Debian's `wrk`)
    python bench/serve_load.py --client wrk --duration 600   # a soak: is memory flat?
    python bench/serve_load.py --duration 1 --json out.json   # the short form CI runs

The httpx client is Python: on a 2-core machine it takes a third of a core
from the server, so the wall-clock ratio measures the client too. wrk, a C
load generator, takes a few percent; use it for the throughput figure.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))
from serve_support import Server, cpu_seconds, memory_kib  # noqa: E402

SHARED = HERE.parent.parent / "shared" / "corpus"
DEFAULT_SETS = [SHARED / "seeds", SHARED / "desk-2", SHARED / "wmt20-refs"]


def stories(sets: list[Path]) -> list[tuple[str, str]]:
    found = []
    for folder in sets:
        for path in sorted(folder.rglob("*.txt")):
            text = path.read_text("utf-8")
            if text.strip():
                found.append((path.name, text))
    if not found:
        raise SystemExit(f"no stories under {', '.join(map(str, sets))}")
    return found


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))] if ordered else float("nan")


async def load(url: str, server_pid: int, corpus: list[tuple[str, str]], clients: int, duration: float) -> dict:
    latencies: list[float] = []
    errors: list[str] = []
    next_story = iter(range(1 << 62))
    bodies = [(name, json.dumps({"text": text, "path": name}).encode()) for name, text in corpus]  # the client's CPU goes to HTTP
    stop = time.perf_counter() + duration
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=url, limits=limits, timeout=30) as http:
        async def client() -> None:
            while time.perf_counter() < stop:
                name, body = bodies[next(next_story) % len(bodies)]
                began = time.perf_counter()
                try:
                    reply = await http.post("/v1/check", content=body, headers={"Content-Type": "application/json"})
                    if reply.status_code != 200 or not reply.content.endswith(b"}\n") or b'"gate":' not in reply.content[-200:]:
                        errors.append(f"{name}: HTTP {reply.status_code} {reply.text[:200]}")
                except httpx.HTTPError as exc:
                    errors.append(f"{name}: {type(exc).__name__} {exc}")
                latencies.append(time.perf_counter() - began)

        began, cpu_began, own_began = time.perf_counter(), cpu_seconds(server_pid), time.process_time()
        await asyncio.gather(*(client() for _ in range(clients)))
        elapsed = time.perf_counter() - began
        server_cpu, own_cpu = cpu_seconds(server_pid) - cpu_began, time.process_time() - own_began
    return {"requests": len(latencies), "seconds": round(elapsed, 2), "requests_per_s": round(len(latencies) / elapsed, 1),
            "server_cpu_ms_per_request": round(1000 * server_cpu / max(len(latencies), 1), 2),
            "client_cpu_s": round(own_cpu, 1), "server_cpu_s": round(server_cpu, 1),
            "p50_ms": round(1000 * percentile(latencies, 0.5), 1), "p99_ms": round(1000 * percentile(latencies, 0.99), 1),
            "max_ms": round(1000 * max(latencies), 1), "errors": len(errors), "first_errors": errors[:5]}


def load_with_wrk(url: str, server_pid: int, corpus: list[tuple[str, str]], clients: int, duration: float) -> dict:
    """The same closed-loop load as `load`, driven by wrk and bench/serve_load.lua."""
    wrk = shutil.which("wrk")
    if wrk is None:
        raise SystemExit("--client wrk: no `wrk` on PATH (Debian: apt-get install wrk)")
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", encoding="utf-8", delete=False) as f:
        for name, text in corpus:
            f.write(json.dumps({"text": text, "path": name}) + "\n")
        bodies = f.name
    try:
        began, cpu_began, own_began = time.perf_counter(), cpu_seconds(server_pid), _children_cpu()
        proc = subprocess.run([wrk, "-t", "1", "-c", str(clients), "-d", f"{duration:g}s", "--timeout", "30s",
                               "-s", str(HERE / "serve_load.lua"), url, "--", bodies],
                              capture_output=True, text=True)
        elapsed = time.perf_counter() - began
        server_cpu, own_cpu = cpu_seconds(server_pid) - cpu_began, _children_cpu() - own_began
    finally:
        os.unlink(bodies)
    line = next((l for l in proc.stdout.splitlines() if l.startswith("WRK-RESULT ")), None)
    if proc.returncode != 0 or line is None:
        raise SystemExit(f"wrk failed ({proc.returncode}): {proc.stdout}{proc.stderr}")
    got = json.loads(line.split(" ", 1)[1])
    seconds, requests = got["micros"] / 1e6, got["requests"]
    errors = got["status_errors"] + got["socket_errors"]
    return {"client": "wrk", "requests": requests, "seconds": round(seconds, 2),
            "requests_per_s": round(requests / seconds, 1),
            "server_cpu_ms_per_request": round(1000 * server_cpu / max(requests, 1), 2),
            "client_cpu_s": round(own_cpu, 1), "server_cpu_s": round(server_cpu, 1),
            "p50_ms": round(got["p50_us"] / 1000, 1), "p99_ms": round(got["p99_us"] / 1000, 1),
            "max_ms": round(got["max_us"] / 1000, 1), "errors": errors,
            "first_errors": [f"wrk: {got['status_errors']} non-2xx replies, {got['socket_errors']} socket errors"] if errors else [],
            "wall_s": round(elapsed, 2)}


class MemorySampler:
    """Server memory (all its processes) every `every` seconds while the load runs."""

    def __init__(self, pid: int, every: float):
        self.pid, self.every = pid, every
        self.samples: list[tuple[float, float]] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        began = time.perf_counter()
        while True:
            self.samples.append((round(time.perf_counter() - began, 1), round(memory_kib(self.pid) / 1024, 1)))
            if self._stop.wait(self.every):
                return

    def __enter__(self) -> "MemorySampler":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()
        self.samples.append((self.samples[-1][0] + self.every, round(memory_kib(self.pid) / 1024, 1)))

    def second_half_growth(self) -> float:
        """Growth from the middle sample to the last, as a fraction of the middle: a leak keeps growing here."""
        middle, last = self.samples[len(self.samples) // 2][1], self.samples[-1][1]
        return round((last - middle) / middle, 3) if middle else 0.0


def one_story_latency(url: str, text: str, n: int) -> dict:
    with httpx.Client(base_url=url, timeout=30) as http:
        times = []
        for _ in range(n):
            began = time.perf_counter()
            assert http.post("/v1/check", json={"text": text}).status_code == 200
            times.append(time.perf_counter() - began)
    return {"words": len(text.split()), "requests": n, "p50_ms": round(1000 * percentile(times, 0.5), 1),
            "p99_ms": round(1000 * percentile(times, 0.99), 1)}


def story_of_words(corpus: list[tuple[str, str]], words: int) -> str:
    """About `words` words of real copy: whole stories joined, cut at a paragraph."""
    paragraphs = [p for _, text in corpus for p in text.split("\n\n") if p.strip()]
    out, count = [], 0
    for p in paragraphs:
        if count >= words:
            break
        out.append(p.strip())
        count += len(p.split())
    return "\n\n".join(out) + "\n"


def cli_stories_per_s(checker: list[str], corpus: list[tuple[str, str]], repeat: int) -> dict:
    """`checker lint --jobs 1` over the stories (copied `repeat` times), start-up taken off: one core's rate."""
    with tempfile.TemporaryDirectory(prefix="serve-load-") as tmp:
        folder = Path(tmp) / "stories"
        folder.mkdir()
        for r in range(repeat):
            for i, (_, text) in enumerate(corpus):
                (folder / f"{r:03d}-{i:05d}.txt").write_text(text, "utf-8")
        one = Path(tmp) / "one.txt"
        one.write_text(corpus[0][1], "utf-8")

        def timed(target: Path) -> tuple[float, float]:
            began, cpu = time.perf_counter(), _children_cpu()
            proc = subprocess.run([*checker, "lint", "--format", "json", "--fail-on", "never", "--jobs", "1", str(target)],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
            if proc.returncode not in (0, 1):
                raise SystemExit(f"checker lint failed: {proc.stderr}")
            return time.perf_counter() - began, _children_cpu() - cpu

        startup, startup_cpu = min(timed(one) for _ in range(3))
        total, total_cpu = timed(folder)
    count = repeat * len(corpus)
    return {"stories": count, "seconds": round(total, 2), "startup_s": round(startup, 2),
            "stories_per_s": round(count / max(total - startup, 1e-9), 1),
            "cpu_ms_per_story": round(1000 * (total_cpu - startup_cpu) / count, 2)}


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sets", nargs="*", type=Path, default=DEFAULT_SETS, help="folders of stories (.txt)")
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--duration", type=float, default=60.0, help="seconds of load")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--single", type=int, default=200, help="requests of the lone 1,000-word story")
    parser.add_argument("--cli-repeat", type=int, default=3, help="times the stories are copied for the CLI's run (0: skip)")
    parser.add_argument("--client", choices=["httpx", "wrk"], default="httpx",
                        help="load generator: httpx (Python, in this process) or wrk (C; takes far less CPU)")
    parser.add_argument("--sample-every", type=float, default=5.0, help="seconds between server memory samples")
    parser.add_argument("--json", type=Path, help="write every figure here")
    args = parser.parse_args(argv)

    corpus = stories(args.sets)
    words = sum(len(t.split()) for _, t in corpus)
    print(f"{len(corpus)} stories, {words / len(corpus):.0f} words on average; {args.workers} worker(s), "
          f"{args.clients} clients, {args.duration:g} s; {os.cpu_count()} cores", flush=True)
    result: dict = {"stories": len(corpus), "mean_words": round(words / len(corpus)), "workers": args.workers,
                    "clients": args.clients, "cores": os.cpu_count(), "client": args.client}
    with Server("--workers", args.workers, "--max-body", 10_000_000) as server:
        with httpx.Client(base_url=server.url, timeout=30) as http:  # every worker loads lazily nothing, but warm the caches
            for _, text in corpus[: 4 * args.workers]:
                http.post("/v1/check", json={"text": text})
        result["memory_start_mib"] = round(memory_kib(server.proc.pid) / 1024, 1)
        with MemorySampler(server.proc.pid, min(args.sample_every, max(args.duration / 4, 0.5))) as memory:
            if args.client == "wrk":
                result["load"] = load_with_wrk(server.url, server.proc.pid, corpus, args.clients, args.duration)
            else:
                result["load"] = asyncio.run(load(server.url, server.proc.pid, corpus, args.clients, args.duration))
        result["memory_end_mib"] = round(memory_kib(server.proc.pid) / 1024, 1)
        result["memory_timeline_mib"] = memory.samples
        result["memory_second_half_growth"] = memory.second_half_growth()
        result["single_1000_words"] = one_story_latency(server.url, story_of_words(corpus, 1000), args.single)
        code, output = server.stop()
        result["server_exit"] = code
    load_ = result["load"]
    print(f"load: {load_['requests']} requests in {load_['seconds']} s = {load_['requests_per_s']} requests/s; "
          f"p50 {load_['p50_ms']} ms, p99 {load_['p99_ms']} ms, max {load_['max_ms']} ms; errors {load_['errors']}")
    print(f"client: {args.client}; CPU: server {load_['server_cpu_s']} s ({load_['server_cpu_ms_per_request']} ms a request), "
          f"load client {load_['client_cpu_s']} s, over {load_['seconds']} s x {os.cpu_count()} cores")
    for error in load_["first_errors"]:
        print(f"  error: {error}")
    print(f"server memory: {result['memory_start_mib']} MiB at start, {result['memory_end_mib']} MiB at end; "
          f"{result['memory_second_half_growth']:+.1%} over the second half of the load")
    timeline = result["memory_timeline_mib"]
    step = max(1, len(timeline) // 12)
    print("  memory (s: MiB): " + ", ".join(f"{t:g}: {m:g}" for t, m in timeline[::step]))
    single = result["single_1000_words"]
    print(f"one {single['words']}-word story alone: p50 {single['p50_ms']} ms, p99 {single['p99_ms']} ms ({single['requests']} requests)")
    if args.cli_repeat:
        checker = [shutil.which("checker") or sys.executable, *([] if shutil.which("checker") else ["-m", "checker"])]
        cli = result["cli"] = cli_stories_per_s(checker, corpus, args.cli_repeat)
        per_core = load_["requests_per_s"] / min(args.workers, os.cpu_count() or 1)
        result["server_per_core_over_cli"] = round(per_core / cli["stories_per_s"], 2)
        result["cpu_cli_over_server"] = round(cli["cpu_ms_per_story"] / load_["server_cpu_ms_per_request"], 2)
        print(f"CLI, one core: {cli['stories_per_s']} stories/s ({cli['stories']} stories in {cli['seconds']} s, "
              f"{cli['startup_s']} s of it start-up), {cli['cpu_ms_per_story']} ms of CPU a story")
        print(f"server per core: {per_core:.1f} requests/s = {result['server_per_core_over_cli']:.0%} of the CLI's stories/s "
              f"(target 80%); by CPU time a story: {result['cpu_cli_over_server']:.0%}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, indent=2) + "\n", "utf-8")
    return 1 if load_["errors"] else 0


if __name__ == "__main__":
    raise SystemExit(main())

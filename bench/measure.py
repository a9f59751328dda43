"""The checker measurements the driver prints: each returns a plain dict."""
import json
import os

from bench.annotations import load_set, score
from bench.timing import best_of, growth_exponent, median_run, run_timed

GROWTH_WARN = 1.15     # beyond n log n over these sizes: a quadratic step somewhere


def lint_argv(checker, *paths, jobs=None):
    extra = ["--jobs", str(jobs)] if jobs else []
    return [*checker, "lint", "--format", "json", "--fail-on", "never", *extra, *paths]


def check_ok(run, what):
    if run.returncode not in (0, 1):
        raise RuntimeError(f"{what}: exit {run.returncode}: {run.stderr.strip()[-400:]}")


def baseline(checker, tiny, repeat=5):
    """Time to lint a one-line file: what every run pays before any real text."""
    seconds, run = median_run(lint_argv(checker, tiny), repeat)
    check_ok(run, "baseline")
    return seconds


def baseline_rss_mb(checker, tiny):
    """Peak memory of a run over a one-line file: what memory per MB of input is counted above."""
    run = run_timed(lint_argv(checker, tiny))
    check_ok(run, "baseline")
    return run.max_rss_mb


def findings_by_story(report):
    """{basename: [(start, end)]} from a checker JSON report, read as loosely as
    the shared scorer reads it (start/end under any finding-like object)."""
    out = {}

    def walk(node, path):
        if isinstance(node, dict):
            for k in ("path", "file", "filename", "uri"):
                if isinstance(node.get(k), str):
                    path = node[k]
                    break
            if isinstance(node.get("start"), int) and isinstance(node.get("end"), int):
                name = os.path.basename(path or "")
                out.setdefault(name, []).append((node["start"], node["end"]))
                return
            for v in node.values():
                walk(v, path)
        elif isinstance(node, list):
            for v in node:
                walk(v, path)
    walk(report, None)
    return out


def throughput(checker, set_dir, jobs=None):
    """One process over a whole folder: stories/s, MB/s, peak memory, and what it found."""
    expected, texts = load_set(set_dir)
    run = run_timed(lint_argv(checker, set_dir, jobs=jobs))
    check_ok(run, f"lint {set_dir}")
    size = sum(len(t.encode("utf-8")) for t in texts.values())
    result = {"set": set_dir, "jobs": jobs or 1, "stories": len(texts), "seconds": run.seconds,
              "stories_per_s": len(texts) / run.seconds, "mb_per_s": size / 1e6 / run.seconds,
              "max_rss_mb": run.max_rss_mb}
    try:
        result.update(score(expected, texts, findings_by_story(json.loads(run.stdout))))
    except ValueError as e:
        result["error"] = f"report is not JSON: {e}"
    return result


def memory_by_files(checker, set_dir, full_run):
    """Peak memory over the first quarter of a folder's stories, beside the whole folder's
    (from its throughput run): results stream, so the two should be close."""
    stories = sorted(n for n in os.listdir(set_dir) if n.endswith(".txt"))
    quarter = [os.path.join(set_dir, n) for n in stories[: max(1, len(stories) // 4)]]
    run = run_timed(lint_argv(checker, *quarter))
    check_ok(run, f"lint a quarter of {set_dir}")
    return {"points": [{"stories": len(quarter), "max_rss_mb": run.max_rss_mb},
                       {"stories": full_run["stories"], "max_rss_mb": full_run["max_rss_mb"]}]}


def check_seconds(paths, repeat=3):
    """In-process seconds to check each story with the default pack (best of `repeat`)."""
    from checker.config import Config
    from checker.document import Document
    from checker.engine import build_ruleset, check_document

    rules = build_ruleset(Config()).rules
    out = []
    for path in paths:
        with open(path, encoding="utf-8") as f:
            text = f.read()
        out.append(best_of(lambda: check_document(Document(text), rules), repeat))
    return out


def growth(checker, paths, sizes, base_s, repeat=3):
    """Time each file; fit the exponent of net time (minus start-up) against size."""
    run_timed(lint_argv(checker, paths[0]))     # warm-up, discarded: caches, stray workers
    points = []
    for size, path in zip(sizes, paths):
        reps = repeat if size < max(sizes) else 1
        seconds, run = median_run(lint_argv(checker, path), reps)
        check_ok(run, f"lint {path}")
        with open(path, encoding="utf-8") as f:
            words = len(f.read().split())
        points.append({"size": size, "words": words, "seconds": seconds,
                       "net_s": seconds - base_s, "max_rss_mb": run.max_rss_mb})
    # The exponent comes from the check alone, timed in-process: whole-process
    # times at 1k-10k words are mostly start-up, and their noise swamps the fit.
    for p, check_s in zip(points, check_seconds(paths)):
        p["check_s"] = check_s
    exponent = growth_exponent([p["size"] for p in points], [p["check_s"] for p in points])
    # The step between the two largest sizes shows a quadratic part best.
    last = growth_exponent([p["size"] for p in points[-2:]], [p["check_s"] for p in points[-2:]])
    worst = max((e for e in (exponent, last) if e is not None), default=None)
    return {"points": points, "exponent": exponent, "last_step_exponent": last,
            "warning": worst is not None and worst > GROWTH_WARN}

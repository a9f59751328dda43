"""The speed targets of issue 16, each measured beside the peer's figure from the same run.

    throughput  >= 5x proselint's stories/s (mqm-wmt20 and the generated corpus), one process
    per core    >= 1,000 stories/s on mqm-wmt20 (one process is one core)
    cold start  one story, warm cache: no slower than proselint on the same story
    first run   one story, empty cache: under 0.25 s
    growth      n log n or better (exponent <= GROWTH_LIMIT) in story length, distinct names at a
                fixed length (beside a control of that length with few names), numbers, repeated words
    memory      peak under 20x the text for a 1M-word story; flat within 10% from 2,000 to 20,000 stories

Growth is timed in-process (default pack, best of 3) so start-up noise does not bend the fit;
the names case keeps the text length fixed and varies only how many distinct people it names.
"""
import os
import random
import statistics
import tempfile

from bench.generate import write_corpus, write_long
from bench.measure import check_ok, check_seconds, lint_argv
from bench.timing import growth_exponent, median_run, run_timed

GROWTH_LIMIT = 1.15  # slope of log(time) on log(size): n log n over a decade of sizes stays under it
FILLER = ("The county built new roads and schools for the villages along the river this year. "
          "Officials said the work would go on through the winter months. ")


def _fit(sizes, seconds):
    e = growth_exponent(sizes, seconds)
    last = growth_exponent(sizes[-2:], seconds[-2:])
    return {"sizes": sizes, "seconds": seconds, "exponent": e, "last_step_exponent": last}


def _time_texts(out, texts, tag, repeat=3):
    paths = []
    for k, text in enumerate(texts):
        path = os.path.join(out, f"{tag}_{k}.txt")
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        paths.append(path)
    return check_seconds(paths, repeat)


def _names(count, seed=7):
    """Distinct two-word names in pinyin shape (surname + given name), deterministic."""
    from bench.names_speed import sample_names
    out, seen, k = [], set(), 0
    while len(out) < count:
        for n in sample_names(count * 2, seed + k):
            if n not in seen and " " in n:
                seen.add(n)
                out.append(n)
                if len(out) == count:
                    break
        k += 1
    return out


def names_story(words, names):
    """About `words` words; each of the distinct names said twice, the rest filler."""
    said = [f"{n} spoke." for n in _names(names)] * 2
    random.Random(names).shuffle(said)
    filler = FILLER.split()
    per = max(0, words // len(said) - 3)  # filler words after each mention, so every story has `words` words
    lines = [s + " " + " ".join(filler[i % len(filler)] for i in range(per)) for s in said]
    lines += [FILLER] * max(0, (words - sum(len(t.split()) for t in lines)) // len(FILLER.split()))
    return "\n".join(lines) + "\n"


def numbers_story(sentences):
    rng = random.Random(sentences)
    out = []
    for k in range(sentences):
        out.append(f"The {rng.randint(1, 40)}th batch of {rng.randint(2, 5000):,} aid cadres arrived in "
                   f"{rng.randint(1990, 2025)} with {rng.randint(1, 99)}.{rng.randint(0, 9)} percent more funds.")
    return "\n".join(" ".join(out[i:i + 5]) for i in range(0, len(out), 5)) + "\n"


def growth_cases(out, quick):
    """Exponents for distinct names (fixed length, with control), numbers and repeated words."""
    os.makedirs(out, exist_ok=True)
    r = {}
    length, counts = (8_000, [30, 300, 1000]) if quick else (60_000, [30, 1000, 3000, 10_000])
    secs = _time_texts(out, [names_story(length, k) for k in counts], "names", 3 if quick else 1)
    control = secs[0]
    varied = counts[1:]
    excess = [max(s - control, 1e-6) for s in secs[1:]]
    r["names"] = {**_fit(varied, excess), "words": length, "control_names": counts[0], "control_s": control,
                  "all_s": secs, "ratio_to_control": secs[-1] / control if control else None,
                  "fit_on": "time above the control of the same length"}
    # ordinal mentions are compared pairwise today (numbered.ordinal_conflicts): sizes kept small
    sizes = [250, 500, 1000] if quick else [500, 1000, 2000]
    r["numbers"] = _fit(sizes, _time_texts(out, [numbers_story(n) for n in sizes], "numbers"))
    sizes = [5000, 10_000, 20_000] if quick else [10_000, 20_000, 40_000, 80_000]
    r["repeated_words"] = _fit(sizes, _time_texts(out, ["the " * n for n in sizes], "repeat"))
    return r


def peer_cold_start(story, repeat=7):
    """proselint's (wall, CPU) time on the same one story, medians of `repeat`, or (None, None) if it is missing."""
    from bench.peers import Proselint
    cmd = Proselint().command()
    if not cmd:
        return None, None
    seconds, run = median_run([cmd, "check", "--output-format", "json", story], repeat)
    return (seconds, run.cpu_seconds) if run.returncode in (0, 1) else (None, None)


def first_run(checker, story, repeat=3):
    """Wall time of one story with an empty cache (a fresh CHECKER_CACHE_DIR each run), median."""
    times = []
    saved = os.environ.get("CHECKER_CACHE_DIR")
    try:
        for _ in range(repeat):
            with tempfile.TemporaryDirectory() as empty:
                os.environ["CHECKER_CACHE_DIR"] = empty
                run = run_timed(lint_argv(checker, story))
                check_ok(run, "first run")
                times.append(run.seconds)
    finally:
        if saved is None:
            os.environ.pop("CHECKER_CACHE_DIR", None)
        else:
            os.environ["CHECKER_CACHE_DIR"] = saved
    return statistics.median(times)


def memory_big_story(checker, out, words):
    path = write_long(os.path.join(out, f"big{words}"), words, 30, 1)
    size = os.path.getsize(path)
    run = run_timed(lint_argv(checker, path))
    check_ok(run, "big story")
    return {"words": words, "bytes": size, "seconds": run.seconds, "max_rss_mb": run.max_rss_mb,
            "ratio": run.max_rss_mb * 1024 * 1024 / size}


def memory_flat(checker, out, small, large, seed=1):
    """Peak memory of one process over the first `small` stories and over all `large`."""
    corpus = os.path.join(out, "memcorpus")
    write_corpus(corpus, count=large, seed=seed)
    stories = sorted(n for n in os.listdir(corpus) if n.endswith(".txt"))
    few = os.path.join(out, "memfew")
    os.makedirs(few, exist_ok=True)
    for n in stories[:small]:
        dst = os.path.join(few, n)
        if not os.path.exists(dst):
            os.link(os.path.join(corpus, n), dst)
    a = run_timed(lint_argv(checker, few))
    check_ok(a, "memory, few")
    b = run_timed(lint_argv(checker, corpus))
    check_ok(b, "memory, many")
    return {"small": small, "large": large, "small_mb": a.max_rss_mb, "large_mb": b.max_rss_mb,
            "growth": b.max_rss_mb / a.max_rss_mb - 1, "large_seconds": b.seconds}


def rows(r):
    """(target, ours, peer, ratio, met) rows from a run.py result dict."""
    out = []
    ours = {os.path.basename(t["set"].rstrip("/")): t for t in r["throughput"] if t.get("jobs") == 1 and "seconds" in t}
    peer = {os.path.basename(p["set"].rstrip("/")): p for p in r.get("peers", [])
            if p.get("tool") == "proselint" and "seconds" in p and "error" not in p}
    for name, t in ours.items():
        p = peer.get(name)
        mine = t["stories_per_s"]
        theirs = p["stories"] / p["seconds"] if p else None
        ratio = mine / theirs if theirs else None
        out.append((f"throughput {name}: >= 5x proselint stories/s", f"{mine:.0f}/s",
                    f"{theirs:.0f}/s" if theirs else "n/a", f"{ratio:.2f}x" if ratio else "n/a",
                    None if ratio is None else ratio >= 5))
        if name == "mqm-wmt20":
            out.append(("mqm-wmt20 per core: >= 1,000 stories/s", f"{mine:.0f}/s", "-",
                        f"{mine / 1000:.2f} of target", mine >= 1000))
    c, pc = r["cold_start"]["median_s"], r.get("peer_cold_start_s")
    out.append(("cold start, warm cache: <= proselint", f"{c * 1000:.0f} ms",
                f"{pc * 1000:.0f} ms" if pc else "n/a", f"{c / pc:.2f}x" if pc else "n/a",
                None if not pc else c <= pc))
    c, pc = r["cold_start"].get("cpu_median_s"), r.get("peer_cold_start_cpu_s")
    if c:  # the same runs in CPU time, which a loaded machine disturbs less than wall time
        out.append(("  the same in CPU time (user + system)", f"{c * 1000:.0f} ms",
                    f"{pc * 1000:.0f} ms" if pc else "n/a", f"{c / pc:.2f}x" if pc else "n/a",
                    None if not pc else c <= pc))
    f = r.get("first_run_s")
    if f is not None:
        out.append(("first run, empty cache: < 0.25 s", f"{f * 1000:.0f} ms", "-", f"{f / 0.25:.2f} of limit", f < 0.25))
    for key, label in (("growth_length", "story length"),):
        g = r.get(key, {})
        if g.get("exponent") is not None:
            worst = max(e for e in (g["exponent"], g["last_step_exponent"]) if e is not None)
            out.append((f"growth in {label}: exponent <= {GROWTH_LIMIT}", f"{g['exponent']:.2f} (last {g['last_step_exponent']:.2f})",
                        "-", "-", worst <= GROWTH_LIMIT))
    for key, g in r.get("growth_cases", {}).items():
        if not isinstance(g, dict) or g.get("exponent") is None:
            continue
        worst = max(e for e in (g["exponent"], g["last_step_exponent"]) if e is not None)
        extra = f", {g['ratio_to_control']:.1f}x control" if "ratio_to_control" in g else ""
        out.append((f"growth in {key.replace('_', ' ')}: exponent <= {GROWTH_LIMIT}",
                    f"{g['exponent']:.2f} (last {g['last_step_exponent']:.2f}){extra}", "-", "-", worst <= GROWTH_LIMIT))
    m = r.get("memory_big")
    if m and "ratio" in m:
        out.append((f"memory, {m['words']:,}-word story: < 20x text", f"{m['max_rss_mb']:.0f} MB",
                    f"text {m['bytes'] / 1e6:.1f} MB", f"{m['ratio']:.1f}x", m["ratio"] < 20))
    m = r.get("memory_flat")
    if m and "growth" in m:
        out.append((f"memory flat {m['small']:,} -> {m['large']:,} stories: within 10%",
                    f"{m['small_mb']:.0f} -> {m['large_mb']:.0f} MB", "-", f"{m['growth'] * 100:+.1f}%",
                    abs(m["growth"]) <= 0.10))
    return out


def print_targets(r):
    print(f"\n{'target (issue 16)':52} {'ours':>24} {'proselint':>12} {'ratio':>16}  met")
    for target, mine, peer, ratio, met in rows(r):
        verdict = "n/a" if met is None else ("yes" if met else "NO")
        print(f"{target:52} {mine:>24} {peer:>12} {ratio:>16}  {verdict}")

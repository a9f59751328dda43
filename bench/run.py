"""Benchmark `checker lint`: start-up, throughput, memory, growth, and peers.

    python bench/run.py [--checker CMD] [--count N] [--quick] [--json OUT]

Generates its corpus under bench/out/ (seeded, so every run sees the same
text), measures the checker, runs the peer linters over the same stories
and ../shared/corpus/mqm-wmt20, and prints one table. The default run
keeps to about 10 minutes on 2 cores; --quick is a developer's minute.
"""
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

from bench import adversarial, measure, peers, startup, targets  # noqa: E402
from bench.generate import write_corpus, write_long  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
MQM = os.path.normpath(os.path.join(HERE, "..", "..", "shared", "corpus", "mqm-wmt20"))  # ../shared beside the checkout
# Growth with names is measured on a 5,000-word story: the size the name check's target is set for.
FULL = {"count": 2000, "lengths": [1_000, 10_000, 100_000], "names": [30, 300, 3000],
        "names_words": 5_000, "big_words": 1_000_000, "memory_stories": (2_000, 20_000)}
QUICK = {"count": 200, "lengths": [1_000, 3_000, 10_000], "names": [30, 100, 300],
         "names_words": 5_000, "big_words": 100_000, "memory_stories": (200, 2_000)}


def compile_bytecode():
    """Write the package's .pyc files before timing start-up, as an installed wheel has them.

    With PYTHONDONTWRITEBYTECODE set (it is, on the shared machine) an editable checkout
    otherwise compiles every module it imports on every start: 60-90 ms of CPU of a cold start.
    """
    import compileall

    compileall.compile_dir(os.path.join(os.path.dirname(HERE), "checker"), quiet=1)
    # and the cache entries of the package's own rule packs, which the wheel ships (hatch_build.py)
    subprocess.run([sys.executable, "-m", "checker.cache"], cwd=os.path.dirname(HERE), capture_output=True)


def prepare(out, sizes, count, seed):
    """Write the corpus and the long stories; return their paths."""
    shutil.rmtree(out, ignore_errors=True)
    corpus = os.path.join(out, "corpus")
    write_corpus(corpus, count=count, seed=seed)
    lengths = [write_long(os.path.join(out, f"len{w}"), w, 30, seed) for w in sizes["lengths"]]
    names = [write_long(os.path.join(out, f"names{k}"), sizes["names_words"], k, seed)
             for k in sizes["names"]]
    tiny = os.path.join(out, "tiny.txt")
    with open(tiny, "w", encoding="utf-8") as f:
        f.write("LHASA, Nov. 11 (Xinhua) -- A meeting was held in Lhasa on Thursday. (End)\n")
    return corpus, lengths, names, tiny


def attempt(fn, *args, set=None, **kw):
    """One measurement; a failure is recorded and the others still run."""
    try:
        return fn(*args, **kw)
    except (RuntimeError, OSError, AssertionError) as e:
        return {"error": str(e), "set": set or "", "jobs": kw.get("jobs") or 1}


def ratio(ours, theirs):
    return f"{ours / theirs:.2f}x" if ours and theirs else "n/a"


def print_table(r):
    c = r["cold_start"]
    print(f"\n{'figure':34} value")
    label = f"cold start, one story (median {c['runs']})"
    print(f"{label:34} {c['median_s'] * 1000:.0f} ms"
          f"  (peak {c['max_rss_mb']:.0f} MB)")
    for t in r["throughput"]:
        label = f"throughput {os.path.basename(t['set'])}, jobs {t['jobs']}"
        if "seconds" not in t:
            print(f"{label:34} failed: {t['error']}")
            continue
        line = (f"{t['stories_per_s']:.1f} stories/s, {t['mb_per_s']:.2f} MB/s "
                f"({t['stories']} stories in {t['seconds']:.2f} s), peak {t['max_rss_mb']:.0f} MB")
        if "kinds" in t:
            line += (f"\n{'':35}found {t['found']}/{t['total']}, false alarms "
                     f"{t['false_alarms']}, {t['per_1k_words']} findings/1k words")
        print(f"{label:34} {line}")
    m = r.get("memory_by_files")
    if m and "points" in m:
        pts = ", ".join(f"{p['stories']:,} stories {p['max_rss_mb']:.0f} MB" for p in m["points"])
        print(f"{'peak memory by files, jobs 1':34} {pts}")
    for key, unit in (("growth_length", "words"), ("growth_names", "names")):
        g = r[key]
        if "error" in g:
            print(f"{'growth with ' + unit:34} failed: {g['error']}")
            continue
        pts = ", ".join(f"{p['size']:,} {unit}: {p['seconds']:.2f} s ({p['check_s'] * 1000:.0f} ms checking)"
                        for p in g["points"])
        exp = "n/a (too fast to fit)" if g["exponent"] is None else f"{g['exponent']:.2f}"
        if g["last_step_exponent"] is not None:
            exp += f" (last step {g['last_step_exponent']:.2f})"
        flag = "  WARNING: grows faster than n log n" if g["warning"] else ""
        print(f"{'growth with ' + unit:34} exponent {exp}{flag}\n{'':35}{pts}")
    if isinstance(r.get("adversarial"), list):
        adversarial.print_rows(r["adversarial"])
    elif r.get("adversarial"):
        print(f"{'adversarial growth':34} failed: {r['adversarial']['error']}")
    print(f"{'start-up baseline (one line)':34} {r['baseline_s'] * 1000:.0f} ms "
          "(growth exponents are fitted on the in-process checking time)")
    print("\npeers (same stories, one process each; ratio = our time / theirs)")
    ours = {os.path.basename(t["set"]): t["seconds"] for t in r["throughput"]
            if t["jobs"] == 1 and "seconds" in t}
    for p in r["peers"]:
        if "skipped" in p or "error" in p:
            print("  " + peers.describe(p))
            continue
        print("  " + peers.describe(p).replace("\n", "\n  "))
        mine = ours.get(os.path.basename(p["set"]))
        print(f"{'':26}checker/peer time: {ratio(mine, p['seconds'])}")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--checker", default="checker", help="command that runs the checker")
    ap.add_argument("--count", type=int, help="stories in the generated corpus")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--quick", action="store_true", help="small sizes, about a minute")
    ap.add_argument("--skip-peers", action="store_true")
    ap.add_argument("--no-install", action="store_true", help="do not install missing peers")
    ap.add_argument("--out", default=os.path.join(HERE, "out", "run"))
    ap.add_argument("--json", help="write all figures here as JSON")
    ap.add_argument("--memory-stories", help="SMALL,LARGE story counts for the flat-memory target "
                    "(default 2000,20000; 200,2000 with --quick)")
    a = ap.parse_args(argv)
    sizes = dict(QUICK if a.quick else FULL)
    if a.memory_stories:
        sizes["memory_stories"] = tuple(int(n) for n in a.memory_stories.split(","))
    checker = shlex.split(a.checker)
    if not shutil.which(checker[0]):
        print(f"run.py: checker command not found: {checker[0]!r} (use --checker CMD)",
              file=sys.stderr)
        return 2
    compile_bytecode()
    began = time.perf_counter()
    corpus, lengths, names, tiny = prepare(a.out, sizes, a.count or sizes["count"], a.seed)
    sets = [corpus] + ([MQM] if os.path.isdir(MQM) else [])
    r = {"checker": a.checker, "sizes": sizes, "seed": a.seed}
    try:
        story = os.path.join(corpus, "story_00000.txt")
        cold = startup.cold_starts(checker, story, None if a.skip_peers else peers.Proselint().command())
        r["cold_start"] = dict(cold["checker"], story=story)
        if "proselint" in cold:
            r["peer_cold_start_s"], r["peer_cold_start_cpu_s"] = cold["proselint"]["median_s"], cold["proselint"]["cpu_median_s"]
        r["baseline_s"] = base = measure.baseline(checker, tiny)
    except (RuntimeError, OSError, AssertionError) as e:
        print(f"run.py: the checker failed: {e}", file=sys.stderr)
        return 2
    r["throughput"] = [attempt(measure.throughput, checker, s, set=s) for s in sets]
    r["throughput"].append(attempt(measure.throughput, checker, corpus, jobs=2, set=corpus))
    if "seconds" in r["throughput"][0]:
        r["memory_by_files"] = attempt(measure.memory_by_files, checker, corpus, r["throughput"][0], set=corpus)
    r["growth_length"] = attempt(measure.growth, checker, lengths, sizes["lengths"], base)
    r["growth_names"] = attempt(measure.growth, checker, names, sizes["names"], base)
    r["growth_cases"] = attempt(targets.growth_cases, os.path.join(a.out, "cases"), a.quick)
    r["first_run_s"] = attempt(targets.first_run, checker, os.path.join(corpus, "story_00000.txt"))
    r["memory_big"] = attempt(targets.memory_big_story, checker, a.out, sizes["big_words"])
    r["memory_flat"] = attempt(targets.memory_flat, checker, a.out, *sizes["memory_stories"], seed=a.seed)
    adv_sizes = adversarial.QUICK if a.quick else adversarial.FULL
    r["adversarial"] = attempt(adversarial.measure, checker, adversarial.write_cases(os.path.join(a.out, "adversarial"), adv_sizes),
                               adv_sizes, measure.baseline_rss_mb(checker, tiny))
    r["peers"] = [] if a.skip_peers else peers.run_all(
        sets, install=not a.no_install, say=lambda s: print(s, file=sys.stderr))
    r["total_s"] = time.perf_counter() - began
    print_table(r)
    if isinstance(r["first_run_s"], dict):  # a failed measurement: shown, not compared
        print(f"first run failed: {r['first_run_s'].get('error')}")
        r["first_run_s"] = None
    targets.print_targets(r)
    print(f"\nbenchmark took {r['total_s']:.0f} s")
    if a.json:
        with open(a.json, "w", encoding="utf-8") as f:
            json.dump(r, f, indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main())

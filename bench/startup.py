"""Start-up targets of issue 16 alone, interleaved so every command sees the same load:

    cold start  `lint --format json` of one story with a warm cache, against proselint on the story
    first run   the same with an empty cache (a fresh CHECKER_CACHE_DIR each time): under 0.25 s

    python bench/startup.py [--repeat N] [--against OLD_CHECKOUT] [--checker CMD]

Each round runs every command once, in turn (this checkout, OLD_CHECKOUT's package if given,
proselint), so a busy machine slows all of them alike; figures are medians of wall and of CPU
(user + system of the process; on a shared machine read CPU, and compare within one run). The
story is bench/out's generated story_00000.txt (the one run.py times); the package's bytecode and its
shipped cache entries (`python -m checker.cache`) are built first, as an installed wheel has them.
"""
import argparse
import os
import shlex
import shutil
import statistics
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
if __package__ in (None, ""):
    sys.path.insert(0, os.path.dirname(HERE))

from bench.generate import write_corpus  # noqa: E402
from bench.measure import lint_argv  # noqa: E402
from bench.peers import Proselint  # noqa: E402
from bench.timing import run_timed  # noqa: E402


def compile_tree(root):
    """Bytecode and the cache entries shipped with the package, as an installed wheel has them (the
    build hook makes both); an old checkout without checker.cache.ship just gets its bytecode."""
    import compileall
    import subprocess

    compileall.compile_dir(os.path.join(root, "checker"), quiet=1)
    ship = "import sys; sys.path.insert(0, sys.argv[1]); from checker.cache import ship; sys.exit(ship())"
    subprocess.run([sys.executable, "-c", ship, root], cwd=root, capture_output=True)


def interleaved(commands, repeat, first_runs=0):
    """Run every command once a round, in turn, `repeat` rounds (and the first `first_runs` rounds
    again with an empty cache, for all but proselint), so a busy machine slows all of them alike.

    commands: {name: (argv, extra environment)}. Returns ({name: [Run]}, {name: [Run]}): the warm
    runs and the empty-cache runs. Runs are made from an empty folder: `python -m` puts the working
    directory first on sys.path (it would shadow another checkout), and a folder inside a checkout
    makes the checker read its pyproject.toml for a config.
    """
    # a command given relative to here (`.venv/bin/checker`) must still be found from the empty folder
    commands = {name: ([os.path.abspath(cmd[0]) if os.sep in cmd[0] else cmd[0], *cmd[1:]], env)
                for name, (cmd, env) in commands.items()}
    times = {name: [] for name in commands}
    firsts = {name: [] for name in commands if name != "proselint"}
    saved = dict(os.environ)
    cwd = tempfile.mkdtemp()
    try:
        for name, (cmd, env) in commands.items():  # warm every cache once
            os.environ.update(env)
            run_timed(cmd, cwd=cwd)
            os.environ.clear()
            os.environ.update(saved)
        for k in range(max(repeat, first_runs)):
            for name, (cmd, env) in commands.items():
                os.environ.update(env)
                if k < repeat:
                    run = run_timed(cmd, cwd=cwd)
                    assert run.returncode in (0, 1) and run.stdout, f"{name}: {run.stderr[-400:]}"
                    times[name].append(run)
                if name in firsts and k < first_runs:
                    empty = tempfile.mkdtemp()
                    os.environ["CHECKER_CACHE_DIR"] = empty
                    run = run_timed(cmd, cwd=cwd)
                    shutil.rmtree(empty, ignore_errors=True)
                    assert run.returncode in (0, 1) and run.stdout, f"{name}: {run.stderr[-400:]}"
                    firsts[name].append(run)
                os.environ.clear()
                os.environ.update(saved)
    finally:
        os.environ.clear()
        os.environ.update(saved)
        shutil.rmtree(cwd, ignore_errors=True)
    return times, firsts


def cold_starts(checker, story, proselint=None, repeat=15):
    """checker's cold start on one story, warm cache, interleaved with proselint's if given:
    {name: {"median_s", "cpu_median_s", "max_rss_mb", "runs"}}."""
    story = os.path.abspath(story)
    commands = {"checker": (lint_argv(checker, story), {})}
    if proselint:
        commands["proselint"] = ([proselint, "check", "--output-format", "json", story], {})
    times, _ = interleaved(commands, repeat)
    return {name: {"median_s": statistics.median(r.seconds for r in runs),
                   "cpu_median_s": statistics.median(r.cpu_seconds for r in runs),
                   "max_rss_mb": max(r.max_rss_mb for r in runs), "runs": len(runs)}
            for name, runs in times.items()}


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--checker", default=f"{sys.executable} -m checker", help="command that runs this checkout's checker")
    ap.add_argument("--against", metavar="OLD_CHECKOUT", help="also time the package of another checkout (PYTHONPATH)")
    ap.add_argument("--repeat", type=int, default=15)
    ap.add_argument("--first-runs", type=int, default=7, help="rounds with an empty cache")
    ap.add_argument("--proselint", help="proselint command (default: the one beside this Python, or on PATH)")
    ap.add_argument("--out", default=os.path.join(HERE, "out", "run"))
    a = ap.parse_args(argv)
    corpus = os.path.join(a.out, "corpus")
    story = os.path.join(corpus, "story_00000.txt")
    if not os.path.exists(story):
        write_corpus(corpus, count=1, seed=1)
    compile_tree(os.path.dirname(HERE))
    ours = shlex.split(a.checker)
    commands = {"checker": (lint_argv(ours, story), {})}
    if a.against:
        compile_tree(a.against)
        commands["old"] = (lint_argv([sys.executable, "-m", "checker"], story), {"PYTHONPATH": os.path.abspath(a.against)})
    prose = a.proselint or Proselint().command()
    if prose:
        commands["proselint"] = ([prose, "check", "--output-format", "json", story], {})
    times, firsts = interleaved(commands, a.repeat, a.first_runs)

    def med(runs, i):
        return statistics.median((r.seconds, r.cpu_seconds)[i] for r in runs) * 1000

    print(f"story: {story}; {a.repeat} rounds, {a.first_runs} with an empty cache; medians, ms")
    print(f"{'':22} {'wall':>7} {'CPU':>7}")
    for name, rows in times.items():
        print(f"{'cold start ' + name:22} {med(rows, 0):7.0f} {med(rows, 1):7.0f}")
    for name, rows in firsts.items():
        print(f"{'first run ' + name:22} {med(rows, 0):7.0f} {med(rows, 1):7.0f}")
    if "proselint" in times:
        for i, what in ((0, "wall"), (1, "CPU")):
            print(f"cold start / proselint ({what}): {med(times['checker'], i) / med(times['proselint'], i):.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Run the prose linters a user would otherwise pick, timed, over a story set.

    python bench/peers.py DIR [DIR ...] [--no-install] [--json OUT]

proselint (PyPI) goes into the running Python's environment; textlint with
textlint-rule-write-good (npm) goes under bench/.peers/. Each peer runs once
per set, in one process over all its stories; its findings (line/column
mapped to character offsets) are matched against the set's expected.yaml.
Vale and LanguageTool are not run: see NOT_RUN.
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys

if __package__ in (None, ""):
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from bench.annotations import LineIndex, load_set, score  # noqa: E402
from bench.timing import run_timed  # noqa: E402

PEERS_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), ".peers")
NOT_RUN = {
    "vale": "not run: its PyPI/npm packages download the Vale binary at run time, "
            "and this machine reaches no host but the package registries",
    "languagetool": "not run: language_tool_python downloads the LanguageTool server "
                    "(and needs Java) at run time; no registry ships it",
}
QUOTED = re.compile(r'^"([^"]+)"')


class Proselint:
    name = "proselint"

    def command(self):
        here = os.path.join(os.path.dirname(sys.executable), "proselint")
        return here if os.path.exists(here) else shutil.which("proselint")

    def install(self):
        return subprocess.run([sys.executable, "-m", "pip", "install", "-q", "proselint"],
                              capture_output=True, text=True, timeout=600)

    def version(self):
        r = subprocess.run([self.command(), "version"], capture_output=True, text=True)
        return (r.stdout.strip() or r.stderr.strip()).splitlines()[-1:] or ["?"]

    def argv(self, files):
        return [self.command(), "check", "--output-format", "json", *files]

    def spans(self, stdout, texts):
        """{story: [(start, end)]} from proselint's JSON (pos is 1-based line, column)."""
        out = {}
        for uri, result in json.loads(stdout).get("result", {}).items():
            name = os.path.basename(uri)
            if name not in texts:
                continue
            index = LineIndex(texts[name])
            for d in result.get("diagnostics", []):
                start = index.offset(*d["pos"])
                width = max(1, d["span"][1] - d["span"][0]) if d.get("span") else 1
                out.setdefault(name, []).append((start, start + width))
        return out


class Textlint:
    name = "textlint+write-good"

    def command(self):
        path = os.path.join(PEERS_DIR, "node_modules", ".bin", "textlint")
        return path if os.path.exists(path) else None

    def install(self):
        if not shutil.which("npm"):
            raise FileNotFoundError("npm is not on this machine")
        return subprocess.run(["npm", "install", "--prefix", PEERS_DIR, "--no-audit", "--no-fund",
                               "textlint", "textlint-rule-write-good"],
                              capture_output=True, text=True, timeout=600)

    def version(self):
        r = subprocess.run([self.command(), "--version"], capture_output=True, text=True)
        rule = os.path.join(PEERS_DIR, "node_modules", "textlint-rule-write-good", "package.json")
        with open(rule, encoding="utf-8") as f:
            return [f"textlint {r.stdout.strip()}, write-good rule {json.load(f)['version']}"]

    def argv(self, files):
        return [self.command(), "--no-textlintrc", "--rules-base-directory",
                os.path.join(PEERS_DIR, "node_modules"), "--rule", "write-good",
                "--format", "json", *files]

    def spans(self, stdout, texts):
        """textlint gives a start (line, column); write-good names the word it means
        in its message ("X" is ...), which widens the span to that word."""
        out = {}
        for result in json.loads(stdout):
            name = os.path.basename(result["filePath"])
            if name not in texts:
                continue
            text, index = texts[name], LineIndex(texts[name])
            for m in result["messages"]:
                start = index.offset(m["line"], m["column"])
                end = index.offset(m["loc"]["end"]["line"], m["loc"]["end"]["column"])
                word = QUOTED.match(m.get("message", ""))
                if word and text[start:start + len(word[1])].lower() == word[1].lower():
                    end = start + len(word[1])
                out.setdefault(name, []).append((start, max(end, start + 1)))
        return out


PEERS = [Proselint(), Textlint()]


def ensure(peer, install=True):
    """Return None when the peer can run, else a sentence saying why not."""
    if peer.command():
        return None
    if not install:
        return "not installed (run without --no-install to install it)"
    try:
        r = peer.install()
    except (OSError, subprocess.TimeoutExpired) as e:
        return f"could not be installed: {e}"
    if r.returncode != 0 or not peer.command():
        tail = (r.stderr or r.stdout).strip().splitlines()[-1:] or ["no output"]
        return f"could not be installed (no network to its registry?): {tail[0]}"
    return None


def run_peer(peer, set_dir):
    """Lint every story of a set in one process; time it and score its findings."""
    expected, texts = load_set(set_dir)
    files = sorted(texts)
    r = run_timed(peer.argv(files), cwd=set_dir)
    result = {"tool": peer.name, "set": set_dir, "stories": len(files), "seconds": r.seconds,
              "max_rss_mb": r.max_rss_mb, "bytes": sum(len(t.encode()) for t in texts.values())}
    if r.returncode not in (0, 1):
        result["error"] = f"exit {r.returncode}: {r.stderr.strip()[-300:]}"
        return result
    try:
        spans = peer.spans(r.stdout, texts)
    except (ValueError, KeyError, TypeError) as e:
        result["error"] = f"could not read its output: {e}"
        return result
    result.update(score(expected, texts, spans))
    return result


def run_all(set_dirs, install=True, say=print):
    """Run every peer that can run over every set; say why for those that cannot."""
    results = []
    for peer in PEERS:
        why = ensure(peer, install)
        if why:
            say(f"{peer.name}: {why}")
            results.append({"tool": peer.name, "skipped": why})
            continue
        say(f"{peer.name}: {peer.version()[0]}")
        for d in set_dirs:
            results.append(run_peer(peer, d))
    for name, why in NOT_RUN.items():
        say(f"{name}: {why}")
        results.append({"tool": name, "skipped": why})
    return results


def describe(r):
    """One line for a peer result."""
    if "skipped" in r:
        return f"{r['tool']:22} skipped: {r['skipped']}"
    head = f"{r['tool']:22} {os.path.basename(r['set'].rstrip('/')):12} {r['seconds']:7.2f}s"
    if "error" in r:
        return f"{head}  error: {r['error']}"
    kinds = ", ".join(f"{k} {f}/{t}" for k, (f, t) in r["kinds"].items())
    return (f"{head}  {r['stories'] / r['seconds']:7.1f} stories/s  found {r['found']}/{r['total']}"
            f"  findings {r['findings']} ({r['per_1k_words']}/1k words), false alarms "
            f"{r['false_alarms']}\n{'':24}{kinds}")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("sets", nargs="+", help="folders holding *.txt and expected.yaml")
    ap.add_argument("--no-install", action="store_true", help="do not install missing peers")
    ap.add_argument("--json", help="write the results here as JSON")
    a = ap.parse_args(argv)
    results = run_all(a.sets, install=not a.no_install)
    for r in results:
        if "skipped" not in r:
            print(describe(r))
    if a.json:
        with open(a.json, "w", encoding="utf-8") as f:
            json.dump(results, f, indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main())

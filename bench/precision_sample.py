"""Precision read by hand: a fixed-seed sample of error and warning findings, stratified by rule, and its score.

Issue 12 asks for precision judged by a person, not inferred from
annotations (raters mark few of the real faults). Two steps:

    python bench/precision_sample.py draw ../shared/corpus/mqm-wmt20 --n 60 --seed 12 > bench/judged/mqm-wmt20-sample.yaml
    (read each entry in its story and fill in `verdict: real | false | debatable` and `why`)
    python bench/precision_sample.py score bench/judged/mqm-wmt20-sample.yaml

`draw` takes up to --per-rule findings of each rule (error and warning only),
then fills up to --n from the rest, all with one seeded random generator,
so the same checker and seed give the same sample. `score` runs the checker
again and judges only entries it still reports (matched by story, rule and
fingerprint), so a fix that removes a false alarm raises the figure and a
new finding is counted as not yet judged. Precision = real / (real + false);
debatable entries are listed and left out of both. A story's Chinese original
beside it (`NAME.zh.txt`, found as `checker lint` finds it) is given to the
checker as its source, so the bilingual rules are sampled too.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from checker import yamlio  # noqa: E402
from checker.api import Checker, Options  # noqa: E402
from checker.finding import Severity  # noqa: E402
from checker.evaluate import CheckedFile, check_file  # noqa: E402

CONTEXT = 160  # characters either side shown to the judge


def findings_of(folder: Path, rules: list[str] | None = None, check: Callable[[Path], CheckedFile] | None = None) -> list[dict]:
    """Every error and warning finding on the set's stories (or every finding of `rules`, info too), with the context a judge reads.

    `check` (default: checker.evaluate.check_file with the shipped rules) lets a caller reuse results it already has.
    """
    if check is None:
        shipped = Checker(Options(discover_config=False, fail_on="never")).rules
        check = lambda path: check_file(path, shipped)  # noqa: E731
    stories = sorted(p for p in folder.glob("*.txt") if not p.name.endswith(".zh.txt"))
    out = []
    for story in stories:
        checked = check(story)
        text, source = checked.text, checked.source
        for f in checked.result.findings:
            if f.rule_id not in rules if rules else f.severity < Severity.WARNING:
                continue
            out.append({
                "story": story.name, "rule": f.rule_id, "severity": str(f.severity), "fingerprint": f.fingerprint,
                "line": f.position.line, "column": f.position.column, "text": f.position.text, "message": f.message,
                "context": " ".join(text[max(0, f.start - CONTEXT): f.end + CONTEXT].split()),
                "related": [r.position.text for r in f.related],
                **({"source_context": _source_context(source, f)} if rules and source else {}),
            })
    return out


def _source_context(source: str, f) -> str:
    """The source line of the finding's source span, the span in 【】: what an info finding about the source is judged on."""
    span = next((r for r in f.related if r.path), None)
    if span is None:
        return ""
    line = source.splitlines()[span.position.line - 1]
    at = span.position.column - 1
    return line[:at] + "【" + span.position.text + "】" + line[at + len(span.position.text):]


def draw(folder: Path, n: int, per_rule: int, seed: int, rules: list[str] | None = None) -> list[dict]:
    rng = random.Random(seed)
    by_rule: dict[str, list[dict]] = defaultdict(list)
    for f in findings_of(folder, rules):
        by_rule[f["rule"]].append(f)
    chosen, rest = [], []
    for rule in sorted(by_rule):
        items = by_rule[rule][:]
        rng.shuffle(items)
        chosen += items[:per_rule]
        rest += items[per_rule:]
    rng.shuffle(rest)
    if len(chosen) > n:
        rng.shuffle(chosen)
        chosen = chosen[:n]
    chosen += rest[: max(0, n - len(chosen))]
    return sorted(chosen, key=lambda f: (f["rule"], f["story"], f["line"], f["column"]))


def judge(judged_file: Path, check: Callable[[Path], CheckedFile] | None = None) -> dict:
    """The verdicts of a judged sample: all of them (as drawn), and those the checker still reports, by rule."""
    data = yamlio.load(judged_file.read_text("utf-8"))
    folder = (judged_file.parent / data["set"]).resolve() if not Path(data["set"]).is_absolute() else Path(data["set"])
    current = {(f["story"], f["rule"], f["fingerprint"]) for f in findings_of(folder, data.get("rules"), check)}
    per_rule: dict[str, list[str]] = defaultdict(list)
    drawn = [e.get("verdict") for e in data["sample"]]
    gone, unjudged, false_alarms, debatable = 0, 0, [], []
    for e in data["sample"]:
        if (e["story"], e["rule"], e["fingerprint"]) not in current:
            gone += 1
            continue
        verdict = e.get("verdict")
        if verdict not in ("real", "false", "debatable"):
            unjudged += 1
            continue
        per_rule[e["rule"]].append(verdict)
        if verdict == "false":
            false_alarms.append(e)
        elif verdict == "debatable":
            debatable.append(e)
    return {"set": data["set"], "sampled": len(data["sample"]), "drawn": drawn, "gone": gone, "unjudged": unjudged,
            "per_rule": per_rule, "false_alarms": false_alarms, "debatable": debatable}


def score(judged_file: Path) -> int:
    j = judge(judged_file)
    per_rule, false_alarms, debatable = j["per_rule"], j["false_alarms"], j["debatable"]
    real = sum(v.count("real") for v in per_rule.values())
    false = sum(v.count("false") for v in per_rule.values())
    drawn_real, drawn_false = j["drawn"].count("real"), j["drawn"].count("false")
    print(f"{judged_file.name}: set {j['set']}, {j['sampled']} sampled, {j['gone']} no longer reported, {j['unjudged']} not judged")
    if drawn_real + drawn_false:
        print(f"as drawn: {drawn_real} real, {drawn_false} false, {j['drawn'].count('debatable')} debatable: "
              f"precision {drawn_real / (drawn_real + drawn_false):.2f}")
    print(f"| rule | judged | real | false | debatable | precision |\n|---|---|---|---|---|---|")
    for rule, verdicts in sorted(per_rule.items()):
        r, f, d = verdicts.count("real"), verdicts.count("false"), verdicts.count("debatable")
        print(f"| `{rule}` | {len(verdicts)} | {r} | {f} | {d} | {r / (r + f):.2f} |" if r + f else f"| `{rule}` | {len(verdicts)} | {r} | {f} | {d} | - |")
    print(f"| overall | {real + false + len(debatable)} | {real} | {false} | {len(debatable)} | "
          + (f"{real / (real + false):.2f} |" if real + false else "- |"))
    for e in false_alarms:
        print(f"false alarm: {e['story']}:{e['line']}:{e['column']} {e['rule']} {e['text']!r}: {e.get('why', '')}")
    for e in debatable:
        print(f"debatable: {e['story']}:{e['line']}:{e['column']} {e['rule']} {e['text']!r}: {e.get('why', '')}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    d = sub.add_parser("draw", help="print a seeded, rule-stratified sample as YAML to judge")
    d.add_argument("set", type=Path)
    d.add_argument("--n", type=int, default=60)
    d.add_argument("--per-rule", type=int, default=8)
    d.add_argument("--seed", type=int, default=12)
    d.add_argument("--rules", nargs="+", help="sample these rules' findings at every severity (info too) instead of errors and warnings")
    s = sub.add_parser("score", help="precision over a judged sample the checker still reports")
    s.add_argument("judged", type=Path)
    args = parser.parse_args(argv)
    if args.command == "score":
        return score(args.judged)
    sample = draw(args.set, args.n, args.per_rule, args.seed, args.rules)
    import yaml

    here = Path.cwd() / "bench" / "judged"
    rel = Path(__import__("os").path.relpath(args.set.resolve(), here))
    print(f"# {len(sample)} {' '.join(args.rules) + '' if args.rules else 'error/warning'} findings on {args.set}, up to {args.per_rule} a rule, seed {args.seed}.\n"
          "# verdict: real (an editor would fix it) | false (correct copy) | debatable; why: one line.")
    print(yaml.safe_dump({"set": str(rel), "seed": args.seed, **({"rules": args.rules} if args.rules else {}), "sample": [{**e, "verdict": None, "why": None} for e in sample]},
                         allow_unicode=True, sort_keys=False, width=200))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Desk-wide consistency: name spellings and numbered titles compared across stories.

Two steps, so the cost of the cross-story part grows with the number of
distinct names, not of stories:

1. per partition (on the workers): every proper-name mention, found exactly
   as `lint`'s name-drift rule finds them (checker.mentions with that rule's
   word lists), is tallied by spelling with its context words (title, office,
   place), dates and a few example story ids; every ordinal the
   ordinal-conflict rule (the numbered kind) binds to a person ("NAME, head
   of the Nth batch") is tallied by person, head noun and month;
2. on the client: the distinct spellings are clustered with the name-drift
   rule's own matcher and clustering (checker.kinds.name_drift.drift_groups),
   each cluster gets a canonical spelling (the house list's, else the most
   used in the latest year), and a person given two numbers in one month is
   a conflict.

Across stories the comparison is deliberately simple: one person (variant
spellings folded together), one head noun (`batch`), one calendar month as
"the same period"; the in-story kind's sequence, date and contrast checks are
not repeated across stories.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from checker.document import Document, norm_text
from checker.kinds.agreement import JOINERS
from checker.kinds.name_drift import drift_groups, link_reason, matcher_for, vocabulary_for
from checker.mentions import context_words, proper_names
from checker.reporters.base import position_dict

EXAMPLES = 3  # example story ids kept per spelling and per number
CONTEXTS = 5  # context phrases kept per spelling (per partition, and in the authority file)
MERGED_CONTEXTS = 100  # kept while merging partitions: the top five come out the same in any merge order but in rare ties
NAME_RULE = "archive.name-drift"
TITLE_RULE = "archive.ordinal-conflict"


class NoNameRule(Exception):
    pass


class NamePass:
    """The name and title finders of the loaded rules, built once per worker."""

    def __init__(self, rules):
        drift = next((r for r in rules if r.kind == "name-drift"), None)
        if drift is None:
            raise NoNameRule("the cross-story pass needs the name-drift rule (check --select / --ignore / --rules)")
        self.vocab = vocabulary_for(drift)
        self.matcher = matcher_for(drift)
        # The numbered kind binds ordinals to the person they are said of (`Name, head of the Nth batch`,
        # `Name, who leads the Nth team`); its rules lend that binding here.
        self.ordinal_rules = [r for r in rules if hasattr(r.check, "held_ordinals")]

    def mentions(self, story_id: str, path: str, text: str, date: str | None) -> list[dict]:
        """The story's first mention of each spelling and every numbered-title mention, with positions."""
        doc = Document(text, path)
        out, seen = [], set()
        for m in proper_names(doc, self.vocab):
            norm = norm_text(m.text)
            if norm in seen:
                continue
            seen.add(norm)
            before, after = context_words(doc, m)
            out.append({"kind": "name", "story": story_id, "norm": norm, "date": date,
                        "context": " ".join(x for x in (before, "…", after) if x) if (before or after) else "",
                        **position_dict(doc.position(m.start, m.end))})
        if date:
            for rule in self.ordinal_rules:
                for o in rule.check.held_ordinals(doc):
                    noun = o.np[0] if o.np else ""
                    out.append({"kind": "title", "story": story_id, "key": f"{person_key(o.holder)}|{noun}|{date[:7]}",
                                "value": o.value, "name": o.meta.get("holder_text", o.holder), "date": date,
                                **position_dict(doc.position(o.start, o.end))})
        return out


def person_key(name: str) -> str:
    """Spaces, hyphens, apostrophes and case do not tell people apart: `Hao Long-rui` is `Hao Longrui`."""
    return "".join(norm_text(name).split()).translate(JOINERS)


def _title_key(key: str, alias: dict[str, str]) -> str:
    person, rest = key.split("|", 1)
    return f"{alias.get(person, person)}|{rest}"


# ---- tallies: plain dicts of counts, JSON-serialisable, merged in any order to the same result

def new_tally() -> dict:
    return {"names": {}, "titles": {}}


def add_mentions(tally: dict, mentions: list[dict], order: tuple[int, int]) -> None:
    """Count one story's mentions; `order` (partition, story number) makes kept examples deterministic."""
    for m in mentions:
        if m["kind"] == "name":
            t = tally["names"].setdefault(m["norm"], {"shown": {}, "count": 0, "years": {}, "examples": [],
                                                      "contexts": {}, "first": None, "last": None})
            t["count"] += 1
            t["shown"][m["text"]] = t["shown"].get(m["text"], 0) + 1
            year = (m["date"] or "")[:4]
            t["years"][year] = t["years"].get(year, 0) + 1
            if m["context"]:
                t["contexts"][m["context"]] = t["contexts"].get(m["context"], 0) + 1
            t["examples"] = sorted(t["examples"] + [[*order, m["story"]]])[:EXAMPLES]
            if m["date"]:
                t["first"] = min(filter(None, (t["first"], m["date"])))
                t["last"] = max(filter(None, (t["last"], m["date"])))
        else:
            t = tally["titles"].setdefault(m["key"], {"name": m["name"], "values": {}})
            v = t["values"].setdefault(str(m["value"]), {"count": 0, "text": m["text"], "examples": []})
            v["count"] += 1
            v["examples"] = sorted(v["examples"] + [[*order, m["story"]]])[:EXAMPLES]


def _top(counts: dict, n: int) -> dict:
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:n])


def shrink(tally: dict) -> dict:
    """Keep only the most frequent contexts of each spelling before a tally travels."""
    for t in tally["names"].values():
        t["contexts"] = _top(t["contexts"], CONTEXTS)
    return tally


def merge(total: dict, part: dict) -> None:
    for norm, t in part["names"].items():
        mine = total["names"].get(norm)
        if mine is None:
            total["names"][norm] = t
            continue
        mine["count"] += t["count"]
        for key in ("shown", "years", "contexts"):
            for k, n in t[key].items():
                mine[key][k] = mine[key].get(k, 0) + n
        mine["contexts"] = _top(mine["contexts"], MERGED_CONTEXTS)
        mine["examples"] = sorted(mine["examples"] + t["examples"])[:EXAMPLES]
        mine["first"] = min(filter(None, (mine["first"], t["first"])), default=None)
        mine["last"] = max(filter(None, (mine["last"], t["last"])), default=None)
    for key, t in part["titles"].items():
        mine = total["titles"].setdefault(key, {"name": t["name"], "values": {}})
        mine["name"] = min(mine["name"], t["name"])
        for value, v in t["values"].items():
            have = mine["values"].get(value)
            if have is None:
                mine["values"][value] = v
            else:
                have["count"] += v["count"]
                have["text"] = min(have["text"], v["text"])  # the same whatever order partitions finish in
                have["examples"] = sorted(have["examples"] + v["examples"])[:EXAMPLES]


# ---- the client's step: clusters, the authority file, the cross-story verdicts

def _shown(t: dict) -> str:
    return min(t["shown"], key=lambda s: (-t["shown"][s], s))


def _ids(examples: list) -> list[str]:
    return [e[2] for e in examples]


def learn(names: dict, matcher, house: Sequence[dict] = ()) -> list[dict]:
    """Authority entries for every entity the archive spells more than one way (policy pairs aside)."""
    norms = sorted(names)
    shown = [_shown(names[n]) for n in norms]
    by_house = {}
    for e in house:
        for spelling in [e["name"], *e["variants"]]:
            by_house[norm_text(spelling)] = e["name"]
    groups, reasons = drift_groups(matcher, shown)
    entries: list[dict[str, Any]] = []
    for members in groups:
        house_name = next((by_house[norms[k]] for k in members if norms[k] in by_house), None)
        if house_name is not None:
            chosen = next((k for k in members if norms[k] == norm_text(house_name)), None)
        else:
            latest = max(y for k in members for y in names[norms[k]]["years"])
            chosen = max(members, key=lambda k: (names[norms[k]]["years"].get(latest, 0), names[norms[k]]["count"],
                                                 -k))
        name = house_name if chosen is None else shown[chosen]
        variants = []
        for k in members:
            if k == chosen:
                continue
            reason = link_reason(matcher, shown, reasons, k, chosen) if chosen is not None else "house list"
            if reason is not None:
                variants.append((k, reason))
        if not variants:
            continue
        variants.sort(key=lambda kr: (-names[norms[kr[0]]]["count"], shown[kr[0]]))
        involved = ([chosen] if chosen is not None else []) + [k for k, _ in variants]
        entries.append({
            "name": name,
            "variants": [shown[k] for k, _ in variants],
            "source": "house list" if house_name else "most used in the latest year",
            "counts": {shown[k]: names[norms[k]]["count"] for k in involved},
            "examples": {shown[k]: _ids(names[norms[k]]["examples"]) for k in involved},
            "reasons": {shown[k]: r for k, r in variants},
            "contexts": {shown[k]: list(_top(names[norms[k]]["contexts"], CONTEXTS)) for k in involved
                         if names[norms[k]]["contexts"]},
            "seen": {shown[k]: [names[norms[k]]["first"], names[norms[k]]["last"]] for k in involved
                     if names[norms[k]]["first"]},
        })
    entries.sort(key=lambda e: (-sum(e["counts"].values()), e["name"]))
    return entries


AUTHORITY_HEADER = """\
# Name authority learned by `checker names learn` from {archive}.
# Review it: keep, correct or delete entries, then `checker lint --names FILE` enforces it.
# Each entry: name (the canonical spelling: the house list's, else the most used in the
# latest year), variants (spellings the name-drift matcher links to it); counts, example
# story ids, contexts, first/last dates and the matcher's reasons are for the reviewer.
"""


def write_authority(path: Path, entries: list[dict], archive: str) -> None:
    import yaml

    body = yaml.safe_dump(entries, allow_unicode=True, sort_keys=False, width=120)
    path.write_text(AUTHORITY_HEADER.format(archive=archive) + (body if entries else "[]\n"), encoding="utf-8")


def verdicts(tally: dict, matcher, house: Sequence[dict] = ()) -> dict:
    """What the cross-story pass flags: minority spellings (norm -> the archive's majority or house spelling) and
    numbered-title conflicts (key -> the standing number and the counts)."""
    spellings = {}
    learned = learn(tally["names"], matcher, house)
    for e in learned:
        # The story is flagged against the archive's majority (or the house list), whatever the latest year says.
        total = sum(e["counts"].values())
        every = [e["name"], *e["variants"]]
        by_house = e["source"] == "house list"
        major = e["name"] if by_house else max(every, key=lambda s: (e["counts"][s], s == e["name"]))
        for v in every:
            if v != major and (by_house or e["counts"][v] < e["counts"][major]):
                spellings[norm_text(v)] = {"canonical": major, "count": e["counts"][v],
                                           "canonical_count": e["counts"].get(major, 0), "total": total,
                                           "examples": e["examples"].get(major, [])}
    # A person's variant spellings count as the person: numbers are compared per entity, not per spelling.
    alias = {person_key(v): person_key(canonical) for v, canonical in
             ((v, e["name"]) for e in learned for v in e["variants"])}
    merged: dict = {}
    for key, t in tally["titles"].items():
        mine = merged.setdefault(_title_key(key, alias), {"name": t["name"], "values": {}})
        mine["name"] = min(mine["name"], t["name"])
        for value, v in t["values"].items():
            have = mine["values"].setdefault(value, {"count": 0, "text": v["text"], "examples": []})
            have["count"] += v["count"]
            have["text"] = min(have["text"], v["text"])
            have["examples"] = sorted(have["examples"] + v["examples"])[:EXAMPLES]
    titles = {}
    for key, t in merged.items():
        values = t["values"]
        if len(values) < 2:
            continue
        standing = min(values, key=lambda v: (-values[v]["count"], values[v]["examples"][0]))
        titles[key] = {"standing": standing, "text": values[standing]["text"], "name": t["name"],
                       "counts": {values[v]["text"]: values[v]["count"] for v in values},
                       "examples": _ids(values[standing]["examples"])}
    return {"names": spellings, "titles": titles, "alias": alias}


def cross_rows(mentions: list[dict], found: dict) -> list[dict]:
    """Rows for the mentions (of one partition) that the cross-story verdicts flag."""
    rows = []
    for m in mentions:
        if m["kind"] == "name" and m["norm"] in found["names"]:
            v = found["names"][m["norm"]]
            message = (f"'{m['text']}' here, but the archive spells this name '{v['canonical']}' "
                       f"({v['canonical_count']} of {v['total']} mentions; '{m['text']}' {v['count']}): pick one")
            rows.append(_row(m, NAME_RULE, message, v["canonical"], v["examples"]))
        elif m["kind"] == "title" and _title_key(m["key"], found["alias"]) in found["titles"]:
            v = found["titles"][_title_key(m["key"], found["alias"])]
            if str(m["value"]) == v["standing"]:
                continue
            counts = ", ".join(f"'{t}' in {n}" for t, n in sorted(v["counts"].items(), key=lambda tn: (-tn[1], tn[0])))
            noun = m["key"].split("|")[1]
            message = (f"{m['name']}: '{m['text']} {noun}' here but '{v['text']} {noun}' in other stories of {m['date'][:7]} "
                       f"({counts}); one of the numbers is wrong")
            rows.append(_row(m, TITLE_RULE, message, None, v["examples"]))
    return rows


def _row(m: dict, rule: str, message: str, suggestion: str | None, examples: list[str]) -> dict:
    fingerprint = hashlib.sha1(f"{rule}\0{m['story']}\0{m['text']}\0{m['start']}".encode()).hexdigest()[:16]
    return {"story": m["story"], "rule": rule, "severity": "warning", "message": message,
            **{k: m[k] for k in ("start", "end", "line", "column", "end_line", "end_column", "text")},
            "suggestion": suggestion, "fingerprint": fingerprint,
            "related": json.dumps([{"story": s} for s in examples], ensure_ascii=False), "error": None}

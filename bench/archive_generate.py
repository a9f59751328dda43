"""Generate a dated story archive with planted cross-story drift and its ground truth.

    python bench/archive_generate.py --out bench/out/archive --count 2000 [--seed 1] [--format jsonl|parquet|tree]

Each story is consistent on its own (lint's one-story checks find nothing of
what is planted here); the drift is only visible across stories:
- spellings: a share of the recurring people and places (`--planted`) is
  written another way in a minority of the stories that name them (`Tashi
  Ciren` where most stories say `Zhaxi Ciren`, `Wang Ming-lin`, `Xigaze`);
- numbered titles: each aid-cadre leader heads one batch; in some months one
  story gives another batch number than the others of that month.

People are drawn from the word lists of bench/vocab.py (Han surnames and
given syllables, Tibetan name elements with their two romanisations, places
with two spellings); two distinct people never share a name up to the known
Tibetan equivalences (that would be a name collision, which no spelling
matcher can resolve; context would have to). truth.json lists every spelling
actually used per entity and every story with a planted wrong number.
Same arguments, same bytes.
"""
from __future__ import annotations

import argparse
import datetime
import json
import os
import random
import sys

if __package__ in (None, ""):
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from bench.story import ordinal  # noqa: E402
from bench.vocab import (AID_PROVINCES, DEPARTMENTS, GIVEN, MONTHS, PLACE_VARIANTS, SURNAMES,  # noqa: E402
                         TIBETAN_PARTS)

START = datetime.date(2022, 1, 1)
DAYS = 3 * 365
TITLES = ["deputy director of the regional department of {dept}", "director of the {dept} bureau of {place}",
          "Party secretary of {place}", "vice chairman of the regional government"]
FILLER = [
    "The project covers {n} hectares and will benefit {m} herders in the area.",
    "Officials said {n} new jobs had been created since the start of the year.",
    "The county has invested {n} million yuan in roads, schools and clinics.",
    "Work on the second phase is expected to finish by the end of next year.",
    "More than {m} residents attended the opening ceremony on Friday.",
    "Local farmers have planted highland barley on {n} hectares of land.",
]
CITIES = ["LHASA", "BEIJING", "XINING", "CHENGDU"]


def make_entities(rng, people):
    """People (Han and Tibetan) and places, each with a canonical spelling and one possible variant."""
    out, seen = [], set()
    while len([e for e in out if e["type"] != "place"]) < people:
        if rng.random() < 0.5:
            a, b = rng.sample(TIBETAN_PARTS, 2)
            if (a, b) in seen:
                continue
            seen.add((a, b))
            canonical = f"{a[0]} {b[0]}"
            variant = rng.choice([f"{a[1]} {b[0]}", f"{a[0]} {b[1]}", f"{a[1]} {b[1]}"])
            out.append({"type": "tibetan", "canonical": canonical, "variant": variant})
        else:
            s, g1, g2 = rng.choice(SURNAMES), rng.choice(GIVEN), rng.choice(GIVEN)
            if g1 == g2 or (s, g1 + g2) in seen:
                continue
            seen.add((s, g1 + g2))
            out.append({"type": "han", "canonical": f"{s} {(g1 + g2).capitalize()}",
                        "variant": f"{s} {g1.capitalize()}-{g2}"})
    for usual, drifted in PLACE_VARIANTS:
        out.append({"type": "place", "canonical": usual, "variant": drifted})
    return out


def generate(count=2000, seed=1, planted=0.4, minority=0.2, conflict=0.3):
    """(stories, truth): stories as dicts {id, text, date, source, desk}."""
    rng = random.Random(f"checker-archive:{seed}")
    entities = make_entities(rng, max(12, count // 6))
    for e in entities:
        e["planted"] = rng.random() < planted
        e["used"] = {}
    people = [e for e in entities if e["type"] != "place"]
    places = [e for e in entities if e["type"] == "place"]
    leaders = people[: max(4, len(people) // 3)]
    for i, p in enumerate(leaders):
        p["batch"] = rng.randint(3, 12)
        p["province"] = rng.choice(AID_PROVINCES)
    others = people[len(leaders):] or people
    # Events: a leader in the news for a month, in several stories.
    stories, wrong = [], []
    while len(stories) < count:
        leader = rng.choice(leaders)
        month_start = START + datetime.timedelta(days=rng.randrange(0, DAYS - 31))
        n = min(rng.randint(2, 4), count - len(stories))
        bad = rng.randrange(n) if n >= 3 and rng.random() < conflict else None
        for k in range(n):
            date = month_start.replace(day=1) + datetime.timedelta(days=rng.randrange(0, 27))
            batch = leader["batch"] if k != bad else rng.choice([b for b in range(3, 26) if b != leader["batch"]])
            sid = f"story-{len(stories):06d}"
            if k == bad:
                wrong.append(sid)
            stories.append({"id": sid, "date": date.isoformat(), "source": "Xinhua",
                            "desk": rng.choice(["Lhasa", "Beijing", "regional"]),
                            "text": story_text(rng, sid, date, leader, batch, rng.sample(others, 2), rng.choice(places),
                                               minority)})
    truth = {
        "entities": [{"canonical": e["canonical"], "spellings": e["used"], "planted": e["planted"]}
                     for e in entities if e["used"]],
        "wrong_numbers": wrong,
    }
    return stories, truth


def spell(rng, entity, minority, sid):
    name = entity["variant"] if entity["planted"] and rng.random() < minority else entity["canonical"]
    entity["used"].setdefault(name, []).append(sid)
    return name


def story_text(rng, sid, date, leader, batch, guests, place, minority):
    """A short Xinhua-style story; every entity is spelled one way within it."""
    lead, (g1, g2), town = spell(rng, leader, minority, sid), [spell(rng, g, minority, sid) for g in guests], \
        spell(rng, place, minority, sid)
    month = MONTHS[date.month - 1][1]
    fill = lambda: rng.choice(FILLER).format(n=rng.randint(20, 900), m=rng.randint(100, 5000))  # noqa: E731
    title = rng.choice(TITLES).format(dept=rng.choice(DEPARTMENTS), place=town)
    paragraphs = [
        f"{rng.choice(CITIES)}, {month} {date.day} (Xinhua) -- {lead}, head of the {ordinal(batch)} batch of aid "
        f"cadres from {leader['province']}, said on Monday that a new industrial park in {town} would open soon.",
        fill(),
        f"\"We will keep our promises to the people,\" said {g1}, {title}.",
        f"{g2} and officials from the regional department of {rng.choice(DEPARTMENTS)} visited {town} with {lead}.",
        fill() + " " + fill(),
        "(End)",
    ]
    return "\n\n".join(paragraphs) + "\n"


def write_archive(stories, out, fmt):
    """The same stories as JSON Lines (archive.jsonl), Parquet (archive.parquet) or a folder tree (tree/)."""
    os.makedirs(out, exist_ok=True)
    if fmt == "jsonl":
        path = os.path.join(out, "archive.jsonl")
        with open(path, "w", encoding="utf-8") as f:
            for s in stories:
                f.write(json.dumps(s, ensure_ascii=False) + "\n")
    elif fmt == "parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        path = os.path.join(out, "archive.parquet")
        pq.write_table(pa.Table.from_pylist(stories), path, row_group_size=100)
    else:
        path = os.path.join(out, "tree")
        for s in stories:
            folder = os.path.join(path, s["date"][:7])
            os.makedirs(folder, exist_ok=True)
            with open(os.path.join(folder, s["id"] + ".txt"), "w", encoding="utf-8") as f:
                f.write(s["text"])
    return path


def score_authority(truth, entries):
    """Precision and recall of learned variant pairs against the planted ones (pairs unordered).

    A learned pair {name, variant} is right when both spellings belong to one
    generated entity; a planted pair is recovered when some entry links its
    variant to its canonical spelling. `canonical` counts entries whose name
    is the generator's canonical spelling.
    """
    fold = str.casefold
    owner = {fold(s): i for i, e in enumerate(truth["entities"]) for s in e["spellings"]}
    planted = {frozenset(map(fold, (e["canonical"], s))) for e in truth["entities"]
               for s in e["spellings"] if s != e["canonical"]}
    learned = {frozenset(map(fold, (e["name"], v))) for e in entries for v in e["variants"]}
    right = {p for p in learned if len({owner.get(s, ("?", s)) for s in p}) == 1}
    recovered = {p for p in planted if any(p <= {fold(e["name"]), *map(fold, e["variants"])} for e in entries)}
    canonical = sum(1 for e in entries if fold(e["name"]) in owner
                    and fold(truth["entities"][owner[fold(e["name"])]]["canonical"]) == fold(e["name"]))
    return {"planted": len(planted), "learned": len(learned), "right": len(right), "recovered": len(recovered),
            "precision": len(right) / len(learned) if learned else 1.0,
            "recall": len(recovered) / len(planted) if planted else 1.0,
            "canonical_right": canonical, "entries": len(entries),
            "wrong_pairs": sorted(sorted(p) for p in learned - right),
            "missed_pairs": sorted(sorted(p) for p in planted - recovered)}


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", required=True)
    ap.add_argument("--count", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--format", choices=["jsonl", "parquet", "tree"], default="jsonl")
    args = ap.parse_args(argv)
    stories, truth = generate(args.count, args.seed)
    path = write_archive(stories, args.out, args.format)
    with open(os.path.join(args.out, "truth.json"), "w", encoding="utf-8") as f:
        json.dump(truth, f, ensure_ascii=False, indent=1)
    print(f"{len(stories)} stories -> {path}; {sum(len(e['spellings']) > 1 for e in truth['entities'])} entities "
          f"spelled two ways, {len(truth['wrong_numbers'])} planted wrong numbers; truth in {args.out}/truth.json")


if __name__ == "__main__":
    main()

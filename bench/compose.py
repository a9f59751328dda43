"""Turn a seed and a fault plan into one finished story and its annotations."""
from bench import vocab
from bench.faults import KINDS, Injector
from bench.story import StoryBuilder, default_text, words_in
from bench.tokens import render, strip_marks, token
from checker.evaluate import occurrences

SHORT_PARAGRAPHS = ("background", "plan")


def plan_faults(rng, rate):
    """Each fault kind independently, with probability `rate`."""
    return [k for k in KINDS if rng.random() < rate]


def cast(b, rng, n_people, traps):
    b.add_person(tibetan=rng.random() < 0.3)
    if rng.random() < 0.7:
        b.add_person(cadre=True)
    while len(b.people) < n_people:
        b.add_person(tibetan=rng.random() < 0.35, resident=rng.random() < 0.15)
    if "pair" in traps:
        b.add_trap_pair()
    if "doubled" in traps:
        b.add_doubled_name()
    if "shanxi" in traps:
        b.traps += ["Shanxi", "Shaanxi"]


def write_body(b, rng, target, ceiling, names=0, extra=()):
    """Add body paragraphs until `target` words, never passing `ceiling`;
    `extra` paragraphs are counted first and then put at random places."""
    words = sum(words_in(p, b) for p in [*b.paragraphs, *extra])
    while words < target:
        if names and need_mentions(b) * 16 > target - words:
            p = b.roster(12)
        else:
            p = b.body_paragraph()
        w = words_in(p, b)
        if words + w > ceiling:
            p = getattr(b, rng.choice(SHORT_PARAGRAPHS))()
            w = words_in(p, b)
            if words + w > ceiling:
                break
        b.paragraphs.append(p)
        words += w
    while names and need_mentions(b):
        b.paragraphs.append(b.roster(12))
    for p in extra:
        b.paragraphs.insert(rng.randint(1, len(b.paragraphs)), p)


def need_mentions(b, at_least=2):
    """Name mentions still owed so everyone is named `at_least` times (round robin)."""
    return max(0, at_least * len(b.people) - b.turn)


def compose(rng, kinds, target, ceiling, trap_rate, names=0):
    """Return (text, entry) where entry is the story's expected.yaml record."""
    agency = rng.choice(("xinhua", "cns"))
    b = StoryBuilder(rng, agency, tibetan_style=int(rng.random() < 0.4))
    b.reporter = ", ".join(rng.sample(vocab.AGENCY_REPORTERS, rng.choice((1, 1, 2))))
    b.photographer = rng.choice(vocab.AGENCY_REPORTERS)
    traps = {t for t in ("plan13", "shanxi", "pair", "doubled") if rng.random() < trap_rate}
    if names:
        while len(b.people) < names:
            b.add_person(tibetan=rng.random() < 0.2)
    else:
        cast(b, rng, rng.randint(3, 6), traps)
    b.paragraphs.append(b.lead())
    extra = [b.plan_trap()] if "plan13" in traps else []
    if "shanxi" in traps:
        extra.append(b.province_paragraph())
    extra += [b.quote(i) for i, p in enumerate(b.people) if p.trap]
    write_body(b, rng, target, ceiling, names, extra)
    end = "(End)" if agency == "xinhua" or rng.random() < 0.6 else "(ENDS)"
    if end == "(ENDS)":
        b.traps.append("(ENDS)")
    if "plan13" in traps:
        b.traps += ["13th Five-Year Plan", "14th Five-Year Plan"]
    if rng.random() < 0.5:
        b.paragraphs[-1] += " " + token("E", end)
    else:
        b.paragraphs.append(token("E", end))

    inj = Injector(b, rng, kinds)
    inj.prepare()
    inj.choose()
    # One string, so that occurrence numbers run across paragraphs.
    rendered = render("\x00".join(b.paragraphs), default_text(b), inj.overrides).split("\x00")
    rendered = inj.after_render(rendered, curly=rng.random() < 0.25)
    text, spans = strip_marks("\n\n".join(rendered) + "\n")
    return text, annotate(text, inj.faults, spans, b.traps)


def annotate(text, faults, spans, traps):
    flags, flagged = [], []
    for f in faults:
        if f.id not in spans:
            continue
        start, end = spans[f.id]
        for _ in range(f.extend_words):
            while end < len(text) and text[end] == " ":
                end += 1
            while end < len(text) and not text[end].isspace():
                end += 1
        quote = text[start:end].rstrip(".,;")
        entry = {"kind": f.kind, "quote": quote}
        nth = [s for s, _ in occurrences(text, quote)].index(start) + 1
        if nth > 1:
            entry["nth"] = nth
        if f.related:
            entry["related"] = f.related
        flags.append(entry)
        flagged.append((start, start + len(quote)))
    safe = []
    for q in dict.fromkeys(traps):
        spots = occurrences(text, q)
        free = [(a, b) for a, b in spots if not any(a < d and c < b for c, d in flagged)]
        if free:
            safe.append(q)
    entry = {}
    if flags:
        entry["must_flag"] = flags
    if safe:
        entry["must_not_flag"] = safe
    return entry

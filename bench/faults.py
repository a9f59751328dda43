"""Inject translation faults into a story and record where each one landed.

Phases, in order, so that no later step shifts an earlier choice:
1. `prepare`: add whatever paragraphs the planned faults need, and captions;
2. `choose`: pick which placeholder occurrence each token-level fault rewrites;
3. render placeholders (see tokens.render);
4. `after_render`: typography and whitespace faults on the rendered text.
Every fault's text is bracketed by markers, so its offset is exact.
"""
from dataclasses import dataclass

from bench import phrases, vocab
from bench.story import list_text, ordinal, placeholder_counts
from bench.tokens import fill, mark, token

KINDS = ["repetition", "ordinal-conflict", "name-drift", "term-drift", "place-list",
         "end-marker", "caption-in-body", "typography", "whitespace"]
PLACE_DRIFT = dict(vocab.PLACE_VARIANTS)
CURLY = {"'": "\u2019", '"': ("\u201c", "\u201d")}


@dataclass
class Fault:
    id: int
    kind: str
    related: str | None = None
    extend_words: int = 0     # widen the recorded quote by this many following words


class Injector:
    def __init__(self, builder, rng, kinds):
        self.b, self.rng, self.kinds = builder, rng, list(kinds)
        self.faults: list[Fault] = []
        self.overrides = {}

    def new(self, kind, related=None, extend_words=0):
        f = Fault(len(self.faults), kind, related, extend_words)
        self.faults.append(f)
        return f.id

    def insert(self, paragraph):
        """Put a paragraph somewhere in the body (never before the lead)."""
        paras = self.b.paragraphs
        paras.insert(self.rng.randint(1, len(paras)), paragraph)

    def counts(self):
        return placeholder_counts(self.b.paragraphs)

    # -- phase 1 ----------------------------------------------------------
    def prepare(self):
        b = self.b
        need = set(self.kinds)
        if "ordinal-conflict" in need:
            cadres = [i for i, p in enumerate(b.people) if p.batch]
            idx = cadres[0] if cadres else b.add_person(cadre=True)
            while self.counts().get(("B", str(idx)), 0) < 2:
                self.insert(b.speech(idx))
        if "name-drift" in need and not self.drift_candidates():
            self.insert(b.f("{L:city} lies at an average altitude of more than 4,000 meters."))
            self.insert(b.f("China's poverty alleviation drive has benefited people in {L:city}."))
        twice = [k for k, n in self.counts().items() if k[0] == "T" and n > 1]
        if "term-drift" in need and not twice:
            key = self.rng.choice(sorted(vocab.TERMS))
            self.insert(fill(f"Officials said that {{T:{key}}} remains a priority, and that the "
                             f"region will do more for {{T:{key}}} in the coming years.", {}))
        if "repetition" in need and not [k for k in self.counts() if k[0] in "RH"]:
            self.insert(b.f("Highland barley is the staple crop of the plateau, and its output "
                            "has grown {H}."))
        if "place-list" in need and not self.list_candidates():
            nw = "Shaanxi|Gansu|Ningxia|Qinghai|Xinjiang"
            self.insert(fill(phrases.LISTS[0].replace("{list}", "{Q:nw}"), dict(b.values, nw=nw)))
        if "typography" in need and sum(p.count("'") for p in b.paragraphs) < 2:
            self.insert("Tibet's people's lives have improved year by year, officials said.")
        while "whitespace" in need and len(b.paragraphs) < 4:
            self.insert(b.background())
        if "caption-in-body" in need:
            self.caption()

    def caption(self):
        b, r = self.b, self.rng
        if r.random() < 0.5:
            idx = r.randrange(len(b.people))
            subject = f"{token('P', idx)}, {b.people[idx].title}, giving a speech"
        else:
            subject = r.choice(vocab.PHOTO_SUBJECTS)
        if b.agency == "cns":
            fid = self.new("caption-in-body")
            text = f"{mark(fid, 'The picture shows')} {subject}. Photo by {b.reporter}"
        else:
            fid = self.new("caption-in-body")
            lead = mark(fid, f"Photo taken on {b.date} shows")
            text = f"{lead} {subject}. (Xinhua/{b.photographer})"
        if r.random() < 0.7 or len(b.paragraphs) < 3:
            self.insert(text)
        else:
            i = r.randint(1, len(b.paragraphs) - 1)
            b.paragraphs[i] += " " + text

    def drift_candidates(self):
        c = self.counts()
        people = [("P", str(i)) for i, p in enumerate(self.b.people)
                  if p.variant and not p.trap and c.get(("P", str(i)), 0) > 1]
        places = [k for k, n in c.items() if k[0] == "L" and k[1] in PLACE_DRIFT and n > 1]
        return people * 2 + places

    def list_candidates(self):
        out = []
        for k in self.counts():
            if k[0] == "Q":
                items = k[1].split("|")
                pairs = [i for i in range(len(items) - 1)
                         if tuple(items[i:i + 2]) in vocab.MANGLED_PAIRS]
                if pairs:
                    out.append((k, pairs))
        return out

    # -- phase 2 ----------------------------------------------------------
    def choose(self):
        for kind in self.kinds:
            step = getattr(self, kind.replace("-", "_"), None)
            if step and kind not in ("caption-in-body", "typography", "whitespace"):
                step()

    def override(self, key, fid_text, first_ok=False):
        n = self.counts()[key]
        nth = self.rng.randrange(0 if first_ok else 1, n)
        self.overrides[(key[0], key[1], nth)] = fid_text

    def repetition(self):
        keys = sorted(k for k in self.counts() if k[0] in "RH")
        key = self.rng.choice(keys)
        fid = self.new("repetition")
        if key[0] == "H":
            text = vocab.PHRASE_REPEATS[int(key[1])][1]
        else:
            text = " ".join([key[1]] * self.rng.choice((2, 2, 2, 3)))
        self.override(key, mark(fid, text), first_ok=True)

    def ordinal_conflict(self):
        c = self.counts()
        idx = self.rng.choice([i for i, p in enumerate(self.b.people)
                               if p.batch and c.get(("B", str(i)), 0) > 1])
        right = self.b.people[idx].batch
        wrong = self.rng.choice([n for n in range(max(1, right - 15), right + 16) if n != right])
        fid = self.new("ordinal-conflict", related=f"{ordinal(right)} batch")
        self.override(("B", str(idx)), mark(fid, f"{ordinal(wrong)} batch"))

    def name_drift(self):
        key = self.rng.choice(self.drift_candidates())
        if key[0] == "P":
            p = self.b.people[int(key[1])]
            right, wrong = p.name, p.variant
        else:
            right, wrong = key[1], PLACE_DRIFT[key[1]]
        fid = self.new("name-drift", related=right)
        self.override(key, mark(fid, wrong))

    def term_drift(self):
        keys = sorted(k for k, n in self.counts().items() if k[0] == "T" and n > 1)
        key = self.rng.choice(keys)
        right, wrong = vocab.TERMS[key[1]]
        fid = self.new("term-drift", related=right)
        self.override(key, mark(fid, wrong))

    def place_list(self):
        key, pairs = self.rng.choice(self.list_candidates())
        items = key[1].split("|")
        i = self.rng.choice(pairs)
        fid = self.new("place-list")
        items[i:i + 2] = [mark(fid, vocab.MANGLED_PAIRS[tuple(items[i:i + 2])])]
        self.override(key, list_text(items), first_ok=True)

    def end_marker(self):
        fid = self.new("end-marker")
        key = next(k for k in self.counts() if k[0] == "E")
        self.override(key, mark(fid, self.rng.choice(vocab.END_MARKS_BAD)), first_ok=True)

    # -- phase 4 ----------------------------------------------------------
    def after_render(self, paragraphs, curly):
        if curly:
            paragraphs = [curl(p) for p in paragraphs]
        if "typography" in self.kinds:
            paragraphs = self.typography(paragraphs, curly)
        if "whitespace" in self.kinds:
            paragraphs = self.whitespace(paragraphs)
        return paragraphs

    def typography(self, paragraphs, curly):
        base, other = ("\u2019", "'") if curly else ("'", "\u2019")
        spots = [(i, j) for i, p in enumerate(paragraphs) for j, ch in enumerate(p) if ch == base]
        if len(spots) < 2:
            return paragraphs
        fid = self.new("typography", related=base)
        chosen = sorted(self.rng.sample(spots[1:], self.rng.randint(1, min(3, len(spots) - 1))))
        paragraphs = list(paragraphs)
        for n, (i, j) in enumerate(reversed(chosen)):
            p = paragraphs[i]
            new = mark(fid, other) if n == len(chosen) - 1 else other
            paragraphs[i] = p[:j] + new + p[j + 1:]
        return paragraphs

    def whitespace(self, paragraphs):
        body = list(range(1, len(paragraphs) - 1))      # not the lead, not the last
        if len(body) < 2:
            return paragraphs
        chosen = sorted(self.rng.sample(body, self.rng.randint(1, min(5, len(body) - 1))))
        fid = self.new("whitespace", extend_words=1)
        paragraphs = list(paragraphs)
        for n, i in enumerate(chosen):
            paragraphs[i] = (mark(fid, "  ") if n == 0 else "  ") + paragraphs[i]
        return paragraphs


def curl(paragraph):
    """House style with typographic quotes: ' -> ’ and "..." -> “...”."""
    out, opening = [], True
    for ch in paragraph.replace("'", CURLY["'"]):
        if ch == '"':
            ch = CURLY['"'][0] if opening else CURLY['"'][1]
            opening = not opening
        out.append(ch)
    return "".join(out)

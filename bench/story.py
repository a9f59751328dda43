"""Build one clean wire story as placeholder text (see tokens.py).

The builder knows the story's cast and counts mentions, so the fault
injector can ask for what a fault needs (a person named twice, a batch number
given twice, a province list) instead of hoping the dice provided it.
"""
from dataclasses import dataclass, field

from bench import phrases, vocab
from bench.tokens import fill, occurrences, render, token


@dataclass
class Person:
    name: str
    variant: str | None      # the same name spelled another way, if it has one
    title: str               # with placeholders
    pronoun: str = "He"
    batch: int | None = None
    trap: bool = False       # one half of a must_not_flag pair: never drifted


@dataclass
class Story:
    agency: str              # "xinhua" or "cns"
    paragraphs: list[str]
    people: list[Person]
    reporter: str
    date: str
    traps: list[str] = field(default_factory=list)


def ordinal(n):
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def list_text(items):
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


class StoryBuilder:
    """Draws a cast and paragraphs from one random.Random."""

    def __init__(self, rng, agency, tibetan_style=0):
        self.rng = rng
        self.agency = agency
        self.style = tibetan_style       # 0 pinyin, 1 Tibetan romanization
        self.people: list[Person] = []
        self.used = set()
        self.turn = 0
        self.paragraphs: list[str] = []
        self.decks = {}
        self.traps: list[str] = []
        self.city = rng.choice(vocab.CITIES)
        self.prov = rng.choice(vocab.AID_PROVINCES)
        r = rng
        self.values = {
            "city": self.city, "prov": self.prov,
            "n": lambda: r.randint(3, 60), "year": lambda: r.randint(2012, 2020),
            "thousands": lambda: f"{r.randint(11, 900) * 100:,}",
            "bn": lambda: f"{r.uniform(0.5, 40):.1f}", "mn": lambda: f"{r.uniform(1, 40):.2f}",
            "gdp": lambda: f"{r.uniform(100, 220):.1f}", "pct": lambda: f"{r.uniform(2, 15):.1f}",
            "income": lambda: f"{r.randint(12000, 22000):,}",
            "dept": lambda: r.choice(vocab.DEPARTMENTS),
            "company": lambda: r.choice(vocab.COMPANIES),
            "county": lambda: r.choice(vocab.COUNTIES),
            "village": lambda: r.choice(vocab.VILLAGES),
            "H": lambda: token("H", r.randrange(len(vocab.PHRASE_REPEATS))),
            "list": lambda: token("Q", "|".join(self.province_list())),
        }

    # -- cast -------------------------------------------------------------
    def han_name(self):
        surname = self.rng.choice(vocab.SURNAMES)
        syllables = self.rng.sample(vocab.GIVEN, self.rng.choice((1, 2, 2, 2)))
        given = "".join(syllables).capitalize()
        if given == surname:
            return None, None
        variant = f"{surname} {'-'.join(syllables).capitalize()}" if len(syllables) == 2 else None
        return f"{surname} {given}", variant

    def tibetan_name(self):
        a, b = self.rng.sample(vocab.TIBETAN_PARTS, 2)
        swap = self.rng.randrange(2)
        parts = [a[self.style], b[self.style]]
        drifted = list(parts)
        drifted[swap] = (a, b)[swap][1 - self.style]
        return " ".join(parts), " ".join(drifted)

    def add_person(self, tibetan=False, cadre=False, resident=False, name=None, variant=None,
                   trap=False):
        while name is None or name in self.used:
            name, variant = self.tibetan_name() if tibetan else self.han_name()
        self.used.add(name)
        if variant:
            self.used.add(variant)
        idx = len(self.people)
        values = dict(self.values, me=idx)
        if resident:
            pool = phrases.RESIDENT_TITLES
        else:
            pool = phrases.CADRE_TITLES if cadre else phrases.TITLES
        p = Person(name, variant, fill(self.rng.choice(pool), values),
                   pronoun=self.rng.choice(("He", "He", "She")),
                   batch=self.rng.randint(2, 25) if cadre else None, trap=trap)
        self.people.append(p)
        return idx

    def add_trap_pair(self):
        """Two people whose names share syllables crosswise (Hao Peng, Peng Yihao)."""
        for _ in range(50):
            s1, s2 = self.rng.sample(vocab.SURNAMES, 2)
            a = f"{s1} {s2}"
            b = f"{s2} {self.rng.choice(vocab.GIVEN).capitalize()}{s1.lower()}"
            if a not in self.used and b not in self.used:
                self.add_person(name=a, trap=True)
                self.add_person(name=b, trap=True)
                self.traps += [a, b]
                return

    def add_doubled_name(self):
        name = self.rng.choice(vocab.DOUBLED_NAMES)
        if name not in self.used:
            self.add_person(name=name, trap=True)
            self.traps.append(name)

    # -- mentions ---------------------------------------------------------
    def next_person(self):
        """Round robin over the cast, so every name recurs evenly."""
        idx = self.turn % len(self.people)
        self.turn += 1
        return idx

    def full(self, idx):
        return f"{token('P', idx)}, {self.people[idx].title},"

    def f(self, template):
        return fill(template, self.values)

    def draw(self, pool):
        """Next item from a shuffled deck of pool: no repeats until it runs out."""
        deck = self.decks.setdefault(id(pool), [])
        if not deck:
            deck += self.rng.sample(pool, len(pool))
        return deck.pop()

    def clause(self):
        return self.f(self.draw(phrases.CLAUSES))

    def province_list(self):
        r = self.rng
        if "Shanxi" in self.traps:
            both = ["Hebei", "Shanxi", "Inner Mongolia", "Shaanxi", "Gansu", "Ningxia"]
            return both[r.randint(0, 1):]
        out = []
        for region in r.sample(vocab.REGIONS, r.choice((1, 1, 2))):
            start = r.randrange(max(1, len(region) - 2))
            out += region[start:start + r.randint(3, 5)]
        return out

    # -- paragraphs -------------------------------------------------------
    def dateline(self):
        month, abbr = self.rng.choice(vocab.MONTHS)
        day = self.rng.randint(1, 28)
        city = self.rng.choice([self.city, "Lhasa", "Lhasa"] + vocab.DATELINE_CITIES)
        self.date = f"{abbr} {day}"
        self.day = day
        if self.agency == "xinhua":
            return f"{city.upper()}, {abbr} {day} (Xinhua) -- "
        return f"China News Service, {city}, {month} {day} ({self.reporter}) "

    def lead(self):
        dateline = self.dateline()
        event = self.f(self.rng.choice(phrases.EVENTS))
        said = self.rng.choice(phrases.SAID)
        if self.agency == "xinhua":
            first = f"{event[0].upper()}{event[1:]} was held in {self.f('{L:city}')} on " \
                    f"{self.rng.choice(['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'])}."
        else:
            day = ordinal(max(1, self.day - 1))
            first = f"On the {day}, {event} was held in {self.f('{L:city}')}."
        return (f"{dateline}{first} {self.full(0)} attended the event and {said} that "
                f"{self.clause()}, and {self.clause()}.")

    def speech(self, idx=None):
        idx = self.next_person() if idx is None else idx
        p = self.people[idx]
        r = self.rng
        return (f"{self.full(idx)} {r.choice(phrases.SAID)} that {self.clause()}. "
                f"{p.pronoun} {r.choice(phrases.SAID)} that {self.clause()}, and {self.clause()}.")

    def quote(self, idx=None):
        idx = self.next_person() if idx is None else idx
        words = self.f(self.draw(phrases.QUOTES))
        p = self.people[idx]
        if self.rng.random() < 0.5:
            more = self.f(self.draw(phrases.QUOTES))
            return f'"{words}," said {token("P", idx)}, {p.title}. "{more}."'
        return f'{self.full(idx)} said: "{words}." {p.pronoun} added that {self.clause()}.'

    def roster(self, size=None):
        size = size or self.rng.randint(4, 8)
        names = [f"{token('P', i)}, {self.people[i].title}"
                 for i in (self.next_person() for _ in range(min(size, len(self.people))))]
        return f"Also present were {'; '.join(names[:-1])}; and {names[-1]}." if len(names) > 1 \
            else f"Also present was {names[0]}."

    def stats(self):
        return f"{self.f(self.draw(phrases.STATS))} {self.f(self.draw(phrases.STATS))}"

    def plan(self):
        return f"{self.f(self.draw(phrases.PLANS))} Officials said that {self.clause()}."

    def plan_trap(self):
        return self.f(phrases.PLAN_TRAP)

    def province_paragraph(self):
        return f"{self.f(self.draw(phrases.LISTS))} {self.f(self.draw(phrases.BACKGROUND))}"

    def background(self):
        return f"{self.f(self.draw(phrases.BACKGROUND))} {self.f(self.draw(phrases.BACKGROUND))}"

    def body_paragraph(self):
        kind = self.rng.choices(
            ["speech", "quote", "stats", "plan", "province_paragraph", "background", "roster"],
            [30, 20, 14, 8, 7, 12, 3])[0]
        return getattr(self, kind)()


def default_text(story):
    """How each placeholder reads when no fault touches it."""
    people = story.people

    def one(kind, key):
        if kind == "P":
            return people[int(key)].name
        if kind == "B":
            return f"{ordinal(people[int(key)].batch)} batch"
        if kind == "T":
            return vocab.TERMS[key][0]
        if kind == "H":
            return vocab.PHRASE_REPEATS[int(key)][0]
        if kind == "Q":
            return list_text(key.split("|"))
        return key          # L place, R word, E end mark
    return one


def words_in(paragraph, story_like):
    return len(render(paragraph, default_text(story_like), {}).split())


def placeholder_counts(paragraphs):
    counts = {}
    for p in paragraphs:
        for k, n in occurrences(p).items():
            counts[k] = counts.get(k, 0) + n
    return counts

"""`repetition`: a word or phrase said twice or more in a row, mirrored as `X and X`,
said again a few words on (a stutter), or a whole sentence said twice.

Works on the document's tokens, so hyphenated words (`State-owned`) and
apostrophe forms count as one word. Repeats must sit on one line with only
spaces between them. A run of any length is one finding, with a fix that
keeps the first copy. Table rows (Document.table_lines) are data, not prose:
`12     12` in two columns is never a repeat.

Correct English doubles are left alone as classes, not word by word: a phrasal
verb followed by its own preposition (`was taken in in the church`), iterative
and comparative doubling (`more and more`, `bigger and bigger`, `step by step`,
`again and again`), and a doubled pinyin syllable as a given name (`Fang Fang`).
Every scan is linear in the story's length (a run of a million `the` included).
"""

from __future__ import annotations

import bisect
from array import array
from itertools import accumulate, compress, repeat
from operator import and_, eq, le, not_


from checker.document import CHUNK, norm_text, offset_code
from checker.finding import Fix, Match
from checker.patterns import compiled

PARAMS = {
    "max_phrase_words": {"type": "integer", "minimum": 1, "maximum": 8},
    "consecutive": {"type": "boolean", "description": "flag `X X` (default true)"},
    "mirrored": {"type": "boolean", "description": "flag `X and X` (default true)"},
    "mirrored_min_words": {
        "type": "integer",
        "minimum": 1,
        "description": "shortest X for `X and X` (`again and again` is idiom; `high standards and high standards` is not)",
    },
    "allow": {
        "type": "array",
        "items": {"type": "string"},
        "description": "doubles that are correct, e.g. `had had`, `Wagga Wagga`",
    },
    "allow_reduplicated_names": {
        "type": "boolean",
        "description": "pass a doubled capitalised pinyin syllable (`Li Li`, `Fang Fang`)",
    },
    "allow_quoted": {
        "type": "boolean",
        "description": "pass a repeat that is the whole of a quotation, a name on purpose (the mascot \"MAK MAK\"); default true",
    },
    "fix_safe": {"type": "boolean"},
    "phrasal_particles": {
        "type": "array",
        "items": {"type": "string"},
        "description": "particles that may follow themselves after a phrasal verb (`taken in in the church`)",
    },
    "phrasal_verbs": {
        "type": "array",
        "items": {"type": "string"},
        "description": "verbs of phrasal verbs (`give`, `log`, irregular forms such as `gave`, `taken`); -s/-ed/-ing forms count too",
    },
    "iterative_words": {
        "type": "array",
        "items": {"type": "string"},
        "description": "single words whose `X and X` is idiom (`again`, `over`); comparatives (`bigger`, `more`) always are",
    },
    "stutter": {
        "type": "boolean",
        "description": "flag a phrase of min_stutter_words or more said again within max_gap words in one sentence",
    },
    "min_stutter_words": {"type": "integer", "minimum": 3},
    "max_gap": {"type": "integer", "minimum": 1},
    "repeated_sentence": {"type": "boolean", "description": "flag a sentence said twice in a row"},
}
REQUIRED = ()
PLACEHOLDERS = {"phrase", "count", "suggestion"}

OPENING_QUOTES = frozenset('"\u201c\u2018\'')  # (the empty slice before offset 0 is not in them)
CLOSING_QUOTES = frozenset('"\u201d\u2019\'')

# Valid pinyin syllables: a doubled one is a given name (`Fang Fang`), a doubled `We` is not.
PINYIN_SYLLABLE = compiled(
    r"(?:[bpmfdtnlgkhjqxrzcs]|zh|ch|sh)?"
    r"(?:a|ai|an|ang|ao|e|ei|en|eng|er|i|ia|ian|iang|iao|ie|in|ing|iong|iu"
    r"|o|ong|ou|u|ua|uai|uan|uang|ue|ui|un|uo|v|ve|ü|üe)"
    r"|w(?:a|ai|an|ang|ei|en|eng|o|u)|y(?:a|an|ang|ao|e|i|in|ing|o|ong|ou|u|uan|ue|un)"
)
# `X and X` with X a comparative is idiom: `bigger and bigger`, `more and more`.
COMPARATIVES = frozenset("more less fewer better worse further farther".split())
# A repeat of `X and` / `X by` is the start of an iterative `X and X and ...`, judged as `X and X`.
LINKERS = frozenset("and by after upon to or".split())
# Words too common to make a phrase worth flagging when said again.
SHORT_WORD = 4
# Function words: capitalised in mid-sentence, one marks where the engine restarted a segment
# (`links between A and B Between all the links between A and B`).
FUNCTION_WORDS = frozenset("""a an the of in on at to for from by with and or as into about over under between
among within across through after before during since this that these those all both each""".split())


def build(params, context):
    max_words = params.get("max_phrase_words", 4)
    consecutive = params.get("consecutive", True)
    mirrored = params.get("mirrored", True)
    mirrored_min = params.get("mirrored_min_words", 2)
    allow = {" ".join(a.casefold().split()) for a in params.get("allow", [])}
    allow_names = params.get("allow_reduplicated_names", True)
    safe = params.get("fix_safe", True)
    allow_quoted = params.get("allow_quoted", True)
    particles = {p.casefold() for p in params.get("phrasal_particles", [])}
    verbs = {v.casefold() for v in params.get("phrasal_verbs", [])}
    iterative = {w.casefold() for w in params.get("iterative_words", [])}
    stutter = params.get("stutter", False)
    min_stutter = params.get("min_stutter_words", 4)
    max_gap = params.get("max_gap", 12)
    repeated_sentence = params.get("repeated_sentence", False)

    def phrasal(norms, i: int) -> bool:
        """`taken in in`, `log in in`: a particle doubled right after the verb it belongs to."""
        if norms[i] not in particles or i == 0:
            return False
        verb = norms[i - 1]
        stems = {verb}
        for ending, back in (("s", ""), ("es", ""), ("ed", ""), ("ed", "e"), ("ing", ""), ("ing", "e")):
            if verb.endswith(ending):
                stem = verb[: -len(ending)] + back
                stems |= {stem, stem[:-1]}  # logged -> logg -> log
        return bool(stems & verbs)

    def odd_pair(doc, i: int, last: int) -> bool:
        """One-word `X and X` that is a slip (`promote connectivity and connectivity,`, `the health and
        health community`), not English: iteration (`again and again`), comparatives (`bigger and
        bigger`), title words (`Travel and Travel Trends`) or two uses told apart by what follows
        (`development and development for peace`, `own funds and funds collected`, a possessive:
        `parents and parents' committees`)."""
        word = doc.norms[i]
        if word in iterative or word in COMPARATIVES or (word.endswith("er") and len(word) > 4):
            return False
        if doc.tokens[i].text[:1].isupper():
            return False
        if doc.text[doc.tokens[last].end : doc.tokens[last].end + 1] in ("'", "\u2019") or doc.tokens[last].text.endswith(("'s", "\u2019s", "'", "\u2019")):
            return False  # `parents and parents' committees`: the second is a possessive, another noun phrase
        if last + 1 < len(doc.tokens) and doc.glued[last]:
            following = doc.norms[last + 1]
            if following in FUNCTION_WORDS or following.endswith(("ed", "ing")):
                return False
        return True

    def allowed(words: list[str], phrase_norm: str, doubled_norm: str) -> bool:
        if doubled_norm in allow or phrase_norm in allow:
            return True
        if allow_names and len(words) == 1:
            word = words[0]
            return word[:1].isupper() and word[1:].islower() and bool(PINYIN_SYLLABLE.fullmatch(word.casefold()))
        return False

    def check(doc):
        if consecutive or mirrored:
            yield from adjacent(doc)
        if stutter:
            yield from stutters(doc)
        if repeated_sentence:
            yield from sentences_twice(doc)

    def adjacent(doc):
        text, tokens = doc.text, doc.tokens
        norms = doc.norms
        # breaks[k]: how many of the first k gaps between tokens are not plain spaces on one line,
        # so "tokens i..j are glued" is one subtraction, not a slice per word (a long run stays linear).
        breaks = doc.runs

        def run_is_glued(i: int, j: int) -> bool:
            return breaks[j] == breaks[i]

        next_free = 0  # tokens before this are inside a run already reported
        for i in _starts(norms, max_words, mirrored_min, consecutive, mirrored):
            if i < next_free:
                continue
            found = _consecutive(i, norms, max_words, run_is_glued) if consecutive else None
            if found is not None and found[0] == 2 and (norms[i] in LINKERS or norms[i + 1] in LINKERS):
                found = None  # `more and more and`, `step by step by`: iterative, judged as `X and X`
            if found is not None and found[0] == 1 and found[2] == 2 and phrasal(norms, i):
                found = None
            if found is None and mirrored:
                found = _mirrored(i, norms, max_words, mirrored_min, run_is_glued)
                if found is not None and found[0] == 1 and not odd_pair(doc, i, found[1]):
                    found = None
            if found is None:
                continue
            if doc.in_table(tokens[i].start):
                continue
            size, end_index, count = found
            words = [tokens[k].text for k in range(i, i + size)]
            phrase_norm = " ".join(norms[i : i + size])
            if allowed(words, phrase_norm, " ".join([phrase_norm] * 2)):
                continue
            start, end = tokens[i].start, tokens[end_index].end
            if allow_quoted and text[start - 1 : start] in OPENING_QUOTES and text[end : end + 1] in CLOSING_QUOTES:
                next_free = end_index + 1
                continue
            keep = text[start : tokens[i + size - 1].end]
            yield Match(
                start,
                end,
                {"phrase": keep, "count": count, "suggestion": keep},
                fixes=(Fix(start, end, keep, safe),),
            )
            next_free = end_index + 1

    def stutters(doc):
        """A phrase said again a few words on in one sentence: `over the past decade, ..., over the past decade`."""
        tokens, norms = doc.tokens, doc.norms
        # contentful[k]: words of SHORT_WORD letters or more, not numbers, among the first k (counted in C),
        # made when a sentence first says an n-gram twice (most stories have none)
        contentful = None
        sentences, starts, tables = doc.sentences, doc.token_starts, doc.table_lines
        # Each sentence's first token and the token after its last, found in C.
        los = map(bisect.bisect_left, repeat(starts), sentences.starts)
        his = map(bisect.bisect_left, repeat(starts), sentences.ends)
        # grams[k - at]: the n-gram opening at token k, made once for a stretch of sentences (not a tuple of slices
        # a sentence), CHUNK tokens or a sentence at a time, so a long story never holds a tuple a word.
        grams: list[tuple[str, ...]] = []
        at = 0
        for sentence, lo, hi in zip(sentences, los, his):
            positions = hi - min_stutter + 1 - lo
            if positions < 2 or (tables and doc.in_table(sentence.start)):
                continue
            if hi - min_stutter + 1 > at + len(grams):
                at, end = lo, max(hi, lo + CHUNK)
                grams = list(zip(*(norms[lo + k : end - min_stutter + 1 + k] for k in range(min_stutter))))
            if len(set(grams[lo - at : lo - at + positions])) == positions:
                continue  # no n-gram twice in this sentence (most sentences; found in C): nothing is said again
            if contentful is None:
                contentful = array(offset_code(len(norms) + 1), accumulate(map(and_, map(le, repeat(SHORT_WORD), map(len, norms)),
                                   map(not_, map(str.isdigit, norms))), initial=0))  # 4 bytes a word, a list of ints took 36
            last: dict[tuple[str, ...], int] = {}  # n-gram -> where it last started
            covered = lo
            for i in range(lo, hi - min_stutter + 1):
                if contentful[i + min_stutter] - contentful[i] < 2:
                    continue  # `in the of the`: function words say nothing twice
                gram = tuple(norms[i : i + min_stutter])
                p = last.get(gram)
                last[gram] = i
                if p is None or i < covered or i - p < min_stutter:
                    continue
                size = min_stutter
                while i + size < hi and p + size < i and norms[p + size] == norms[i + size]:
                    size += 1
                gap = i - (p + size)
                if len(set(norms[max(lo, i - 3) : i]) & set(norms[max(lo, p - 3) : p])) >= 2:
                    continue  # parallel clauses: `A has been B's largest partner for ..., and B has been A's largest partner for`
                if parallel(doc, p, i, size, lo):
                    continue
                if gap > max_gap or (gap == 0 and size <= max_words):
                    continue  # too far apart to be a stutter, or a plain `P P` left to the adjacent scan
                if not (restarted(doc, p, i, lo) or said_again_aside(doc, p, i, size, lo)):
                    continue  # plain prose names a thing twice on purpose (`of the United Nations, and ... of the United Nations`)
                start, end = tokens[i].start, tokens[i + size - 1].end
                phrase = doc.text[start:end]
                yield Match(start, end, {"phrase": phrase, "count": 2, "suggestion": ""},
                            related=((tokens[p].start, tokens[p + size - 1].end, doc.text[tokens[p].start:tokens[p + size - 1].end]),))
                covered = i + size
                last.clear()

    def parallel(doc, p: int, i: int, size: int, lo: int) -> bool:
        """Two list items that share their wording, not one item said twice: items split by a semicolon
        (`up 2 points from the day before; ... down 1 point from the day before`), or one appositive after
        two different names (`Li Hua, head of the county office, and Wang Yu, head of the county office`)."""
        tokens, text = doc.tokens, doc.text
        if ";" in text[tokens[p + size - 1].end : tokens[i].start]:
            return True
        if p - 1 <= lo:
            return False
        owners = []
        for k in (p, i):
            if text[tokens[k - 1].end : tokens[k].start].strip() != ",":
                return False
            owner = tokens[k - 1].text
            if not owner[:1].isupper() or owner.casefold() in FUNCTION_WORDS:
                return False
            owners.append(doc.norms[k - 1])
        return owners[0] != owners[1]

    def restarted(doc, p: int, i: int, lo: int) -> bool:
        """A capitalised function word between the copies or opening the second, in mid-sentence:
        the engine began the segment again (`... A and B Between all the A and B`)."""
        tokens = doc.tokens
        for k in range(p + 1, i + 1):
            word = tokens[k].text
            if k > lo and word[:1].isupper() and word.casefold() in FUNCTION_WORDS:
                before = doc.text[tokens[k - 1].end : tokens[k].start]
                if not any(c in before for c in ".:;!?\"\u201c("):
                    return True
        return False

    def said_again_aside(doc, p: int, i: int, size: int, lo: int) -> bool:
        """The phrase that opens the sentence or a clause said again between commas (`Over the past year, ...,
        over the past year, and ...`): an opener emitted twice."""
        tokens, text = doc.tokens, doc.text
        before = text[tokens[i - 1].end : tokens[i].start].strip()
        after = text[tokens[i + size - 1].end : tokens[i + size].start if i + size < len(tokens) else len(text)].strip()
        opens = p == lo or any(c in text[tokens[p - 1].end : tokens[p].start] for c in ",;:-\u2013\u2014(")
        return opens and before == "," and after[:1] in (",", ".", ";")

    def sentences_twice(doc):
        """The same sentence twice in a row: the engine emitted a segment again."""
        spans = doc.sentences
        for a, b in zip(spans, spans[1:]):
            if b.end - b.start != a.end - a.start or doc.in_table(a.start):
                continue
            if norm_text(doc.text[a.start : a.end]) != norm_text(doc.text[b.start : b.end]):
                continue
            if len(doc.tokens_between(a.start, a.end)) < min_stutter:
                continue
            fix = Fix(a.end, b.end, "", False)
            sentence = doc.text[b.start : b.end]
            yield Match(b.start, b.end, {"phrase": sentence, "count": 2, "suggestion": ""},
                        related=((a.start, a.end, doc.text[a.start : a.end]),), fixes=(fix,))

    return check


def _starts(norms, max_words, mirrored_min, consecutive, mirrored):
    """Token indexes where a repeat could start: a word equal to the one `size` places on
    (`P P`), or to the one just after an `and` (`P and P`). Most stories have a handful."""
    starts = set()
    positions = range(len(norms))
    # compress/map keep these scans over every token in C: they run on every story.
    if consecutive:
        for size in range(1, max_words + 1):
            # a word equal to the one `size` on, and the `size` words from it equal to the next `size`:
            # what _consecutive needs for a count of two (checked on the few equal words only)
            starts.update(i for i in compress(positions, map(eq, norms, norms[size:]))
                          if norms[i : i + size] == norms[i + size : i + 2 * size])
    if mirrored:
        for j in compress(positions, map(eq, norms, repeat("and"))):
            # the word after `and` among the words `mirrored_min`..`max_words` before it (a slice test in C)
            if j + 1 < len(norms) and norms[j + 1] in norms[max(0, j - max_words) : max(0, j - mirrored_min + 1)]:
                for size in range(mirrored_min, max_words + 1):
                    if j - size >= 0 and norms[j - size] == norms[j + 1]:
                        starts.add(j - size)
    return sorted(starts)


def _consecutive(i, norms, max_words, run_is_glued):
    """Longest-covering `P P [P ...]` starting at token i: (phrase size, last token index, count)."""
    best = None
    n = len(norms)
    for size in range(1, max_words + 1):
        # Tokens from i + size on that equal the token `size` places back: one comparison per word.
        k = i + size
        while k < n and norms[k] == norms[k - size]:
            k += 1
        count = (k - i) // size
        while count > 1 and not run_is_glued(i, i + count * size - 1):
            count -= 1  # the run crosses a line break or punctuation: keep the glued part
        if count > 1:
            end_index = i + count * size - 1
            if best is None or end_index > best[1]:
                best = (size, end_index, count)
    return best


def _mirrored(i, norms, max_words, min_words, run_is_glued):
    """`P and P` starting at token i."""
    for size in range(max_words, min_words - 1, -1):
        j = i + size
        if j + 1 + size <= len(norms) and norms[j] == "and" and norms[i:j] == norms[j + 1 : j + 1 + size]:
            if run_is_glued(i, j + size):
                return size, j + size, 2
    return None

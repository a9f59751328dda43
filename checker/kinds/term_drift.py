"""`term-drift`: one source term rendered two ways in one story.

Machine translation renders each sentence afresh, so one Chinese term can come
out as `cadres and talents liaison group` in one paragraph and `cadres and
personnel liaison group` in the next. Unlike `variants`, nobody lists the two
forms in advance: the kind finds near-identical phrases itself.

Two phrases drift when they have the same length, share at least
`min_shared` content words in the same places, and differ in one or two
inner words (never the first or last word, which change the head: `Party
Committee of the Tibet Autonomous Region` is not the `People's Government of
the Tibet Autonomous Region`). Words that differ only in inflection or are
both function words (articles, prepositions) do not count; nor do numbers.
Phrases never cross punctuation or a line. To stay near-linear, phrases are
blocked by their frame (the phrase with the differing words masked), so only
phrases in one block are compared. Within a block the rendering most mentions
use stands (ties: the first); each other one is flagged once, at its longest
matching phrase, unless all its counterparts sit in the same sentence.
"""

from __future__ import annotations

from collections import Counter
from itertools import accumulate, combinations, compress
from operator import and_, not_

import regex

from checker.finding import Match
from checker.textfold import word_stem
from checker.kinds.base import load_data, name_vocabulary
from checker.memo import Memo
from checker.document import norm_text

PARAMS = {
    "stop_words": {"type": "string", "description": "data file (relative to the rule file) with stop_words"},
    "min_shared": {"type": "integer", "minimum": 2, "description": "content words both phrases must share (default 3; the shipped rule uses 4)"},
    "max_words": {"type": "integer", "minimum": 3, "maximum": 10, "description": "longest phrase compared (default 7)"},
    "max_differences": {"type": "integer", "minimum": 1, "maximum": 2, "description": "words that may differ (default 2)"},
    "max_related": {"type": "integer", "minimum": 1},
    "renderings": {
        "type": "array",
        "items": {"type": "array", "items": {"type": "string"}, "minItems": 2},
        "description": "groups of words that render one source morpheme (`cooperation`, `collaboration`); "
        "short phrases differing only in one of them drift, even at their head",
    },
    "min_shared_short": {"type": "integer", "minimum": 1, "description": "content words a short phrase differing in a listed rendering must share (default 2; 1 in a capitalised name)"},
    "min_shared_names": {"type": "integer", "minimum": 2, "description": "content words two capitalised names differing in one inner word must share (default 3)"},
    "name_data": {
        "type": "string",
        "description": "folder (relative to the rule file) of the name check's word lists; "
        "when given, a difference that is only proper names is left to name-drift",
    },
}
REQUIRED = ("stop_words",)
PLACEHOLDERS = {"other", "word", "other_word"}

HYPHEN = regex.compile(r"[-\u2010\u2011]")  # compiled once: pieces() splits every token on it
NUMBER = regex.compile(r".*\p{N}")  # `25th`, `30g`, `2020`: numbers are facts, not wording
WORD_MEMO = 1 << 15  # words remembered across stories


def build(params, context):
    stop = frozenset(load_data(context, params["stop_words"], "stop_words").get("stop_words", []))
    min_shared = params.get("min_shared", 3)
    max_words = params.get("max_words", 7)
    max_diff = params.get("max_differences", 2)
    max_related = params.get("max_related", 3)
    vocab = name_vocabulary(params, context)

    def content_word(norm: str) -> str | None:
        """The folded word, or None for stop words and numbers (isalpha first: the regex is the slow test)."""
        return None if norm in stop or (not norm.isalpha() and NUMBER.match(norm)) else word_stem(norm)

    content = Memo(content_word, WORD_MEMO)  # norm -> content word or None
    form = Memo(lambda norm: content[norm] or norm, WORD_MEMO)  # what phrases compare: the content word, else the word

    renderings = {}
    for n, group in enumerate(params.get("renderings", [])):
        for w in group:
            renderings[word_stem(norm_text(w))] = n
    min_short = params.get("min_shared_short", 2)
    min_names = params.get("min_shared_names", 3)

    def name(tok) -> bool:
        return vocab is not None and tok.text[:1].isupper() and not vocab.is_common(tok.text)

    def check(doc):
        toks, norms = doc.tokens, doc.norms
        words = [content[n] for n in norms]
        forms = [form[n] for n in norms]
        run = list(accumulate(map(not_, doc.glued), initial=0))  # phrases never cross anything but spaces

        def doubled(k: int) -> bool:
            """A word repeated next to itself (`State-owned State-owned`) is the repetition rule's business."""
            return words[k] in (words[k - 1] if k > 0 else None, words[k + 1] if k + 1 < len(toks) else None)

        def extend(a: int, b: int, length: int) -> tuple[int, int, int, int]:
            """Grow two aligned phrases while their words agree, then trim function words at the edges."""
            lo, hi = 0, length - 1
            while same(a + lo - 1, b + lo - 1, a, b):
                lo -= 1
            while same(a + hi + 1, b + hi + 1, a, b):
                hi += 1
            while words[a + lo] is None:
                lo += 1
            while words[a + hi] is None:
                hi -= 1
            return a + lo, a + hi, b + lo, b + hi

        def same(x: int, y: int, a: int, b: int) -> bool:
            inside = 0 <= x < len(toks) and 0 <= y < len(toks)
            return inside and run[x] == run[a] and run[y] == run[b] and forms[x] == forms[y]

        # The first and last words are never masked, so only phrases whose
        # (first word, last word, length) occurs twice can share a block.
        seen = Counter(forms)  # a phrase's first and last words must occur twice for it to have a twin
        ends = [w is not None and seen[f] > 1 for w, f in zip(words, forms)]
        by_ends: dict[tuple, list[tuple[int, int]]] = {}
        for length in range(min_shared, max_words):
            # phrases of this length whose both ends could have a twin, picked out in C (compress)
            for i in compress(range(len(toks)), map(and_, ends, ends[length:])):
                j = i + length
                if run[i] == run[j]:
                    by_ends.setdefault((forms[i], forms[j], length), []).append((i, j))

        blocks: dict[tuple, list[tuple[int, tuple]]] = {}
        for group in sorted(by_ends.values()):  # in text order of each group's first phrase
            if len(group) < 2 or len({tuple(forms[i : j + 1]) for i, j in group}) < 2:
                continue  # one rendering, however often it recurs, cannot drift
            for i, j in group:
                inner = [k for k in range(1, j - i) if words[i + k] is not None]
                for n in range(1, min(max_diff, len(inner) + 2 - min_shared) + 1):
                    for masked in combinations(inner, n):
                        frame = tuple("*" if k in masked else forms[i + k] for k in range(j - i + 1))
                        blocks.setdefault((masked, frame), []).append((i, tuple(forms[i + k] for k in masked)))

        best: dict[tuple, tuple] = {}  # the flagged words' offsets -> (phrase start, counterparts, masked)
        for (masked, frame), members in blocks.items():
            if len(members) < 2:
                continue
            variants = Counter(v for _, v in members)
            if len(variants) < 2:
                continue
            first = {}
            for i, v in members:
                first.setdefault(v, i)
            standing = max(variants, key=lambda v: (variants[v], -first[v]))
            majority = [i for i, v in members if v == standing]
            for i, v in members:
                # equal in one masked word: a smaller difference, found in its own block
                if v == standing or any(a == b for a, b in zip(v, standing)):
                    continue
                if any(doubled(i + k) for k in masked) or any(doubled(o + k) for o in majority for k in masked):
                    continue
                if all(name(toks[i + k]) for k in masked) and all(name(toks[majority[0] + k]) for k in masked):
                    continue  # `Xigaze` / `Shigatse`: a name spelled two ways, the name check's business
                sentence = doc.sentence_at(toks[i].start)
                others = [o for o in majority if doc.sentence_at(toks[o].start) != sentence]
                if others:
                    best.setdefault(tuple(i + k for k in masked), (i, others[:max_related], masked, len(frame)))

        for i, others, masked, length in best.values():
            a_start, a_end, o_start, o_end = extend(i, others[0], length)
            spans = [extend(i, o, length)[2:] for o in others]
            yield Match(
                toks[a_start].start,
                toks[a_end].end,
                {
                    "other": doc.text[toks[o_start].start : toks[o_end].end],
                    "word": " ".join(toks[i + k].text for k in masked),
                    "other_word": " ".join(toks[others[0] + k].text for k in masked),
                },
                related=tuple((toks[s].start, toks[e].end, "the other rendering") for s, e in spans),
            )
        taken = [(toks[i + k].start, toks[i + k].end) for i, _, masked, _ in best.values() for k in masked]
        yield from short_drift(doc, taken)

    def pieces(doc) -> list[tuple]:
        """Words as (start, end, text, form, run, norm): capitalised compounds split (`Tea-Horse` reads as `Tea Horse`)."""
        out = []
        run = 0
        for t, n, g in zip(doc.tokens, doc.norms, doc.glued + [False]):
            parts = HYPHEN.split(t.text) if ("-" in t.text or "\u2010" in t.text or "\u2011" in t.text) else ()
            if len(parts) > 1 and all(p[:1].isupper() for p in parts if p):
                at = t.start
                for p in parts:
                    out.append((at, at + len(p), p, form[norm_text(p)], run, norm_text(p)))
                    at += len(p) + 1
            else:
                out.append((t.start, t.end, t.text, form[n], run, n))
            if not g:
                run += 1
        return out

    def short_drift(doc, taken):
        """Short phrases and capitalised names that differ in one word (see the module docstring)."""
        words = pieces(doc)
        if len(words) < 2:
            return
        caps = [w[2][:1].isupper() or w[5] in stop for w in words]
        variants = list(words)
        # `Taiwan Affairs Office of the State Council` is also read as `State Council Taiwan Affairs Office`
        inverted = []
        for i in range(1, len(words) - 2):
            if words[i][3] == "of" and words[i + 1][3] == "the" and words[i - 1][4] == words[i][4] == words[i + 1][4] == words[i + 2][4]:
                a = i - 1
                while a - 1 >= 0 and words[a - 1][4] == words[i][4] and words[a - 1][2][:1].isupper():
                    a -= 1
                while a < i - 1 and words[a][5] in stop:
                    a += 1  # `The` opening the sentence is not part of the name
                b = i + 2
                while b + 1 < len(words) and words[b + 1][4] == words[i][4] and words[b + 1][2][:1].isupper():
                    b += 1
                if words[a][2][:1].isupper() and words[i + 2][2][:1].isupper() and i - a >= 2 and b - i - 1 >= 2:
                    # the `of the` part is marked: a word differing there is another body (`of the US House` / `Senate`)
                    inverted.append([w + (True,) for w in words[i + 2 : b + 1]] + list(words[a:i]))
        phrases = []  # (words, is a name)
        n = len(words)
        contents = [content[w[5]] for w in words]
        counted = list(accumulate((c is not None for c in contents), initial=0))  # content words before each index
        # listed words before each index: a phrase that is no name and holds none has no word that may differ
        listed_before = list(accumulate((c is not None and c in renderings for c in contents), initial=0))
        for i in range(n):
            if contents[i] is None:
                continue  # a phrase starts and ends on a content word
            all_caps = caps[i]
            for j in range(i + 1, min(n, i + max_words)):
                if words[j][4] != words[i][4]:
                    break
                all_caps = all_caps and caps[j]
                if contents[j] is None:
                    continue
                if all_caps or listed_before[j + 1] > listed_before[i]:
                    phrases.append((words[i : j + 1], all_caps, counted[j + 1] - counted[i]))
        phrases += [(seg[k : m + 1], True, sum(content[x[5]] is not None for x in seg[k : m + 1]))
                    for seg in inverted for k in range(len(seg)) for m in range(k + 1, len(seg))
                    if content[seg[k][5]] is not None and content[seg[m][5]] is not None]
        blocks: dict[tuple, list] = {}
        for seg, is_name, n_content in phrases:
            forms = [w[3] for w in seg]
            for k, w in enumerate(seg):
                c = content[w[5]]
                if c is None:
                    continue
                listed = renderings.get(c)
                if listed is None:
                    # an unlisted word may differ only inside a name made of capitalised words alone
                    # (`Shannan Middle People's Court`), where it is not the head of an `of` phrase
                    # (`People's Court of X` / `People's Procuratorate of X`), and only when it is a common
                    # word: `Beijing Capital` / `Beijing Daxing International Airport` are two airports
                    if not (is_name and 0 < k < len(forms) - 1 and all(content[x[5]] is not None or x[5] == "and" for x in seg)):
                        continue
                    if vocab is None or not vocab.is_common(w[2]) or len(w) > 6:
                        continue
                shared = n_content - 1  # the content words of the phrase but this one
                need = (1 if is_name else min_short) if listed is not None else min_names
                if shared < need:
                    continue
                if shared == 1 and (vocab is None or vocab.is_common(
                        next(x for m, x in enumerate(seg) if m != k and content[x[5]] is not None)[2])):
                    continue  # one shared word must be a name of its own (`Lancang-Mekong`), not `Chinese`
                key = (tuple(forms[:k]), listed if listed is not None else "*", tuple(forms[k + 1 :]), is_name)
                blocks.setdefault(key, []).append((seg, k, c))
        best = {}
        for key, members in blocks.items():
            kinds = Counter(c for _, _, c in members)
            if len(kinds) < 2:
                continue
            first = {}
            for seg, k, c in members:
                first.setdefault(c, seg[0][0])
            standing = max(kinds, key=lambda c: (kinds[c], -first[c]))
            majority = [(seg, k) for seg, k, c in members if c == standing]
            for seg, k, c in members:
                if c == standing:
                    continue
                start, end = seg[k][0], seg[k][1]
                if any(a < end and start < b for a, b in taken):
                    continue
                sentence = doc.sentence_at(start)
                others = [(o, ok) for o, ok in majority if doc.sentence_at(o[0][0]) != sentence]
                if not others:
                    continue
                span = (min(w[0] for w in seg), max(w[1] for w in seg))
                old = best.get((start, end))
                if old is None or span[1] - span[0] > old[0][1] - old[0][0]:
                    best[(start, end)] = (span, seg[k][2], others[:max_related])
        for (start, end), (span, word, others) in sorted(best.items()):
            o, ok = others[0]
            yield Match(
                span[0],
                span[1],
                {"other": doc.text[min(w[0] for w in o) : max(w[1] for w in o)], "word": word, "other_word": o[ok][2]},
                related=tuple((min(w[0] for w in x), max(w[1] for w in x), "the other rendering") for x, _ in others),
            )

    return check

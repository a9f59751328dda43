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
from bisect import bisect_left, bisect_right
from itertools import accumulate, combinations, compress, repeat
from operator import and_, eq, is_, is_not, itemgetter, not_, or_


from checker.finding import Match
from checker.textfold import word_stem
from checker.kinds.base import compiled, load_data, name_vocabulary
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

HYPHEN = compiled(r"[-\u2010\u2011]")  # compiled once: pieces() splits every token on it
NUMBER = compiled(r".*\p{N}")  # `25th`, `30g`, `2020`: numbers are facts, not wording
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
        words = list(map(content.__getitem__, norms))
        forms = list(map(form.__getitem__, norms))
        run = doc.runs  # phrases never cross anything but spaces

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
            for i in compress(range(len(toks)), map(and_, map(and_, ends, ends[length:]), map(eq, run, run[length:]))):
                j = i + length
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
            v0 = members[0][1]
            if all(v == v0 for _, v in members):
                continue
            variants = Counter(v for _, v in members)
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

    def pieces(doc) -> tuple[list, list, list, list, list, list]:
        """Words as parallel lists (starts, ends, texts, forms, runs, norms), capitalised compounds split
        (`Tea-Horse` reads as `Tea Horse`): lists over the document's arrays, no object a word."""
        S, E, T, N, R = doc.tokens.starts, doc.tokens.ends, doc.texts, doc.norms, doc.runs
        split = []
        for k in doc.hyphenated:
            parts = HYPHEN.split(T[k])
            if len(parts) > 1 and all(p[:1].isupper() for p in parts if p):
                split.append((k, parts))
        if not split:
            return S, E, T, list(map(form.__getitem__, N)), R, N
        S2, E2, T2, N2, R2 = [], [], [], [], []
        at = 0
        for k, parts in split:
            S2 += S[at:k]
            E2 += E[at:k]
            T2 += T[at:k]
            N2 += N[at:k]
            R2 += R[at:k]
            start = S[k]
            for p in parts:
                S2.append(start)
                E2.append(start + len(p))
                T2.append(p)
                N2.append(norm_text(p))
                R2.append(R[k])
                start += len(p) + 1
            at = k + 1
        S2 += S[at:]
        E2 += E[at:]
        T2 += T[at:]
        N2 += N[at:]
        R2 += R[at : len(S)]
        return S2, E2, T2, list(map(form.__getitem__, N2)), R2, N2

    def short_drift(doc, taken):
        """Short phrases and capitalised names that differ in one word (see the module docstring).

        A phrase is a sequence of word indexes (a range, or a list for an inverted name) with the number
        of its leading words that are the marked `of the` part of an inverted name.
        """
        S, E, T, F, R, N = pieces(doc)
        n = len(T)
        if n < 2:
            return
        caps = list(map(or_, map(str.isupper, map(itemgetter(0), T)), map(stop.__contains__, N)))
        # `Taiwan Affairs Office of the State Council` is also read as `State Council Taiwan Affairs Office`
        inverted = []
        for i in compress(range(n - 2), map("of".__eq__, F[: n - 2])):
            if i >= 1 and F[i + 1] == "the" and R[i - 1] == R[i] == R[i + 1] == R[i + 2]:
                a = i - 1
                while a - 1 >= 0 and R[a - 1] == R[i] and T[a - 1][:1].isupper():
                    a -= 1
                while a < i - 1 and N[a] in stop:
                    a += 1  # `The` opening the sentence is not part of the name
                b = i + 2
                while b + 1 < n and R[b + 1] == R[i] and T[b + 1][:1].isupper():
                    b += 1
                if T[a][:1].isupper() and T[i + 2][:1].isupper() and i - a >= 2 and b - i - 1 >= 2:
                    # the `of the` part is marked: a word differing there is another body (`of the US House` / `Senate`)
                    inverted.append((list(range(i + 2, b + 1)) + list(range(a, i)), b - i - 1))
        contents = list(map(content.__getitem__, N))
        counted = list(accumulate(map(is_not, contents, repeat(None)), initial=0))  # content words before each index
        listed_at = [k for k in compress(range(n), contents) if contents[k] in renderings]
        is_listed = [False] * n
        for k in listed_at:
            is_listed[k] = True
        listed_before = list(accumulate(is_listed, initial=0))
        # words that keep a name from being plain (only content words and `and`): a word there may not differ
        unplain_before = list(accumulate(map(and_, map(is_, contents, repeat(None)), map("and".__ne__, N)), initial=0))
        names_differ = vocab is not None  # an unlisted word may differ only in a name, told by the vocabulary

        def worth(has_listed: bool, is_name: bool, plain: bool, n_content: int) -> bool:
            """What may differ: a listed word (in a phrase with min_short other content words, one in a
            name), or a common inner word of a plain name with min_names others; else the phrase adds nothing."""
            return has_listed and (is_name or n_content - 1 >= min_short) or \
                is_name and plain and names_differ and n_content - 1 >= min_names

        phrases = []  # (word indexes, is a name, content words, marked leading words, plain), the worthwhile ones
        # A phrase starts and ends on a content word and is a name (capitalised or stop words alone) or
        # holds a listed word; only such starts are visited: a capitalised word followed by another in its
        # stretch, or a word at most max_words before a listed one.
        lower_at = list(compress(range(n), map(not_, caps)))
        starts = set(compress(range(n - 1), map(and_, map(and_, caps, caps[1:]), map(is_not, contents, repeat(None)))))
        for p in listed_at:
            starts.update(range(max(0, p - max_words + 1), p + 1))
        for i in sorted(starts):
            if contents[i] is None:
                continue
            limit = min(n, i + max_words, bisect_right(R, R[i], i))  # same stretch, at most max_words
            c = bisect_left(lower_at, i)
            caps_end = min(lower_at[c] if c < len(lower_at) else n, limit)  # words i..j all capitalised
            c = bisect_left(listed_at, i)
            first_listed = listed_at[c] if c < len(listed_at) else n
            for j in range(i + 1, caps_end):
                if contents[j] is not None:
                    n_content = counted[j + 1] - counted[i]
                    plain = unplain_before[j + 1] == unplain_before[i]
                    if worth(j >= first_listed, True, plain, n_content):
                        phrases.append((range(i, j + 1), True, n_content, 0, plain))
            if counted[limit] - counted[i] - 1 < min_short:
                continue  # too few content words for any phrase from i that is no name
            for j in range(max(first_listed, caps_end, i + 1), limit):
                if contents[j] is not None:
                    n_content = counted[j + 1] - counted[i]
                    if worth(True, False, False, n_content):
                        phrases.append((range(i, j + 1), False, n_content, 0, unplain_before[j + 1] == unplain_before[i]))
        for seg, marked in inverted:
            for k in range(len(seg)):
                for m in range(k + 1, len(seg)):
                    if contents[seg[k]] is not None and contents[seg[m]] is not None:
                        part = seg[k : m + 1]
                        plain = all(contents[y] is not None or N[y] == "and" for y in part)
                        n_content = sum(contents[x] is not None for x in part)
                        if worth(any(is_listed[y] for y in part), True, plain, n_content):
                            phrases.append((part, True, n_content, max(0, marked - k), plain))
        blocks: dict[tuple, list] = {}
        for seg, is_name, n_content, marked, plain in phrases:
            forms = F[seg.start : seg.stop] if type(seg) is range else [F[x] for x in seg]
            for k, x in enumerate(seg):
                c = contents[x]
                if c is None:
                    continue
                listed = renderings.get(c)
                if listed is None:
                    # an unlisted word may differ only inside a name made of capitalised words alone
                    # (`Shannan Middle People's Court`), where it is not the head of an `of` phrase
                    # (`People's Court of X` / `People's Procuratorate of X`), and only when it is a common
                    # word: `Beijing Capital` / `Beijing Daxing International Airport` are two airports
                    if not (is_name and 0 < k < len(forms) - 1 and plain):
                        continue
                    if vocab is None or not vocab.is_common(T[x]) or k < marked:
                        continue
                shared = n_content - 1  # the content words of the phrase but this one
                need = (1 if is_name else min_short) if listed is not None else min_names
                if shared < need:
                    continue
                if shared == 1 and (vocab is None or vocab.is_common(
                        next(T[y] for m, y in enumerate(seg) if m != k and contents[y] is not None))):
                    continue  # one shared word must be a name of its own (`Lancang-Mekong`), not `Chinese`
                key = (tuple(forms[:k]), listed if listed is not None else "*", tuple(forms[k + 1 :]), is_name)
                blocks.setdefault(key, []).append((seg, k, c))
        best = {}
        for key, members in blocks.items():
            if len(members) < 2:
                continue
            kinds = Counter(c for _, _, c in members)
            if len(kinds) < 2:
                continue
            first = {}
            for seg, k, c in members:
                first.setdefault(c, S[seg[0]])
            standing = max(kinds, key=lambda c: (kinds[c], -first[c]))
            majority = [(seg, k) for seg, k, c in members if c == standing]
            for seg, k, c in members:
                if c == standing:
                    continue
                start, end = S[seg[k]], E[seg[k]]
                if any(a < end and start < b for a, b in taken):
                    continue
                sentence = doc.sentence_at(start)
                others = [(o, ok) for o, ok in majority if doc.sentence_at(S[o[0]]) != sentence]
                if not others:
                    continue
                span = (min(S[x] for x in seg), max(E[x] for x in seg))
                old = best.get((start, end))
                if old is None or span[1] - span[0] > old[0][1] - old[0][0]:
                    best[(start, end)] = (span, T[seg[k]], others[:max_related])
        for (start, end), (span, word, others) in sorted(best.items()):
            o, ok = others[0]
            yield Match(
                span[0],
                span[1],
                {"other": doc.text[min(S[x] for x in o) : max(E[x] for x in o)], "word": word, "other_word": T[o[ok]]},
                related=tuple((min(S[y] for y in x), max(E[y] for y in x), "the other rendering") for x, _ in others),
            )

    return check

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

from collections import Counter, defaultdict
from collections.abc import Iterator
from array import array
from bisect import bisect_left, bisect_right
from itertools import combinations, compress, islice, repeat
from operator import and_, itemgetter, lt, not_


from checker.finding import Match
from checker.textfold import word_stem
from checker.kinds.base import load_data, name_vocabulary
from checker.memo import WORD_MEMO, WordMemo
from checker.document import CHUNK, HYPHEN, norm_text, offset_code  # HYPHEN: the hyphens Document.hyphenated finds
from checker.patterns import compiled

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

NUMBER = compiled(r".*\p{N}")  # `25th`, `30g`, `2020`: numbers are facts, not wording


def both(*flags: bytes | bytearray) -> bytes:
    """The AND of byte flags (each byte 0 or 1), as long as the shortest: in C, as big integers."""
    size = min(map(len, flags))
    value = -1
    for f in flags:
        value &= int.from_bytes(f[:size], "big")
    return value.to_bytes(size, "big")


CONTENT = bytes(b & 1 for b in range(256))  # bytes.translate tables: bit 0, bit 1 of a word's flags byte
STOP = bytes(b >> 1 & 1 for b in range(256))


def either(a: bytes | bytearray, b: bytes | bytearray) -> bytes:
    """The OR of two byte flags of one length (each byte 0 or 1), in C as big integers."""
    return (int.from_bytes(a, "big") | int.from_bytes(b, "big")).to_bytes(len(a), "big")


def upper_initial(text: str, starts) -> bytes:
    """A byte a word: 1 where its first character is upper case. The characters are picked by itemgetter,
    a C call per chunk of words rather than one per word."""
    out = bytearray()
    for at in range(0, len(starts), CHUNK):
        chunk = starts[at : at + CHUNK]
        chars = itemgetter(*chunk)(text) if len(chunk) > 1 else tuple(map(text.__getitem__, chunk))
        out += bytes(map(str.isupper, chars))
    return bytes(out)


def indexes(forms: list, word: str) -> Iterator[int]:
    """Indexes of `word` in `forms` (list.index scans in C)."""
    i = -1
    try:
        while True:
            i = forms.index(word, i + 1)
            yield i
    except ValueError:
        return


def of_the(forms: list) -> Iterator[int]:
    """Indexes i of `of` followed by `the`, with a word before and two after (list.index scans in C)."""
    i = 0
    try:
        while True:
            i = forms.index("of", i + 1, len(forms) - 2)
            if forms[i + 1] == "the":
                yield i
    except ValueError:
        return


def twins(forms: list, mask: bytes, length: int) -> list[list[int]]:
    """The first words of the phrases (words i to i + length, i where mask[i]) grouped by their two end
    words, only where one pair of ends holds two different phrases, in text order. Counted in C (slices,
    set, Counter) over the few phrases the mask lets through: Python reads the phrases only when two
    different ones share their ends."""
    # A machine array, and each phrase's ends paired as they are read: on a 1,000,000-word story a list
    # of the positions and one of their (first, last) pairs peaked at some 20 MB above the rest.
    at = array(offset_code(len(mask)), compress(range(len(mask)), mask))
    phrases = set(map(tuple, map(forms.__getitem__, map(slice, at, map((length + 1).__add__, at)))))
    renderings = Counter(map(itemgetter(0, length), phrases))  # (first, last) -> different phrases
    if len(renderings) == len(phrases):
        return []
    live = {key for key, n in renderings.items() if n > 1}
    del phrases, renderings
    chosen = bytes(map(live.__contains__, zip(map(forms.__getitem__, at), map(forms.__getitem__, map(length.__add__, at)))))
    by_key: dict[tuple, list[int]] = {}
    for i in compress(at, chosen):
        by_key.setdefault((forms[i], forms[i + length]), []).append(i)
    return list(by_key.values())


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

    content = WordMemo(content_word, WORD_MEMO)  # norm -> content word or None
    form = WordMemo(lambda norm: content[norm] or norm, WORD_MEMO)  # what phrases compare: the content word, else the word
    # both flags of a word in one byte, so one lookup a word makes both (bytes.translate splits them in C)
    kind = WordMemo(lambda norm: (content[norm] is not None) | (norm in stop) << 1, WORD_MEMO)

    renderings = {}
    for n, group in enumerate(params.get("renderings", [])):
        for w in group:
            renderings[word_stem(norm_text(w))] = n
    min_short = params.get("min_shared_short", 2)
    min_names = params.get("min_shared_names", 3)

    def name(tok) -> bool:
        return vocab is not None and tok.text[:1].isupper() and not vocab.is_common(tok.text)

    def check(doc):
        taken: list[tuple[int, int]] = []  # the words the long phrases flag: the short ones leave them
        # Each word's form and content flag, looked up once for both passes (each pass looked them up again).
        forms = list(map(form.__getitem__, doc.norms))
        codes = bytes(map(kind.__getitem__, doc.norms))  # bit 0: a content word (its form is the word); 1: a stop word
        is_word = codes.translate(CONTENT)
        yield from long_drift(doc, taken, forms, is_word)
        words = pieces(doc, forms, is_word, codes.translate(STOP))
        del forms, is_word, codes  # the pieces hold their own when a compound was split
        yield from short_drift(doc, taken, *words)

    def long_drift(doc, taken, forms, is_word):
        """Phrases of min_shared to max_words words differing in inner words (see the module docstring)."""
        toks = doc.tokens

        def word(k: int) -> str | None:
            """The content word at k, or None."""
            return forms[k] if is_word[k] else None

        run = doc.runs  # phrases never cross anything but spaces

        def doubled(k: int) -> bool:
            """A word repeated next to itself (`State-owned State-owned`) is the repetition rule's business."""
            return word(k) in (word(k - 1) if k > 0 else None, word(k + 1) if k + 1 < len(toks) else None)

        def extend(a: int, b: int, length: int) -> tuple[int, int, int, int]:
            """Grow two aligned phrases while their words agree, then trim function words at the edges."""
            lo, hi = 0, length - 1
            while same(a + lo - 1, b + lo - 1, a, b):
                lo -= 1
            while same(a + hi + 1, b + hi + 1, a, b):
                hi += 1
            while not is_word[a + lo]:
                lo += 1
            while not is_word[a + hi]:
                hi -= 1
            return a + lo, a + hi, b + lo, b + hi

        def same(x: int, y: int, a: int, b: int) -> bool:
            inside = 0 <= x < len(toks) and 0 <= y < len(toks)
            return inside and run[x] == run[a] and run[y] == run[b] and forms[x] == forms[y]

        # The first and last words are never masked, so only phrases whose
        # (first word, last word, length) occurs twice can share a block.
        seen = Counter(forms)  # a phrase's first and last words must occur twice for it to have a twin
        ends = both(is_word, bytes(map(lt, repeat(1), map(seen.__getitem__, forms))))  # a byte a word
        del seen
        # Phrases of each length whose both ends could have a twin, picked out with byte flags.
        groups: list[tuple[int, int, list[int]]] = []  # (first phrase, length, the phrases' first words)
        glued = doc.glued  # glued[i]: words i and i + 1 in one stretch (run[i] == run[i + 1])
        joined = glued  # joined[i]: words i to i + length in one stretch
        for length in range(1, max_words):
            if length > 1:
                joined = both(joined, glued[length - 1 :])
            if length < min_shared:
                continue
            groups += [(group[0], length, group) for group in twins(forms, both(ends, ends[length:], joined), length)]
        del ends, joined

        blocks: dict[tuple, list[tuple[int, tuple]]] = {}
        # in text order of each group's first phrase (two groups never share a first phrase)
        for _, length, group in sorted(groups, key=itemgetter(0, 1)):
            for i in group:  # (twins keeps only groups with two renderings: one, however often it recurs, cannot drift)
                j = i + length
                inner = [k for k in range(1, j - i) if is_word[i + k]]
                for n in range(1, min(max_diff, len(inner) + 2 - min_shared) + 1):
                    for masked in combinations(inner, n):
                        frame = tuple("*" if k in masked else forms[i + k] for k in range(j - i + 1))
                        blocks.setdefault((masked, frame), []).append((i, tuple(forms[i + k] for k in masked)))
        del groups

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
        del blocks

        taken += [(toks[i + k].start, toks[i + k].end) for i, _, masked, _ in best.values() for k in masked]
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

    def pieces(doc, forms: list, is_word: bytes, is_stop: bytes) -> tuple[array, array, array, list, bytes, bytes]:
        """Words as parallel sequences (starts, ends, runs, forms, is-a-content-word and capitalised-or-stop-word
        flags), capitalised compounds split (`Tea-Horse` reads as `Tea Horse`): offsets and runs in
        machine arrays, flags a byte a word, forms pointers to strings each held once; no object a word.
        The tokens' forms and flags are reused (spliced around the split words), not looked up again.
        A word's text is read from the document when needed (its norms and texts are not copied)."""
        text, S, E, R = doc.text, doc.tokens.starts, doc.tokens.ends, doc.runs
        split = []
        for k in doc.hyphenated:
            parts = HYPHEN.split(text[S[k] : E[k]])
            if len(parts) > 1 and all(p[:1].isupper() for p in parts if p):
                split.append((k, parts))
        if not split:
            return S, E, R, forms, is_word, either(upper_initial(text, S), is_stop)
        # The offsets and runs are made at their full size at once (growing them copied them); the forms
        # and flags are the tokens' with the split words' parts put in their places.
        size = len(S) + sum(len(parts) - 1 for _, parts in split)
        S2, E2, R2 = (array(x.typecode, (0,)) * size for x in (S, E, R))
        F: list = []
        is_content, stops = bytearray(), bytearray()
        at = out = 0
        for k, parts in split:
            S2[out : out + k - at], E2[out : out + k - at], R2[out : out + k - at] = S[at:k], E[at:k], R[at:k]
            F += forms[at:k]
            is_content += is_word[at:k]
            stops += is_stop[at:k]
            out += k - at
            start = S[k]
            for p in parts:
                S2[out], E2[out], R2[out] = start, start + len(p), R[k]
                start += len(p) + 1
                out += 1
            part_norms = list(map(norm_text, parts))
            F += map(form.__getitem__, part_norms)
            codes = bytes(map(kind.__getitem__, part_norms))
            is_content += codes.translate(CONTENT)
            stops += codes.translate(STOP)
            at = k + 1
        S2[out:], E2[out:], R2[out:] = S[at:], E[at:], R[at : len(S)]  # runs hold one more, past the end
        F += forms[at:]
        is_content += is_word[at:]
        stops += is_stop[at:]
        caps = either(upper_initial(text, S2), stops)
        return S2, E2, R2, F, bytes(is_content), caps

    def live_listed(F: list, R, is_content: bytes, inverted: list) -> list[int]:
        """The listed words that may differ: another rendering of their group stands next to the same word
        (on the same side, in the same stretch or across an inverted name's join), in text order."""
        group_forms = defaultdict(set)
        for f in renderings.keys() & set(F):  # in C: most stories hold at most one rendering of each group
            group_forms[renderings[f]].add(f)
        if all(len(forms) < 2 for forms in group_forms.values()):
            return []
        listed_at = [k for k in compress(range(len(F)), map(renderings.__contains__, F)) if is_content[k]]
        group_forms.clear()
        for k in listed_at:
            group_forms[renderings[F[k]]].add(F[k])
        listed_at = [k for k in listed_at if len(group_forms[renderings[F[k]]]) > 1]
        if not listed_at:
            return listed_at
        joins: dict[tuple[int, int], list[int]] = {}  # (word, side) -> its neighbours across an inverted name's join
        for seg, marked in inverted:  # seg: the `of the` part (its first `marked` words), then the head
            last, first = seg[marked - 1], seg[marked]
            joins.setdefault((last, 1), []).append(first)
            joins.setdefault((first, 0), []).append(last)

        def sides(k: int) -> list[tuple]:
            g = renderings[F[k]]
            out = [(g, 0, F[k - 1])] if k > 0 and R[k - 1] == R[k] else []
            if k + 1 < len(F) and R[k + 1] == R[k]:
                out.append((g, 1, F[k + 1]))
            for side in (0, 1):
                out += [(g, side, F[y]) for y in joins.get((k, side), ())]
            return out

        beside = defaultdict(set)  # (group, side, neighbour's form) -> the listed words' forms met there
        for k in listed_at:
            for key in sides(k):
                beside[key].add(F[k])
        return [k for k in listed_at if any(len(beside[key]) > 1 for key in sides(k))]

    def names_between(F: list, caps: bytes, is_content: bytes, inverted: list) -> tuple[set, list[int]]:
        """(left, right) forms with two different content words between them inside a capitalised stretch
        or an inverted name: only there may an unlisted word of a name differ. Also the stretches' words
        that stand between such a pair. Only a plain name (content words and `and`) files such a word, so
        its neighbours are plain words too. Counted in C (zip, set, Counter) over the stretches' three words."""
        plain = bytearray(is_content)  # a content word or `and`
        for k in indexes(F, "and"):
            plain[k] = 1
        # words t, t + 1, t + 2 capitalised and plain, t + 1 a content word
        mask = both(caps, caps[1:], caps[2:], plain, is_content[1:], plain[2:])
        triples = set(zip(compress(F, mask), compress(islice(F, 1, None), mask), compress(islice(F, 2, None), mask)))
        for seg, _ in inverted:
            triples.update((F[x], F[y], F[z]) for x, y, z in zip(seg, seg[1:], seg[2:])
                           if plain[x] and is_content[y] and plain[z])
        pairs = Counter(map(itemgetter(0, 2), triples))  # (left, right) -> different words between
        if len(pairs) == len(triples):
            return set(), []
        live = {pair for pair, middles in pairs.items() if middles > 1}
        return live, [t + 1 for t in compress(range(len(mask)), mask) if (F[t], F[t + 2]) in live]

    def short_drift(doc, taken, S, E, R, F, is_content, caps):
        """Short phrases and capitalised names that differ in one word (see the module docstring), over the
        words of `pieces` (a content word's form is the content word).

        A phrase is a sequence of word indexes (a range, or a list for an inverted name) with the number
        of its leading words that are the marked `of the` part of an inverted name.
        """
        n = len(F)
        if n < 2:
            return
        text = doc.text

        def word(x: int) -> str:
            return text[S[x] : E[x]]

        def upper(x: int) -> bool:
            return text[S[x]].isupper()

        # `Taiwan Affairs Office of the State Council` is also read as `State Council Taiwan Affairs Office`
        inverted = []
        for i in of_the(F):
            if R[i - 1] == R[i] == R[i + 1] == R[i + 2]:
                a = i - 1
                while a - 1 >= 0 and R[a - 1] == R[i] and upper(a - 1):
                    a -= 1
                while a < i - 1 and not is_content[a] and F[a] in stop:  # the norm is a stop word
                    a += 1  # `The` opening the sentence is not part of the name
                b = i + 2
                while b + 1 < n and R[b + 1] == R[i] and upper(b + 1):
                    b += 1
                if upper(a) and upper(i + 2) and i - a >= 2 and b - i - 1 >= 2:
                    # the `of the` part is marked: a word differing there is another body (`of the US House` / `Senate`)
                    inverted.append((list(range(i + 2, b + 1)) + list(range(a, i)), b - i - 1))
        # Which words can differ at all, found before any phrase is built. A block reports only when it holds
        # two different words between the same neighbours, so a listed word needs another rendering of its
        # group beside the same word, and a common word of a name another word between the same two words.
        # Most stories have neither, and then no phrase is built.
        listed_at = live_listed(F, R, is_content, inverted)
        star_live, star_at = names_between(F, caps, is_content, inverted) if vocab is not None else (set(), [])
        if not listed_at and not star_live:
            return
        # Flags are a byte a word (a list of bools took 8, a list of prefix sums 36); the content words of
        # a phrase are counted in C from the flags (bytes.count), as it is at most max_words long.
        is_listed = bytearray(n)
        for k in listed_at:
            is_listed[k] = 1
        # words that keep a name from being plain (only content words and `and`): a word there may not differ
        # (a word that is no content word has its norm for its form)
        unplain = bytes(map(and_, map(not_, is_content), map("and".__ne__, F)))
        names_differ = bool(star_live)  # an unlisted word may differ only in a name, told by the vocabulary

        def worth(has_listed: bool, is_name: bool, plain: bool, n_content: int) -> bool:
            """What may differ: a listed word (in a phrase with min_short other content words, one in a
            name), or a common inner word of a plain name with min_names others; else the phrase adds nothing."""
            return has_listed and (is_name or n_content - 1 >= min_short) or \
                is_name and plain and names_differ and n_content - 1 >= min_names

        # A worthwhile phrase goes into its blocks as it is found (no list of phrases), each member one
        # machine integer: a range phrase's first word, length and differing word packed (max_words <= 10),
        # an inverted name's (word indexes, differing word) by its place in `inverted_members`, negated.
        blocks: dict[tuple, array] = {}
        inverted_members: list[tuple[list, int]] = []

        def member(code: int) -> tuple:
            """(word indexes, differing word) of a packed member."""
            if code < 0:
                return inverted_members[-code - 1]
            i = code >> 8
            return range(i, i + (code >> 4 & 15) + 1), code & 15

        def add(seg, is_name: bool, n_content: int, marked: int, plain: bool) -> None:
            """File a worthwhile phrase (word indexes, is a name, content words, marked leading words, plain)
            under a block per word that may differ in it."""
            forms = F[seg.start : seg.stop] if type(seg) is range else [F[x] for x in seg]
            for k, x in enumerate(seg):
                if not is_content[x]:
                    continue
                c = F[x]
                listed = renderings.get(c)
                if listed is None:
                    # an unlisted word may differ only inside a name made of capitalised words alone
                    # (`Shannan Middle People's Court`), where it is not the head of an `of` phrase
                    # (`People's Court of X` / `People's Procuratorate of X`), and only when it is a common
                    # word: `Beijing Capital` / `Beijing Daxing International Airport` are two airports
                    if not (is_name and 0 < k < len(forms) - 1 and plain):
                        continue
                    if (forms[k - 1], forms[k + 1]) not in star_live:
                        continue  # no other word between these two: the block would hold one word
                    if vocab is None or not vocab.is_common(word(x)) or k < marked:
                        continue
                elif not is_listed[x]:
                    continue  # no other rendering of its group beside the same word: the block would hold one
                shared = n_content - 1  # the content words of the phrase but this one
                need = (1 if is_name else min_short) if listed is not None else min_names
                if shared < need:
                    continue
                if shared == 1 and (vocab is None or vocab.is_common(
                        next(word(y) for m, y in enumerate(seg) if m != k and is_content[y]))):
                    continue  # one shared word must be a name of its own (`Lancang-Mekong`), not `Chinese`
                key = (tuple(forms[:k]), listed if listed is not None else "*", tuple(forms[k + 1 :]), is_name)
                if type(seg) is range:
                    code = seg.start << 8 | (len(seg) - 1) << 4 | k
                else:
                    inverted_members.append((seg, k))
                    code = -len(inverted_members)
                codes = blocks.get(key)
                if codes is None:
                    blocks[key] = array("q", (code,))
                else:
                    codes.append(code)

        # A phrase starts and ends on a content word and is a name (capitalised or stop words alone) or
        # holds a listed word; it files something only when it holds a word that may differ, so only the
        # starts within reach of one are visited: at most max_words before a listed word, or before and
        # one short of the word after a name's word between a live pair.
        starts = bytearray(n + 1)  # a byte a word
        for p in listed_at:
            a = max(0, p - max_words + 1)
            starts[a : p + 1] = b"\1" * (p + 1 - a)
        for x in star_at:
            a = max(0, x + 2 - max_words)
            starts[a:x] = b"\1" * (x - a)
        for i in compress(range(n), starts):
            if not is_content[i]:
                continue
            limit = min(n, i + max_words, bisect_right(R, R[i], i))  # same stretch, at most max_words
            caps_end = caps.find(0, i, limit)  # words i..j all capitalised
            if caps_end < 0:
                caps_end = limit
            c = bisect_left(listed_at, i)
            first_listed = listed_at[c] if c < len(listed_at) else n
            n_content, unplain_seen = 1, unplain[i]  # content words and words that are not plain in i..j
            for j in range(i + 1, caps_end):
                n_content += is_content[j]
                unplain_seen |= unplain[j]
                if is_content[j]:
                    plain = not unplain_seen
                    if worth(j >= first_listed, True, plain, n_content):
                        add(range(i, j + 1), True, n_content, 0, plain)
            if is_content.count(1, i, limit) - 1 < min_short:
                continue  # too few content words for any phrase from i that is no name
            j = max(first_listed, caps_end, i + 1)
            if j >= limit:
                continue  # no phrase from i holds a listed word (counting up to j would read to the story's end)
            n_content, unplain_seen = is_content.count(1, i, j), unplain.find(1, i, j) >= 0
            for j in range(j, limit):
                n_content += is_content[j]
                unplain_seen |= unplain[j]
                if is_content[j] and worth(True, False, False, n_content):
                    add(range(i, j + 1), False, n_content, 0, not unplain_seen)
        for seg, marked in inverted:
            for k in range(len(seg)):
                for m in range(k + 1, len(seg)):
                    if is_content[seg[k]] and is_content[seg[m]]:
                        part = seg[k : m + 1]
                        plain = all(is_content[y] or F[y] == "and" for y in part)
                        n_content = sum(is_content[x] for x in part)
                        if worth(any(is_listed[y] for y in part), True, plain, n_content):
                            add(part, True, n_content, max(0, marked - k), plain)
        del starts, unplain, is_listed, caps  # the blocks are what is left to read

        best = {}
        for codes in blocks.values():
            if len(codes) < 2:
                continue
            members = [(seg, k, F[seg[k]]) for seg, k in map(member, codes)]
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
                    best[(start, end)] = (span, word(seg[k]), others[:max_related])
        for (start, end), (span, flagged, others) in sorted(best.items()):
            o, ok = others[0]
            yield Match(
                span[0],
                span[1],
                {"other": doc.text[min(S[x] for x in o) : max(E[x] for x in o)], "word": flagged, "other_word": word(o[ok])},
                related=tuple((min(S[y] for y in x), max(E[y] for y in x), "the other rendering") for x, _ in others),
            )

    return check

"""Proper-name mentions in a document, for the checks that compare names across a story.

A mention is a run of capitalised tokens on one line with only spaces
between them, cut down to the name: leading function words and titles go
("President", "The"), and the run ends at a generic head ("Shigatse
Municipal Party Committee" -> "Shigatse"). A run made only of common English
words ("Central Enterprises") is not a name. Word lists live in rules/data/.
"""

from __future__ import annotations

import sys
from array import array
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import compress, count, groupby, islice
from operator import itemgetter
from pathlib import Path
from typing import NamedTuple

from checker import yamlio
from checker.cache import cached
from checker.document import Document, offset_code
from checker.memo import WORD_MEMO, word_memo


class Mention(NamedTuple):
    start: int
    end: int
    text: str
    first: int  # token index of the name's first word
    last: int  # token index of its last word
    run_end: int  # token index where its capitalised run ends (`... Municipal Party Committee`)


_FIRST = itemgetter(0)
_new_mention = tuple.__new__  # Mention(...) without the Python-level __new__ of a NamedTuple
CONTEXT_WORDS = 4  # `deputy secretary of the` + name


class WordList:
    """A large word list, looked up without a set of every word: the words in strings of
    `\\nword\\n` keyed by their first PREFIX letters, so a start does not hash 64,000 words
    (unpickling that frozenset was a tenth of a cold start) for the few hundred it asks about."""

    PREFIX = 3
    __slots__ = ("buckets",)

    def __init__(self, words):
        ordered = sorted(dict.fromkeys(words))  # the shipped list is sorted already: Timsort just checks it
        self.buckets = {k: "\n" + "\n".join(g) + "\n" for k, g in groupby(ordered, key=itemgetter(slice(0, self.PREFIX)))}

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str) or not word or "\n" in word:
            return False
        return f"\n{word}\n" in self.buckets.get(word[: self.PREFIX], "")

    def __len__(self) -> int:
        return sum(bucket.count("\n") - 1 for bucket in self.buckets.values())

    def __reduce__(self):  # pickled as its strings: no word is hashed on loading
        return (_word_list, (self.buckets,))


def _word_list(buckets: dict[str, str]) -> WordList:
    out = WordList.__new__(WordList)
    out.buckets = buckets
    return out


@dataclass(frozen=True, eq=False)  # one per data folder: compared and hashed by identity (cheap as a cache key)
class NameVocabulary:
    common_words: WordList  # lower-case English words
    lead: frozenset[str]  # words that never start a name
    heads: frozenset[str]  # generic heads that end one
    fixed: frozenset[str]  # heads of institutional names that keep old spellings
    surnames: frozenset[str]  # Han surnames in pinyin: `Song`, `Fang` start names though common words
    syllables: frozenset[str]  # valid pinyin syllables

    @staticmethod
    @cache
    def load(data_dir: Path) -> "NameVocabulary":
        files = [data_dir / "english-words.txt.gz", data_dir / "name-context.yaml"]
        files += [data_dir / "names" / f for f in ("han-surnames.yaml", "pinyin-syllables.yaml")]
        return cached("name-vocabulary", files, lambda: NameVocabulary._build(data_dir))

    @staticmethod
    def _build(data_dir: Path) -> "NameVocabulary":
        import gzip  # only on a cache miss

        with gzip.open(data_dir / "english-words.txt.gz", "rt", encoding="utf-8") as f:
            words = WordList(line.strip() for line in f if line.strip() and not line.startswith("#"))
        context = yamlio.load((data_dir / "name-context.yaml").read_text(encoding="utf-8"))
        surnames = yamlio.load((data_dir / "names" / "han-surnames.yaml").read_text(encoding="utf-8"))
        syllables = yamlio.load((data_dir / "names" / "pinyin-syllables.yaml").read_text(encoding="utf-8"))
        lead, heads, fixed = (frozenset(context[k]) for k in ("lead", "heads", "fixed"))
        return NameVocabulary(
            words, lead, heads, fixed,
            frozenset(s for group in surnames.values() for s in group),
            frozenset(syllables["syllables"]),
        )

    def is_common(self, word: str) -> bool:
        """A common English word, or a compound of them (`High-quality`, `Five-Year`)."""
        return _is_common(self.common_words, self.syllables, word)


@lru_cache(maxsize=WORD_MEMO)  # three arguments, so not a WordMemo; bounded as they are
def _is_common(common_words: WordList, syllables: frozenset[str], word: str) -> bool:
    parts = _bare(word).casefold().replace("\u2010", "-").split("-")
    if len(parts) > 1 and all(p in syllables for p in parts):
        return False  # `Gang-long`: a given name in hyphenated pinyin, though `gang` and `long` are English
    return all(p in common_words or p.isdigit() for p in parts)


@word_memo(WORD_MEMO)
def _bare(word: str) -> str:
    """`Tibet’s` -> `Tibet`: a possessive is not part of the name."""
    for suffix in ("'s", "’s", "'", "’"):
        if word.endswith(suffix) and len(word) > len(suffix):
            return word[: -len(suffix)]
    return word


def _compound(word: str) -> bool:
    """`China-ASEAN`, `Lhasa-Shigatse`: two names joined, not one name."""
    parts = word.split("-")
    return len(parts) > 1 and all(p[:1].isupper() for p in parts)


def _acronym(word: str) -> bool:
    """`CPC`, `SOEs`: initials, not romanised names."""
    core = word[:-1] if word.endswith("s") else word
    return 2 <= len(core) <= 5 and core.isupper()


def proper_names(doc: Document, vocab: NameVocabulary) -> list[Mention]:
    # Read off the token texts and offsets, not Token objects: this scan of every token was a tenth of a
    # story's check. The first letters come from the texts the other kinds read too (an int an offset made
    # out of the array cost 2.6 times as much).
    text, texts, starts, glued = doc.text, doc.texts, doc.tokens.starts, doc.glued
    # the capitalised tokens' indexes in a machine array (4 bytes each, a list of ints took 36), their runs
    # read as found (a list of them was a long story's largest transient here)
    capitalised = array(offset_code(len(texts)), compress(count(), map(str.isupper, map(_FIRST, texts))))
    out: list[Mention] = []
    for run_start, run_end in _runs(capitalised, glued):
        words = (texts[run_start],) if run_start == run_end else tuple(texts[run_start : run_end + 1])
        found = _name_in(words, vocab)
        if found:
            first, last = run_start + found[0], run_start + found[1]
            end = starts[last] + len(_bare(words[found[1]]))
            start = starts[first]
            out.append(_new_mention(Mention, (start, end, sys.intern(text[start:end]), first, last, run_end)))  # its text held once
    return out


def _runs(capitalised, glued) -> Iterator[tuple[int, int]]:
    """(first, last) token indexes of each run of capitalised tokens glued by spaces."""
    if not capitalised:
        return
    start = last = capitalised[0]
    for i in islice(capitalised, 1, None):
        if i != last + 1 or not glued[last]:
            yield start, last
            start = i
        last = i
    yield start, last


def context_words(doc: Document, mention: Mention) -> tuple[str, str]:
    """The words an office or title puts around a name, as evidence that two spellings are one entity:
    up to CONTEXT_WORDS words just before it in its sentence, and the rest of its capitalised run."""
    tokens = doc.tokens
    sentence = doc.sentence_at(tokens[mention.first].start)
    lo = sentence.start if sentence else 0
    before = [t.text for t in tokens[max(0, mention.first - CONTEXT_WORDS) : mention.first] if t.start >= lo]
    after = [t.text for t in tokens[mention.last + 1 : mention.run_end + 1]]
    return " ".join(before), " ".join(after)


@lru_cache(maxsize=1 << 13)  # capitalised runs recur from story to story
def _name_in(run: tuple[str, ...], vocab: NameVocabulary) -> tuple[int, int] | None:
    """Positions in `run` of the first and last word of the name inside it, or None."""
    k = 0
    while k < len(run) and (
        _bare(run[k]) in vocab.lead or (vocab.is_common(run[k]) and run[k].casefold() not in vocab.surnames)
    ):
        k += 1  # "Although Mancinelli", "Help Tibet": a common word before a name is not part of it
    end = k
    for word in run[k:]:
        bare = _bare(word)
        if bare in vocab.fixed:
            return None  # "Peking University" is a name of its own, not a spelling of Beijing
        if bare in vocab.heads or _acronym(word) or _compound(word):
            break
        end += 1
        if bare != word:
            break  # a possessive ends the name: "Tibet's High-quality Development"
    while end > k and vocab.is_common(run[end - 1]):
        end -= 1  # "Lhasa Business" -> "Lhasa"
    return (k, end - 1) if end > k else None

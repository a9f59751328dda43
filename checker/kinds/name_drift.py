"""`name-drift`: one person or place romanized two ways in one story.

Proper-name mentions are grouped by spelling (case and apostrophe shape aside); the transliteration
matcher (checker.names) says which spellings are one entity. In each such
group the spelling used most (ties: the one used first) is the story's
choice; every mention of another spelling is flagged and pointed at it.
Spellings that differ only by house policy (Tibet / Xizang) are left to a
style rule. Two spellings the story itself declares as one name (`X, also known
as Y`, `Y (X in Tibetan)`, `known locally as Y`, `formerly called Y`, `X, or Y`)
are named twice on purpose: never drift, there or anywhere later in the story.
A spelling met only as a whole quotation (`the "Hai Lan" brand`, a pun, a coined
word or a weapon's nickname in quotes) names a word, not the entity a spelling in
running text names: the two are not paired (two quoted spellings still are).
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from functools import lru_cache, partial
from pathlib import Path

import regex

from checker.document import norm_text
from checker.finding import Match
from checker.kinds.base import RuleError
from checker.memo import Memo
from checker.mentions import NameVocabulary, context_words, proper_names
from checker.patterns import compiled

PARAMS = {
    "data": {"type": "string", "description": "folder of word lists, relative to the rule file"},
    "names_data": {"type": "string", "description": "folder of the matcher's name tables, relative to the rule file"},
    "max_related": {"type": "integer", "minimum": 1},
}
REQUIRED = ("data", "names_data")
PLACEHOLDERS = {"other", "reason", "count", "other_count", "suggestion"}


@lru_cache(maxsize=4)  # one per names_data folder in use; bounded for a long-running server
def _matcher(folder: Path):
    from checker.names import NameMatcher

    return NameMatcher.load(folder)


def _shared_context(a: tuple[str, str], b: tuple[str, str]) -> list[str]:
    """What two mentions' contexts (mentions.context_words) have in common (`deputy secretary of the`,
    `Municipal Party Committee`): evidence that two spellings are one entity."""
    (a_before, a_after), (b_before, b_after) = a, b
    shared = []
    if len(a_before.split()) >= 2 and a_before.casefold() == b_before.casefold():
        shared.append(f"both after '{a_before}'")
    if a_after and a_after.casefold() == b_after.casefold():
        shared.append(f"both before '{a_after}'")
    return shared


class _ContextIndex:
    """The majority's mentions by context, so that ranking them for one mention (most of
    _shared_context first, then in story order) costs the few it returns, not a pass over all of
    them: two spellings said thousands of times each would otherwise compare every pair."""

    def __init__(self, contexts: list[tuple[str, str]]):
        self.count = len(contexts)
        self.before, self.after, self.both = defaultdict(list), defaultdict(list), defaultdict(list)
        for n, (before, after) in enumerate(contexts):
            b, a = before.casefold(), after.casefold()
            self.before[b].append(n)
            self.after[a].append(n)
            self.both[(b, a)].append(n)

    def ranked(self, mine: tuple[str, str], limit: int) -> list[int]:
        """The first `limit` indexes in the order sorted(range(count), key=-len(_shared_context(mine, n)))."""
        before, after = mine
        by_before = len(before.split()) >= 2  # the conditions _shared_context puts on `mine`
        b, a = before.casefold(), after.casefold()
        both = self.both.get((b, a), []) if by_before and after else []
        out = both[:limit]
        if len(out) < limit:
            seen = set(both)
            one = heapq.merge(self.before.get(b, []) if by_before else [], self.after.get(a, []) if after else [])
            for n in one:
                if len(out) == limit:
                    break
                if n not in seen:
                    seen.add(n)
                    out.append(n)
            for n in range(self.count):  # reached only when fewer than `limit` share anything
                if len(out) == limit:
                    break
                if n not in seen:
                    out.append(n)
        return out


# What stands between two names when the second is declared another name of the first:
# generic heads of the first (` Lake`), then `(`, `, also known as`, `, known locally as`,
# `, formerly called`, `, or` ...; `Gyaring Lake (Zhaling Lake in pinyin)`.
ALIAS_BETWEEN = compiled(
    r"(?:[ ]+\p{Lu}[\p{L}'’-]*){0,3}[ ]*"
    r"(?:[(\[][ ]*(?:(?:or|also|aka|formerly|previously|officially|known[ ]+as|called)[ ]+)*"
    r"|,?[ ]*(?:(?:also|locally|formerly|previously|once|officially|commonly|popularly|widely|now|then)[ ]+)*"
    r"(?:known|called|named|renamed|spelled|spelt|written|romani[sz]ed|transliterated|rendered)"
    r"(?:[ ]+(?:locally|officially|in[ ]+\p{L}+))*(?:[ ]+as)?[ ]+"
    r"|,?[ ]*(?:also|formerly|previously|once|aka|a\.k\.a\.)[ ]+"
    r"|,[ ]*or[ ]+"
    r"|[ ]+or[ ]+(?=\p{Lu}[\p{L}'’-]*[ ]*[,)]))"
    r"(?:the[ ]+)?",
    regex.IGNORECASE,
)
# What ALIAS_BETWEEN cannot match without in an ASCII gap (each of its branches holds one, lower-cased):
# looked for first, as most gaps hold none and the regex took 8 us a gap. A gap with other characters
# goes straight to the regex (case-insensitive matching beyond ASCII is not lower() of both sides).
ALIAS_HINTS = ("(", "[", " or ", ",or ", "also ", "formerly ", "previously ", "once ", "aka ", "a.k.a. ", "known ",
               "called ", "named ", "spelled ", "spelt ", "written ", "romanised ", "romanized ", "transliterated ",
               "rendered ")


def declared_aliases(doc, mentions) -> set[frozenset[str]]:
    """Pairs of spellings the story declares to be one name (`Kinmen (Jinmen in pinyin)`)."""
    pairs = set()
    text = doc.text
    for a, b in zip(mentions, mentions[1:]):
        if b.start - a.end <= 60 and _hinted(text[a.end : b.start]) \
                and ALIAS_BETWEEN.fullmatch(text, a.end, b.start):
            pairs.add(frozenset((_spelling(a.text), _spelling(b.text))))
    return pairs


def _hint_in(gap: str) -> bool:
    if not gap.isascii():
        return True
    gap = gap.lower()
    for hint in ALIAS_HINTS:
        if hint in gap:
            return True
    return False


_hinted = Memo(_hint_in, 1 << 12).__getitem__  # gaps between names recur (`, `, ` and `, ` met with `)


OPENING_QUOTES = frozenset('"\u201c\u2018\'\u300c')
CLOSING_QUOTES = frozenset('"\u201d\u2019\'\u300d')


def _whole_quotation(text: str, mention) -> bool:
    """`"Yun Qi"` (or `"Yun Qi."`, American punctuation): the mention is all that stands between a
    pair of quotation marks."""
    before = text[mention.start - 1 : mention.start] if mention.start else ""
    after = text[mention.end : mention.end + 2]
    return before in OPENING_QUOTES and (after[:1] in CLOSING_QUOTES or (after[:1] in ".,!?" and after[1:] in CLOSING_QUOTES))


def _spelling(name: str) -> str:
    """Mentions that differ only in case or apostrophe shape are one spelling here
    (the shape is the typography rules' business)."""
    return _spellings[name]


_spellings = Memo(norm_text, 1 << 12)  # names recur within and across stories


def matcher_for(rule):
    """The matcher a loaded name-drift rule uses (for `checker names`)."""
    return rule.check.name_matcher()


def vocabulary_for(rule) -> NameVocabulary:
    """The word lists a loaded name-drift rule finds proper names with (for the archive's name pass)."""
    return NameVocabulary.load((Path(rule.source).parent / rule.params["data"]).resolve())


def drift_groups(matcher, shown: list[str], apart=lambda i, j: False) -> tuple[list[list[int]], dict[tuple[int, int], str]]:
    """Indexes of the spellings the matcher links (house-policy pairs and pairs `apart(i, j)` aside),
    in groups of two or more, and the matcher's reason for each linked pair (i < j). The one
    clustering that `lint` (in a story) and `checker names learn` (across an archive) both use."""
    parent = list(range(len(shown)))
    reasons = {}

    def root(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j, verdict in matcher.drift_pairs(shown):
        if verdict.same and not verdict.policy and not apart(i, j):
            parent[root(j)] = root(i)
            reasons[(i, j)] = verdict.reason
    groups = defaultdict(list)
    for i in range(len(shown)):
        groups[root(i)].append(i)
    return [members for members in groups.values() if len(members) > 1], reasons


def link_reason(matcher, shown: list[str], reasons: dict, k: int, chosen: int) -> str | None:
    """Why spelling k is the chosen spelling drifted, or None when they are linked only through a third."""
    reason = reasons.get((min(k, chosen), max(k, chosen)))
    if reason is None:
        verdict = matcher.compare(shown[k], shown[chosen])
        if verdict.same and not verdict.policy:
            reason = verdict.reason
    return reason


def build(params, context):
    data = (context.base_dir / params["data"]).resolve()
    names_data = (context.base_dir / params["names_data"]).resolve()
    for folder, key in ((data, "data"), (names_data, "names_data")):
        if not folder.is_dir():
            raise RuleError(f"data folder not found: {folder}", key)
    vocab = NameVocabulary.load(data)
    max_related = params.get("max_related", 3)

    def check(doc):
        matcher = _matcher(names_data)
        by_spelling = defaultdict(list)
        mentions = proper_names(doc, vocab)
        for m in mentions:
            by_spelling[_spelling(m.text)].append(m)
        declared = declared_aliases(doc, mentions)
        quoted = {s for s, ms in by_spelling.items() if all(_whole_quotation(doc.text, m) for m in ms)}
        spellings = list(by_spelling)
        shown = [by_spelling[s][0].text for s in spellings]
        groups, reasons = drift_groups(matcher, shown,
                                       lambda i, j: frozenset((spellings[i], spellings[j])) in declared
                                       or (spellings[i] in quoted) != (spellings[j] in quoted))
        for members in groups:
            chosen = max(members, key=lambda k: (len(by_spelling[spellings[k]]), -by_spelling[spellings[k]][0].start))
            majority = by_spelling[spellings[chosen]]
            majority_context = [context_words(doc, o) for o in majority]
            contexts = _ContextIndex(majority_context)
            for k in members:
                if k == chosen:
                    continue
                if frozenset((spellings[k], spellings[chosen])) in declared:
                    continue
                mentions = by_spelling[spellings[k]]
                reason = link_reason(matcher, shown, reasons, k, chosen)
                if reason is None:
                    continue  # linked to the chosen spelling only through a third one
                for m in mentions:
                    # Mentions in the same office or title come first: the strongest evidence.
                    mine = context_words(doc, m)
                    order = contexts.ranked(mine, max_related)
                    ranked = [majority[n] for n in order]
                    evidence = " and ".join(_shared_context(mine, majority_context[order[0]]))
                    yield Match(
                        m.start,
                        m.end,
                        {
                            "other": shown[chosen],
                            "suggestion": shown[chosen],
                            "replacements": (shown[chosen],),
                            "reason": reason + (f"; {evidence}" if evidence else ""),
                            "count": len(mentions),
                            "other_count": len(majority),
                        },
                        related=tuple((o.start, o.end, o.text) for o in ranked[:max_related]),
                    )

    check.name_matcher = partial(_matcher, names_data)  # for RuleSet.name_matcher
    return check

"""The ways text is folded before two pieces of copy are compared, in one place.

- `norm_text`: case and apostrophe shape (`Tibet’s` = `tibet's`): how words
  are compared across a story (tokens, name spellings).
- `quote_key`: that plus white space, for a quoted span (fingerprints, the
  config's accepted findings): re-typing a quote does not matter.
- `word_stem`: that plus English inflection (`enterprises` = `enterprise`),
  for the term and number checks.

The name matcher's transliteration fold (`checker.names.fold.fold_name`) is
another thing: it folds sounds, not spelling, and lives with the matcher.
"""

from __future__ import annotations

from checker.memo import WORD_MEMO, word_memo


def norm_text(text: str) -> str:
    """Casefolded, with ’ and ʼ read as '."""
    return text.casefold().replace("\u2019", "'").replace("\u02bc", "'")


def quote_key(text: str) -> str:
    """Case, apostrophe and white space folded."""
    return " ".join(norm_text(text).split())


@word_memo(WORD_MEMO)
def word_stem(word: str) -> str:
    """A word reduced so that inflection does not count as a difference.

    Casefolds, drops a possessive and strips common English endings
    (`enterprises`/`enterprise`, `signed`/`sign`, `developing`/`develop`).
    Crude on purpose: it only has to make two forms of one word equal.
    """
    w = word.casefold().replace("\u2019", "'")
    if w.endswith("'s") or w.endswith("s'"):
        w = w[:-2]
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if not w.endswith("ss"):
        for suffix in ("es", "s", "ed", "ing"):
            if w.endswith(suffix) and len(w) - len(suffix) >= 3:
                w = w[: -len(suffix)]
                break
    return w[:-1] if w.endswith("e") and len(w) > 3 else w

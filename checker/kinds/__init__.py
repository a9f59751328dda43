"""Rule kinds, registered by name. A new kind is one module plus one line here.

Each kind module provides:
- PARAMS: JSON Schema `properties` for the keys the kind adds to a rule;
- REQUIRED: which of those keys a rule must give;
- PLACEHOLDERS: the names its matches fill in message templates (besides `match`);
- build(params, context) -> a function Document -> Iterable[Match].
  build raises RuleError for a parameter that fails beyond the schema
  (a regex that does not compile, a data file that is missing).
"""

from checker.kinds.base import Kind
from checker.kinds import (
    agreement,
    balance,
    bilingual_glossary,
    bilingual_names,
    bilingual_numbers,
    bilingual_text,
    dateline,
    end_mark,
    name_authority,
    name_drift,
    numbered,
    paragraph_indent,
    pattern,
    phrases,
    place_list,
    repetition,
    substitution,
    term_drift,
    title_case,
    variants,
)

KINDS: dict[str, Kind] = {
    "agreement": agreement,
    "balance": balance,
    "bilingual-glossary": bilingual_glossary,
    "bilingual-names": bilingual_names,
    "bilingual-numbers": bilingual_numbers,
    "bilingual-text": bilingual_text,
    "dateline": dateline,
    "end-mark": end_mark,
    "name-authority": name_authority,
    "name-drift": name_drift,
    "numbered": numbered,
    "paragraph-indent": paragraph_indent,
    "pattern": pattern,
    "phrases": phrases,
    "place-list": place_list,
    "repetition": repetition,
    "substitution": substitution,
    "term-drift": term_drift,
    "title-case": title_case,
    "variants": variants,
}

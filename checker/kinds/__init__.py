"""Rule kinds, registered by name. A new kind is one module plus one line here.

Each kind module provides:
- PARAMS: JSON Schema `properties` for the keys the kind adds to a rule;
- REQUIRED: which of those keys a rule must give;
- PLACEHOLDERS: the names its matches fill in message templates (besides `match`);
- build(params, context) -> a function Document -> Iterable[Match].
  build raises RuleError for a parameter that fails beyond the schema
  (a regex that does not compile, a data file that is missing).
"""

from checker.kinds import agreement, pattern, repetition, substitution, term_drift, variants

KINDS = {
    "agreement": agreement,
    "pattern": pattern,
    "repetition": repetition,
    "substitution": substitution,
    "term-drift": term_drift,
    "variants": variants,
}

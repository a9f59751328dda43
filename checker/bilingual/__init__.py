"""Holding the English copy against its Chinese original: alignment, numbers, romanisations.

The bilingual rule kinds (checker/kinds/bilingual_*.py) read `doc.source`, a
Document of the Chinese original, through `segments(doc)`: pairs of aligned
spans, one in the copy and one in the original. A story without an original
gives no segments, so the kinds are silent and reports stay as they were.
"""

"""Transliteration-aware name matching: is `Laba Zhuoma` the same person as
`Laba Dolma`, is `Shanxi` the same place as `Shaanxi`? A pure library; the CLI
(`checker names compare|eval`) sits on compare() and evaluate_pairs()."""

from checker.names.data import default_data_dir
from checker.names.pairs import evaluate_pairs
from checker.names.fold import fold_name
from checker.names.matcher import NameMatcher, Verdict

__all__ = ["NameMatcher", "Verdict", "default_data_dir", "evaluate_pairs", "fold_name"]

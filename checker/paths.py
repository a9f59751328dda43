"""Where the shipped rule packs and their data tables live: a leaf module anything may import.

Inside the wheel they are `checker/rules`; in a checkout, `rules/` at the top.
"""

from __future__ import annotations

from pathlib import Path


def default_rules_dir() -> Path:
    """The shipped rule packs: inside the package when installed, at the repo top in a checkout."""
    here = Path(__file__).resolve().parent
    installed = here / "rules"
    return installed if installed.is_dir() else here.parent / "rules"


def default_names_dir() -> Path:
    """rules/data/names: the name matcher's sourced tables."""
    return default_rules_dir() / "data" / "names"

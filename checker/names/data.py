"""Where the name data (rules/data/names/) lives, installed or in a checkout."""

from __future__ import annotations

from pathlib import Path

from checker.paths import default_names_dir


def default_data_dir() -> Path:
    """rules/data/names of the shipped rule packs (inside the wheel, or at the checkout's top)."""
    return default_names_dir()

"""Where the name data (rules/names/) lives, installed or in a checkout."""

from __future__ import annotations

from pathlib import Path

import checker


def default_data_dir() -> Path:
    """rules/names inside the package (wheel install), else beside it (source checkout)."""
    package = Path(checker.__file__).parent
    installed = package / "rules" / "names"
    return installed if installed.exists() else package.parent / "rules" / "names"

"""Where the shared annotated data lives (../shared beside the checkout, or $CHECKER_SHARED), and a
`require` that FAILS, never skips, when it is missing: a test backing a README figure must not go
green, or quietly check less, on a machine without the data."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("CHECKER_SHARED") or ROOT.parent / "shared")


def require(relative: str) -> Path:
    """SHARED / relative, or the test fails saying where the data was looked for."""
    path = SHARED / relative
    if not path.exists():
        pytest.fail(f"{path} not found: this test needs the shared data (../shared beside the checkout, "
                    f"or set CHECKER_SHARED)", pytrace=False)
    return path

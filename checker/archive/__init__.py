"""The archive: check many stories on a Dask cluster, and learn the desk's own name spellings.

Needs the optional extra `pip install 'checker[dask]'` (dask, distributed,
pyarrow); the base install stays light. Layout:

- readers: the inputs (folder tree, JSON Lines, Parquet) cut into partitions
  that workers read themselves (paths, byte ranges, row groups);
- rows: findings as rows, and partition files written atomically;
- names: name and numbered-title mentions tallied per partition, clustered
  across the archive with the matcher `lint` uses, the authority file and the
  cross-story findings;
- job: the Dask side (worker plugin, tasks, the driver loop).
"""

from __future__ import annotations

EXTRA_HINT = "checker batch needs the Dask extra: pip install 'checker[dask]' (dask, distributed, pyarrow)"


class MissingExtra(Exception):
    """The optional Dask extra is not installed."""


def require() -> None:
    """Raise MissingExtra (one line, saying what to install) unless dask, distributed and pyarrow import."""
    try:
        import dask  # noqa: F401
        import distributed  # noqa: F401
        import pyarrow  # noqa: F401
    except ImportError as exc:
        raise MissingExtra(f"{EXTRA_HINT}; missing: {exc.name}") from None

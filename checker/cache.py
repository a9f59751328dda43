"""A content-keyed cache of parsed, validated rule files and data tables.

Start-up is dominated by parsing YAML and validating it against the schema;
neither changes unless the files do. Entries are pickles keyed by the checker
version, the size and time of its modules, and the bytes of every file they
were built from, so an edited file, or edited code, is simply a miss. The cache lives in $CHECKER_CACHE_DIR, else
$XDG_CACHE_HOME/checker, else ~/.cache/checker; CHECKER_NO_CACHE=1 turns it
off. A cache that cannot be read or written is ignored: it only saves time.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from functools import cache
from pathlib import Path
from typing import Callable, Iterable, TypeVar

from checker import __version__

T = TypeVar("T")


def cache_dir() -> Path | None:
    if os.environ.get("CHECKER_NO_CACHE"):
        return None
    if os.environ.get("CHECKER_CACHE_DIR"):
        return Path(os.environ["CHECKER_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "checker"


@cache
def _code_stamp() -> str:
    """Size and modification time of every module of the package: an entry pickled by
    other code (a checkout edited since, same version number) may not load into this one."""
    package = Path(__file__).parent
    try:
        stats = sorted((str(p.relative_to(package)), p.stat().st_size, p.stat().st_mtime_ns) for p in package.rglob("*.py"))
    except OSError:
        return ""
    return hashlib.sha256(repr(stats).encode()).hexdigest()[:16]


def cached(namespace: str, files: Iterable[Path], build: Callable[[], T]) -> T:
    """`build()`, or its result from an earlier run over the same file contents."""
    folder = cache_dir()
    if folder is None:
        return build()
    digest = hashlib.sha256(f"{__version__}\0{_code_stamp()}\0{namespace}".encode())
    try:
        for path in files:
            digest.update(str(path).encode() + b"\0" + path.read_bytes() + b"\0")
    except OSError:
        return build()  # let the builder report the unreadable file
    entry = folder / f"{namespace}-{digest.hexdigest()[:32]}.pickle"
    try:
        with open(entry, "rb") as f:
            return pickle.load(f)
    except Exception:  # missing, truncated or from another Python: rebuild
        pass
    value = build()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=folder, delete=False) as f:
            pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(f.name, entry)
    except OSError:
        pass
    return value

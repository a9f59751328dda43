"""A content-keyed cache of parsed, validated rule files and data tables.

Start-up is dominated by parsing YAML and validating it against the schema;
neither changes unless the files do. Entries are pickles keyed by the checker
version, the size and time of its modules, and the bytes of every file they
were built from, so an edited file, or edited code, is simply a miss. The cache lives in $CHECKER_CACHE_DIR, else
$XDG_CACHE_HOME/checker, else ~/.cache/checker; CHECKER_NO_CACHE=1 turns it
off. A cache that cannot be read or written is ignored: it only saves time.
Whenever a new entry is written, entries unused for MAX_AGE_DAYS are deleted, and
beyond MAX_ENTRIES the least recently used go: every edit of the code or of a
rule file orphans a set of entries, and a folder of thousands made each miss
slow (listing it) as well as big.
"""

from __future__ import annotations

import os
import pickle
import time
from functools import cache
from pathlib import Path
from typing import Callable, Iterable, TypeVar

from checker import __version__

try:  # the built-in module: importing hashlib also loads OpenSSL's libcrypto, 3 ms of every start
    from _sha256 import sha256
except ImportError:  # Python 3.12 renamed it _sha2
    from hashlib import sha256

T = TypeVar("T")
MAX_AGE_DAYS = 30  # entries unused this long are deleted when a new one is written
MAX_ENTRIES = 400  # beyond this many, the least recently used go (a rule pack is one entry; with its tables about 10)
STRANDED_TMP_S = 3600  # a temporary file this old was left by a run that died while writing


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
    package = os.path.dirname(os.path.abspath(__file__))
    stats: list[tuple[str, int, int]] = []
    try:
        _module_stats(package, "", stats)  # os.scandir: pathlib's rglob and stat were 5 ms of every start
    except OSError:
        return ""
    return sha256(repr(sorted(stats)).encode()).hexdigest()[:16]


def _module_stats(folder: str, prefix: str, out: list[tuple[str, int, int]]) -> None:
    """(path relative to the package, size, mtime) of every .py file under `folder`."""
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                _module_stats(entry.path, f"{prefix}{entry.name}/", out)
            elif entry.name.endswith(".py"):
                st = entry.stat()
                out.append((prefix + entry.name, st.st_size, st.st_mtime_ns))


def cached(namespace: str, files: Iterable[Path], build: Callable[[], T], salt: str = "") -> T:
    """`build()`, or its result from an earlier run over the same file contents (and the same `salt`:
    anything else the result depends on, such as options)."""
    folder = cache_dir()
    if folder is None:
        return build()
    digest = sha256(f"{__version__}\0{_code_stamp()}\0{namespace}\0{salt}".encode())
    try:
        for path in files:
            digest.update(str(path).encode() + b"\0" + path.read_bytes() + b"\0")
    except OSError:
        return build()  # let the builder report the unreadable file
    entry = folder / f"{namespace}-{digest.hexdigest()[:32]}.pickle"
    try:
        with open(entry, "rb") as f:
            value = pickle.load(f)
        _touch(entry)
        return value
    except Exception:  # missing, truncated or from another Python: rebuild
        pass
    value = build()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        import tempfile  # only on a miss

        with tempfile.NamedTemporaryFile("wb", dir=folder, delete=False) as out:
            pickle.dump(value, out, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(out.name, entry)
        _prune(folder)  # a miss means files or code changed: older entries may be dead
    except OSError:
        pass
    return value


def _touch(entry: Path) -> None:
    """Mark an entry used, so pruning keeps it."""
    try:
        os.utime(entry)
    except OSError:
        pass


def _prune(folder: Path) -> None:
    """Delete entries unused for MAX_AGE_DAYS and the least recently used beyond MAX_ENTRIES, and temporary
    files a killed run left: each edit of a rule file or of the code, and each upgrade, orphans entries."""
    now = time.time()
    entries = []
    try:
        with os.scandir(folder) as listing:
            for item in listing:
                try:
                    used = item.stat().st_mtime
                    if item.name.endswith(".pickle"):
                        entries.append((used, item.path))
                    elif item.name.startswith("tmp") and used < now - STRANDED_TMP_S:
                        os.unlink(item.path)
                except OSError:
                    pass
    except OSError:
        return
    entries.sort(reverse=True)  # most recently used first
    cutoff = now - MAX_AGE_DAYS * 86400
    for rank, (used, path) in enumerate(entries):
        if rank >= MAX_ENTRIES or used < cutoff:
            try:
                os.unlink(path)
            except OSError:
                pass

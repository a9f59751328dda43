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

import gc
import io
import os
import pickle
import time
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import BinaryIO, Callable, Iterable, Iterator, TypeVar

from checker import __version__

try:  # the built-in module: importing hashlib also loads OpenSSL's libcrypto, 3 ms of every start
    from _blake2 import blake2b
except ImportError:
    from hashlib import blake2b

try:  # for checker.fingerprint, whose baseline files keep SHA-256 digests
    from _sha256 import sha256
except ImportError:  # Python 3.12 renamed it _sha2
    from hashlib import sha256

T = TypeVar("T")
MAX_AGE_DAYS = 30  # entries unused this long are deleted when a new one is written
MAX_ENTRIES = 400  # beyond this many, the least recently used go (a rule pack is one entry; with its tables about 10)
STRANDED_TMP_S = 3600  # a temporary file this old was left by a run that died while writing


def _key(data: bytes = b"") -> blake2b:
    """The digest that names entries: BLAKE2b reads the rule files and tables of every start (~0.5 MB)
    2.7 times as fast as SHA-256 (1.5 ms of a one-story run), and is as safe against a stale hit."""
    return blake2b(data, digest_size=16)


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
    return _key(repr(sorted(stats)).encode()).hexdigest()[:16]


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
    anything else the result depends on, such as options), or from the entries shipped with the package."""
    folder = cache_dir()
    if folder is None:
        return build()
    files = list(files)
    digest = _key(f"{__version__}\0{_code_stamp()}\0{namespace}\0{salt}".encode())
    try:
        for path in files:
            digest.update(str(path).encode() + b"\0" + path.read_bytes() + b"\0")
    except OSError:
        return build()  # let the builder report the unreadable file
    entry = folder / f"{namespace}-{digest.hexdigest()[:32]}.pickle"
    try:
        with open(entry, "rb") as f:
            value = _unpickle(f)
        _touch(entry)
        return value
    except Exception:  # missing, truncated or from another Python: rebuild
        pass
    name = _shipped_name(namespace, files, salt)
    value, blob = _shipped(name)
    if blob is None:
        value = build()
        blob = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    try:
        _write(folder, entry.name, blob)
        _prune(folder)  # a miss means files or code changed: older entries may be dead
    except OSError:
        pass
    ship_to = os.environ.get("CHECKER_SHIP_TO")  # set by ship()
    if ship_to and name is not None:
        try:
            _write(Path(ship_to), name, blob)
        except OSError:
            pass
    return value


@contextmanager
def collector_paused(freeze: bool = False) -> Iterator[None]:
    """No cyclic garbage collection in the block, which makes what lives on: an entry unpickled (tens of
    thousands of acyclic objects: the lexicon, the word lists), whose creation set off full collections
    that walked all of them (4.6% of a one-story run's instructions), or the CLI's start-up (~10 ms).

    Objects made while the collector is off still join its youngest generation, so the first young
    collection after the block walks them all (up to 6 ms at a time). `freeze` moves them, with
    everything else the process holds, out of its reach: for the CLI, whose process it is, never a library.
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if freeze:
            gc.freeze()
        if collecting:
            gc.enable()


def _unpickle(f: BinaryIO):
    with collector_paused():
        return pickle.load(f)  # from the file, not its bytes read whole: a copy of the entry was ~200 more page faults


def _write(folder: Path, name: str, blob: bytes) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    import tempfile  # only on a miss

    with tempfile.NamedTemporaryFile("wb", dir=folder, delete=False) as out:
        out.write(blob)
    os.replace(out.name, folder / name)


# ---------------------------------------------------------------- entries built with the package

def shipped_dir() -> Path:
    """Entries built with the package (ship()): read when the user's cache misses, so a first run
    does not parse and validate the shipped rules and tables. $CHECKER_SHIPPED_DIR overrides it."""
    return Path(os.environ.get("CHECKER_SHIPPED_DIR") or Path(__file__).parent / "_shipped")


def _shipped_name(namespace: str, files: list[Path], salt: str) -> str | None:
    """The entry's name among the shipped ones: keyed by the bytes of the code and of the files, and
    the files' paths inside the package (or the checkout's rules/), so it holds wherever the package
    is installed; None for a file outside them (a user's rules)."""
    from checker.paths import default_rules_dir

    roots = [(default_rules_dir().resolve(), "rules/"), (Path(__file__).resolve().parent, "checker/")]
    digest = _key(f"{__version__}\0{_code_bytes()}\0{namespace}\0{salt}".encode())
    try:
        for path in files:
            real = path.resolve()
            inside = next((prefix + real.relative_to(root).as_posix() for root, prefix in roots if real.is_relative_to(root)),
                          None)
            if inside is None:
                return None
            digest.update(inside.encode() + b"\0" + real.read_bytes() + b"\0")
    except OSError:
        return None
    return f"{namespace}-{digest.hexdigest()[:32]}.pickle"


def _shipped(name: str | None) -> tuple[object, bytes | None]:
    """(value, its pickle) of a shipped entry, or (None, None)."""
    if name is None:
        return None, None
    try:
        blob = (shipped_dir() / name).read_bytes()
        return _unpickle(io.BytesIO(blob)), blob
    except Exception:  # none, or from another Python: build
        return None, None


@cache
def _code_bytes() -> str:
    """Digest of every module's path and bytes: what a shipped entry was built by (mtimes differ per install)."""
    package = os.path.dirname(os.path.abspath(__file__))
    stats: list[tuple[str, int, int]] = []
    digest = _key()
    try:
        _module_stats(package, "", stats)
        for relative, _, _ in sorted(stats):
            with open(os.path.join(package, relative), "rb") as f:
                digest.update(relative.encode() + b"\0" + f.read() + b"\0")
    except OSError:
        return ""
    return digest.hexdigest()


SHIP_STORY = ("LHASA, Aug. 3 (Xinhua) -- Liu Zhijie, head of the company, said it hired 53 engineers in 2019.\n"
              "Later Liu Jijie said the plan for Xigaze and Shigatse worked. (End)\n")
SHIP_SOURCE = "拉萨8月3日电 公司负责人刘志杰表示，该公司2019年招聘了35名工程师。\n刘志杰随后表示，日喀则的计划奏效。\n"


def ship(target: Path | None = None) -> int:
    """Build the shipped entries of the default rule packs into `target` (default shipped_dir()): lint a
    story with its Chinese original from an empty cache, so every rule, table and compiled pattern is
    built, and keep each entry under its content key. Run it after installing or before building a wheel."""
    import subprocess
    import sys
    import tempfile

    target = target or shipped_dir()
    target.mkdir(parents=True, exist_ok=True)
    for old in target.glob("*.pickle"):
        old.unlink()
    with tempfile.TemporaryDirectory() as work:
        story = Path(work, "story.txt")
        story.write_text(SHIP_STORY, encoding="utf-8")
        Path(work, "story.zh.txt").write_text(SHIP_SOURCE, encoding="utf-8")
        env = {**os.environ, "CHECKER_CACHE_DIR": str(Path(work, "cache")), "CHECKER_SHIP_TO": str(target),
               "CHECKER_SHIPPED_DIR": str(Path(work, "none"))}
        env.pop("CHECKER_NO_CACHE", None)
        # This package, wherever it is (a build hook's isolated environment filters PYTHONPATH out of sys.path).
        here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
        run = subprocess.run([sys.executable, "-c", "import sys; sys.path.insert(0, sys.argv.pop(1)); from checker.cli import main; "
                              "sys.exit(main(sys.argv[1:]))", here, "lint", "--fail-on", "never", "--quiet", str(story)],
                             cwd=work, env=env, capture_output=True, text=True)
    if run.returncode != 0:  # a pack with problems is not shipped: its messages would name this machine's paths
        for made in target.glob("*.pickle"):
            made.unlink()
        sys.stderr.write(run.stderr)
        return run.returncode
    for made in target.glob("*.pickle"):
        made.chmod(0o644)  # read by every user of an installed package
    print(f"{len(list(target.glob('*.pickle')))} entries in {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(ship())


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

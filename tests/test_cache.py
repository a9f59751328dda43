"""The start-up cache only saves time: edits are seen at once, and a broken cache is rebuilt."""

from __future__ import annotations

from checker.cache import cached


def test_cache_hit_miss_and_corruption(tmp_path, monkeypatch):
    monkeypatch.setenv("CHECKER_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("CHECKER_NO_CACHE", raising=False)
    source = tmp_path / "table.yaml"
    source.write_text("a: 1\n")
    calls = []

    def build():
        calls.append(source.read_text())
        return {"built": source.read_text()}

    assert cached("t", [source], build) == {"built": "a: 1\n"}
    assert cached("t", [source], build) == {"built": "a: 1\n"} and len(calls) == 1  # hit
    source.write_text("a: 2\n")
    assert cached("t", [source], build) == {"built": "a: 2\n"} and len(calls) == 2  # edited: miss
    for entry in (tmp_path / "cache").iterdir():
        entry.write_bytes(b"not a pickle")
    assert cached("t", [source], build) == {"built": "a: 2\n"} and len(calls) == 3  # corrupt: rebuilt


def test_cache_can_be_switched_off(tmp_path, monkeypatch):
    monkeypatch.setenv("CHECKER_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("CHECKER_NO_CACHE", "1")
    source = tmp_path / "t.yaml"
    source.write_text("x")
    calls = []
    cached("t", [source], lambda: calls.append(1))
    cached("t", [source], lambda: calls.append(1))
    assert len(calls) == 2 and not (tmp_path / "cache").exists()


def test_unwritable_cache_is_ignored(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv("CHECKER_CACHE_DIR", str(blocker / "sub"))  # cannot be created
    monkeypatch.delenv("CHECKER_NO_CACHE", raising=False)
    source = tmp_path / "t.yaml"
    source.write_text("x")
    assert cached("t", [source], lambda: 42) == 42


def test_entries_from_other_code_are_not_loaded(tmp_path, monkeypatch):
    """A checkout edited since an entry was written (same version number) must rebuild,
    or a pickled class from the old code could load into the new one."""
    import checker.cache

    monkeypatch.setenv("CHECKER_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("CHECKER_NO_CACHE", raising=False)
    source = tmp_path / "t.yaml"
    source.write_text("x")
    calls = []
    monkeypatch.setattr(checker.cache, "_code_stamp", lambda: "old code")
    cached("t", [source], lambda: calls.append(1))
    cached("t", [source], lambda: calls.append(1))
    assert len(calls) == 1
    monkeypatch.setattr(checker.cache, "_code_stamp", lambda: "new code")
    cached("t", [source], lambda: calls.append(1))
    assert len(calls) == 2


def test_code_stamp_follows_the_package_modules(tmp_path, monkeypatch):
    import checker.cache

    package = tmp_path / "pkg"
    package.mkdir()
    (package / "cache.py").write_text("# a\n")
    (package / "other.py").write_text("x = 1\n")
    monkeypatch.setattr(checker.cache, "__file__", str(package / "cache.py"))
    checker.cache._code_stamp.cache_clear()
    before = checker.cache._code_stamp()
    checker.cache._code_stamp.cache_clear()
    (package / "other.py").write_text("x = 22\n")
    after = checker.cache._code_stamp()
    checker.cache._code_stamp.cache_clear()
    assert before and after and before != after


def test_entries_unused_for_a_month_are_pruned_when_a_new_one_is_written(tmp_path, monkeypatch):
    import os
    import time

    folder = tmp_path / "cache"
    monkeypatch.setenv("CHECKER_CACHE_DIR", str(folder))
    monkeypatch.delenv("CHECKER_NO_CACHE", raising=False)
    source = tmp_path / "t.yaml"
    source.write_text("x")
    cached("t", [source], lambda: 1)
    (kept,) = folder.iterdir()
    month_ago = time.time() - 40 * 86400
    os.utime(kept, (month_ago, month_ago))
    cached("t", [source], lambda: 1)  # a hit marks the entry used again
    assert kept.stat().st_mtime > month_ago + 86400
    stale = folder / "rule-file-0123.pickle"
    stale.write_bytes(b"old")
    os.utime(stale, (month_ago, month_ago))
    source.write_text("y")
    cached("t", [source], lambda: 2)  # a miss writes a new entry and prunes
    assert not stale.exists()
    assert kept.exists() and len(list(folder.iterdir())) == 2

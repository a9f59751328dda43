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


def test_beyond_max_entries_the_least_recently_used_go_and_stranded_temporaries_too(tmp_path, monkeypatch):
    """Each code or rule edit orphans a set of entries: a folder of 15,000 (682 MB) made every miss spend
    seconds listing it. Past MAX_ENTRIES the least recently used go; a temporary file a killed run left goes."""
    import os
    import time

    import checker.cache

    folder = tmp_path / "cache"
    folder.mkdir()
    monkeypatch.setenv("CHECKER_CACHE_DIR", str(folder))
    monkeypatch.delenv("CHECKER_NO_CACHE", raising=False)
    monkeypatch.setattr(checker.cache, "MAX_ENTRIES", 5)
    hour_ago = time.time() - 7200
    for i in range(8):  # entry-0 used longest ago, entry-7 most recently; all within the month
        entry = folder / f"rule-file-entry-{i}.pickle"
        entry.write_bytes(b"x")
        os.utime(entry, (hour_ago + i, hour_ago + i))
    stranded = folder / "tmpab12cd34"
    stranded.write_bytes(b"half a pickle")
    os.utime(stranded, (hour_ago, hour_ago))
    fresh_tmp = folder / "tmpbeingwritten"  # another run writing now: left alone
    fresh_tmp.write_bytes(b"")
    source = tmp_path / "t.yaml"
    source.write_text("x")
    assert cached("t", [source], lambda: 1) == 1  # a miss: writes its entry, then prunes
    left = sorted(p.name for p in folder.iterdir())
    assert [n for n in left if n.startswith("rule-file")] == [f"rule-file-entry-{i}.pickle" for i in (4, 5, 6, 7)]
    assert sum(n.startswith("t-") for n in left) == 1  # the new entry is the most recently used
    assert "tmpab12cd34" not in left and "tmpbeingwritten" in left

"""Suite-wide rules for the tests.

In CI (`CI=true`, as `.ci/run` and every CI service set it) a skipped test
is a failure: a green run must have run everything, so a missing browser or
a missing shared corpus cannot turn CI green by skipping. A test that may
skip even in CI says why with `@pytest.mark.skippable("reason")`; its skip
stays a skip and the summary (`-rs`, in pyproject's addopts) shows both
reasons. Expected failures (xfail) are not skips and are left alone.

The suite runs in parallel (pytest-xdist, `-n auto --dist loadfile` in
pyproject's addopts; `-n 0` runs it in one process). A file's tests run on one
worker, so a module fixture (a cluster, a browser page, a wheel) is built once.
Tests marked `heavy(seconds)` are collected first, longest first, so that their files
start at once instead of being handed out last and holding the run (the longest-first rule
of scheduling; `--no-loadscope-reorder` in addopts keeps this order: by default xdist reorders
files by their number of tests, which put mypy last). The seconds are each file's time
on its worker in a parallel run of a fresh clone (mypy with no cache); only their order matters.

The suite writes bytecode even where PYTHONDONTWRITEBYTECODE is set (the shared machines set it):
the controller drops the variable before the workers start, so they, and the ~100 checker
processes the tests start (the CLI, `checker serve`, Dask workers), write and reuse .pyc files
(git-ignored) as a plain `pip install .` would have. Without them each of those processes compiled
the whole package from source (~70 ms of CPU each): the suite's CPU (user + system, -n auto) went from 95 to 83 s.

The suite's rule cache is its own folder, made for the run and removed after
it (CHECKER_CACHE_DIR, inherited by the workers and every checker the tests
start): tests with rule files of their own would otherwise fill the user's
~/.cache/checker, and a run would read entries an earlier checkout left.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile

import pytest

pytest_plugins = ["pytester"]  # tests/test_ci_gate.py runs a small suite under this conftest


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


def pytest_configure(config: pytest.Config) -> None:
    controller = not hasattr(config, "workerinput")  # the controller (or the one process under -n 0), before workers start
    if controller:
        os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
        sys.dont_write_bytecode = False
    if controller and "CHECKER_CACHE_DIR" not in os.environ:
        config._checker_cache = os.environ["CHECKER_CACHE_DIR"] = tempfile.mkdtemp(prefix="checker-test-cache-")
    config.addinivalue_line(
        "markers", "skippable(reason): this test may skip even in CI (CI=true); the reason shows in the summary")
    config.addinivalue_line(
        "markers", "heavy(seconds): one of the suite's longest files, about `seconds` on its worker; collected first, "
        "longest first, so parallel workers share the rest around it")


def pytest_unconfigure(config: pytest.Config) -> None:
    folder = getattr(config, "_checker_cache", None)
    if folder:
        shutil.rmtree(folder, ignore_errors=True)
        del os.environ["CHECKER_CACHE_DIR"]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Heavy tests first, longest first; the rest in their usual order (the sort is stable)."""
    def weight(item: pytest.Item) -> float:
        marker = item.get_closest_marker("heavy")
        if marker is None:
            return 0.0
        return marker.args[0] if marker.args else 1.0

    items.sort(key=lambda item: -weight(item))


def _reason(longrepr) -> str:
    text = longrepr[2] if isinstance(longrepr, tuple) and len(longrepr) == 3 else str(longrepr)
    return text.removeprefix("Skipped: ")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call):
    report = (yield).get_result()
    if not (report.skipped and in_ci()) or hasattr(report, "wasxfail"):
        return
    marker = item.get_closest_marker("skippable")
    why = marker and (marker.args[0] if marker.args else marker.kwargs.get("reason"))
    if why:
        path, line, reason = report.longrepr
        report.longrepr = (path, line, f"{reason} [skippable in CI: {why}]")
    else:
        report.outcome = "failed"
        report.longrepr = (f"skipped in CI (CI=true), which fails the run: {_reason(report.longrepr)}\n"
                           "Install what the test needs, or mark it @pytest.mark.skippable(\"why\") if skipping is acceptable.")


@pytest.hookimpl(hookwrapper=True)
def pytest_make_collect_report(collector: pytest.Collector):
    """A whole module skipped at import (pytest.skip(allow_module_level=True)) fails in CI too."""
    report = (yield).get_result()
    if report.skipped and in_ci():
        report.outcome = "failed"
        report.longrepr = f"module skipped in CI (CI=true), which fails the run: {_reason(report.longrepr)}"


@pytest.fixture(scope="session")
def default_server():
    """One `checker serve` with the default options, shared by the server, LanguageTool-client and page tests
    (once per xdist worker that runs them); a test of other options or of stopping starts its own."""
    from serve_support import Server

    with Server() as running:
        yield running

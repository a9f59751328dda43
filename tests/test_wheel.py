"""A plain (non-editable) install must carry the rule packs: build the wheel and run from it."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


# The PEP 517 build as a frontend runs it: pyproject's build backend, its build_wheel hook, from the
# project's folder. The backend comes from the test extra (an isolated build environment cost 2 s of
# CPU to set up), and it is called directly, not through `pip wheel` (pip's own start-up: 0.9 s of CPU).
BUILD = """import importlib, pathlib, sys, tomllib
backend = tomllib.loads(pathlib.Path("pyproject.toml").read_text("utf-8"))["build-system"]["build-backend"]
print(importlib.import_module(backend).build_wheel(sys.argv[1]))"""


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    out = tmp_path_factory.mktemp("wheel")
    build = subprocess.run([sys.executable, "-c", BUILD, str(out)], cwd=ROOT, capture_output=True, text=True)
    if build.returncode != 0:
        pytest.skip(f"could not build a wheel here (no build backend reachable?): {build.stderr.strip()[-300:]}")
    return out / build.stdout.split()[-1]


@pytest.mark.heavy(3)  # its fixture builds and installs the wheel: its file starts first, not last
def test_wheel_ships_rules_and_schemas(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "checker/rules/wire/repetition.yaml" in names
    assert "checker/schemas/report.schema.json" in names
    assert "checker/schemas/rule-file.base.json" in names
    assert "checker/server/page.html" in names  # the page `checker serve` shows at /
    # the cache entries of its own rule packs, built by hatch_build.py: a first run parses no YAML
    assert any(n.startswith("checker/_shipped/rule-pack-") for n in names)


def test_installed_wheel_lints_a_fixture(wheel, tmp_path):
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)], check=True)
    env = {**os.environ, "PYTHONPATH": str(target)}
    probe = subprocess.run(
        [sys.executable, "-c", "import checker.rules as r; print(r.__file__); print(r.default_rules_dir())"],
        capture_output=True, text=True, env=env, cwd=tmp_path, check=True,
    ).stdout.splitlines()
    assert probe[0].startswith(str(target)) and probe[1].startswith(str(target))  # not the source checkout
    p = subprocess.run(
        [sys.executable, "-m", "checker", "lint", str(ROOT / "fixtures" / "duplicated-words.txt")],
        capture_output=True, text=True, env=env, cwd=tmp_path,
    )
    assert p.returncode == 1, p.stderr
    assert "wire.duplicate-words" in p.stdout

"""The load benchmark's short form (bench/serve_load.py): real stories, concurrent clients, no errors.

Speed is measured in bench/, not asserted here: this checks that the load
run works end to end and that the server answers every request under load.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

from cli_support import ROOT

pytestmark = pytest.mark.heavy(5)  # see tests/conftest.py: started early, not left for last


def short_load_run(tmp_path, *more: str) -> dict:
    out = tmp_path / "load.json"
    proc = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "serve_load.py"), "--duration", "1", "--clients", "8", "--workers", "2",
         "--single", "5", "--cli-repeat", "0", "--sample-every", "0.25", "--json", str(out), *more],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return json.loads(out.read_text("utf-8"))


def test_short_load_run_has_no_errors(tmp_path):
    result = short_load_run(tmp_path)
    assert result["stories"] >= 300  # seeds, desk-2 and wmt20-refs from ../shared
    assert result["load"]["errors"] == 0 and result["load"]["requests"] > 8
    assert result["memory_start_mib"] > 0 and result["memory_end_mib"] > 0
    assert result["single_1000_words"]["words"] >= 1000
    timeline = result["memory_timeline_mib"]  # sampled through the load: (seconds, MiB), in time order
    assert len(timeline) >= 3 and all(m > 0 for _, m in timeline)
    assert [t for t, _ in timeline] == sorted(t for t, _ in timeline)


def test_wrk_drives_the_same_load_with_no_errors(tmp_path):
    if shutil.which("wrk") is None:
        pytest.skip("wrk is not installed (Debian: apt-get install wrk; .ci/run installs it)")
    result = short_load_run(tmp_path, "--client", "wrk")
    load = result["load"]
    assert result["client"] == "wrk" and load["client"] == "wrk"
    assert load["errors"] == 0 and load["requests"] > 8
    assert 0 < load["p50_ms"] <= load["p99_ms"] <= load["max_ms"]
    assert load["server_cpu_s"] > load["client_cpu_s"]  # the point of wrk: the server, not the client, has the cores

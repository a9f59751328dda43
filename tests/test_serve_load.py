"""The load benchmark's short form (bench/serve_load.py): real stories, concurrent clients, no errors.

Speed is measured in bench/, not asserted here: this checks that the load
run works end to end and that the server answers every request under load.
"""

from __future__ import annotations

import json
import subprocess
import sys

from cli_support import ROOT


def test_short_load_run_has_no_errors(tmp_path):
    out = tmp_path / "load.json"
    proc = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "serve_load.py"), "--duration", "3", "--clients", "8", "--workers", "2",
         "--single", "5", "--cli-repeat", "0", "--json", str(out)],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    result = json.loads(out.read_text("utf-8"))
    assert result["stories"] >= 300  # seeds, desk-2 and wmt20-refs from ../shared
    assert result["load"]["errors"] == 0 and result["load"]["requests"] > 8
    assert result["memory_start_mib"] > 0 and result["memory_end_mib"] > 0
    assert result["single_1000_words"]["words"] >= 1000

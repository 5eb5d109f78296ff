"""scripts/bench.py runs end to end in its quick mode (no timings are asserted)."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]


def test_quick_benchmark_measures_every_target(letters_dir, tmp_path):
    figures = tmp_path / "figures.json"
    command = [sys.executable, str(ROOT / "scripts" / "bench.py"), "--quick"]
    command += ["--letters", str(letters_dir), "--requests", "6", "--rounds", "2"]
    command += ["--sample", "20", "--workdir", str(tmp_path), "--json", str(figures)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    for line in (
        "build / bare encode rate =",
        "update, one new letter",
        "/search p50 / bare p50",
        "/api/trends (",
        "/api/similar (",
    ):
        assert line in result.stdout, result.stdout
    measured = json.loads(figures.read_text())
    assert measured["build_passages"] > 0
    assert {"build_ratio", "search_ratio", "serve_rss_mb", "serve_ready_seconds"} <= set(measured)
    assert {"update_one_letter_seconds", "update_noop_seconds"} <= set(measured)
    assert {"trends_ratio", "similar_ratio"} <= set(measured)
    assert list(tmp_path.glob("qa-bench-*")) == []

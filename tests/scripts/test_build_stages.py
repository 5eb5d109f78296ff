"""scripts/build_stages.py times a build stage by stage (no timings are asserted)."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]


def test_build_stages_names_every_stage_and_the_sentences_share(letters_dir, tmp_path):
    figures = tmp_path / "figures.json"
    command = [sys.executable, str(ROOT / "scripts" / "build_stages.py"), str(letters_dir)]
    command += ["--index", str(tmp_path / "index"), "--json", str(figures)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    measured = json.loads(figures.read_text())
    assert {"reading", "embedding", "sentences", "keywords", "writing"} <= set(measured["stages"])
    assert all(ratio >= 1 for ratio in measured["ratio"])
    assert "with the sentences, the build is" in result.stdout
    assert (tmp_path / "index" / "CURRENT").exists()

"""The load script, briefly, over the test letters: no errors and no mixed answers, with an
update landing or with an administrator uploading, removing and restoring letters."""

import importlib.util
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import build

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "load.py"


def _script():
    spec = importlib.util.spec_from_file_location("load", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules["load"] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_load_script_searches_through_an_update_without_errors(fresh_letters, tmp_path):
    build(fresh_letters, tmp_path / "index")
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--index", str(tmp_path / "index")]
        + [
            "--letters",
            str(fresh_letters),
            "--seconds",
            "10",
            "--clients",
            "2",
            "--update-after",
            "0.5",
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "errors 0, mixed results 0" in result.stdout
    assert "latency ms: p50 " in result.stdout and "exit 0" in result.stdout
    assert "  gen-000002: " in result.stdout, result.stdout


def test_an_answer_citing_a_letter_of_another_generation_counts_as_mixed(fresh_letters, tmp_path):
    load = _script()
    build(fresh_letters, tmp_path / "index")
    known = load.Generations(tmp_path / "index")
    letter = next(iter(known.letters("gen-000001").items()))
    citation = {"letter_id": letter[0], "source": letter[1]}
    answer = {"generation": "gen-000001", "results": [{"citation": citation}]}
    assert load.check_answer(200, json.dumps(answer).encode(), known) == ("", "", "gen-000001")
    citation["letter_id"] = "0" * 16
    assert load.check_answer(200, json.dumps(answer).encode(), known)[1] == (
        f"{letter[1]} is not a letter of gen-000001"
    )
    assert load.check_answer(503, b"{}", known)[0] == "status 503: b'{}'"


@pytest.mark.parametrize("tool", ["ours", "locust"])
def test_load_script_searches_while_an_administrator_uploads_removes_and_restores(
    fresh_letters, tmp_path, tool
):
    build(fresh_letters, tmp_path / "index")
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--mode", "admin", "--tool", tool]
        + ["--index", str(tmp_path / "index"), "--letters", str(fresh_letters)]
        + ["--seconds", "6", "--clients", "2", "--threads", "4"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "errors 0, mixed results 0" in result.stdout
    assert "admin problems 0" in result.stdout and "files lost 0" in result.stdout
    logged = re.search(r"audit log (\d+) lines for (\d+) actions", result.stdout)
    assert logged and logged.group(1) == logged.group(2) and int(logged.group(1)) >= 3

"""The code follows the project's lint and format rules (ruff, configured in pyproject.toml)."""

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("command", [["check"], ["format", "--check"]])
def test_ruff_finds_nothing(command):
    result = subprocess.run(
        [sys.executable, "-m", "ruff", *command, "qa", "web", "tests", "scripts"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_finds_no_type_errors_in_qa_and_web():
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "qa", "web"], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def _sources():
    return sorted([*(ROOT / "qa").glob("*.py"), *(ROOT / "web").glob("*.py")])


def test_no_module_of_qa_or_web_is_over_400_lines():
    sizes = {p.name: len(p.read_text().splitlines()) for p in _sources()}
    assert not {name: n for name, n in sizes.items() if n > 400}


def test_no_function_of_qa_or_web_is_over_70_lines():
    long = []
    for path in _sources():
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = node.end_lineno - node.lineno + 1
                if length > 70:
                    long.append(f"{path.name}:{node.name} ({length} lines)")
    assert not long

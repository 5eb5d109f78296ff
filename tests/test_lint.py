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


def test_mypy_finds_no_type_errors_or_untyped_functions_in_qa_and_web():
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--disallow-untyped-defs", "qa", "web"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def _sources():
    return sorted([*(ROOT / "qa").rglob("*.py"), *(ROOT / "web").rglob("*.py")])


def test_no_module_of_qa_or_web_is_over_400_lines():
    sizes = {p.name: len(p.read_text().splitlines()) for p in _sources()}
    assert not {name: n for name, n in sizes.items() if n > 400}


def _functions():
    for path in _sources():
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                yield path, node


def test_no_function_of_qa_or_web_is_over_50_lines():
    long = []
    for path, node in _functions():
        length = node.end_lineno - node.lineno + 1
        if length > 50:
            long.append(f"{path.name}:{node.name} ({length} lines)")
    assert not long


def test_no_function_of_qa_or_web_takes_over_6_parameters():
    # More than six travel together as a small frozen dataclass; self and cls do not count,
    # *args and **kwargs count one each.
    crowded = []
    for path, node in _functions():
        args = node.args
        named = [a.arg for a in [*args.posonlyargs, *args.args, *args.kwonlyargs]]
        count = len([a for a in named if a not in ("self", "cls")])
        count += (args.vararg is not None) + (args.kwarg is not None)
        if count > 6:
            crowded.append(f"{path.name}:{node.name} ({count} parameters)")
    assert not crowded

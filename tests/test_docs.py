"""Keep the README honest: every setting and every command appears in it."""

import re
from pathlib import Path

from qa.cli.commands import main
from qa.core.settings import SETTINGS

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def _settings_table() -> str:
    return README.split("<!-- settings-table -->")[1].split("<!-- /settings-table -->")[0]


def test_every_setting_is_in_the_readme_table_with_its_default():
    table = _settings_table()
    for setting in SETTINGS:
        default = "unset" if setting.default is None else f"`{setting.default}`"
        assert f"| {setting.name} | `{setting.env}` | {default} | {setting.help} |" in table


def test_readme_table_has_no_stale_settings():
    rows = [
        line for line in _settings_table().splitlines() if line.startswith("| ") and "`QA_" in line
    ]
    assert len(rows) == len(SETTINGS)


def test_every_command_is_in_the_readme():
    for name in main.commands:
        assert f"python -m qa {name}" in README


def test_readme_gives_the_two_setup_commands():
    assert "make run LETTERS=../shared/letters" in README
    assert "make test" in README


def test_every_file_the_readme_and_docs_name_exists():
    root = Path(__file__).resolve().parents[1]
    named = set()
    for doc in [root / "README.md", *(root / "docs").glob("*.md")]:
        text = doc.read_text(encoding="utf-8")
        named |= set(re.findall(r"\b((?:qa|web|tests|scripts)/[\w/]+\.py)\b", text))
    assert named
    assert sorted(p for p in named if not (root / p).exists()) == []

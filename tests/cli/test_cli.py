import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from qa.cli.commands import main
from qa.indexing.store import read_generation
from tests.helpers import index_process


def _index(runner, letters, index):
    return runner.invoke(
        main, ["index", "--letters", str(letters), "--index", str(index), "--model", "hash"]
    )


def test_index_prints_a_summary_and_exits_0(runner, fresh_letters, tmp_path):
    result = _index(runner, fresh_letters, tmp_path / "index")
    assert result.exit_code == 0, result.output
    assert (
        "letters added 3 / updated 0 / removed 0 / unchanged 0 / failed 0 / skipped 0"
        in result.output
    )


def test_index_names_a_broken_file_and_exits_1(runner, fresh_letters, tmp_path):
    (fresh_letters / "bad name 'quoted' <script>.pdf").write_bytes(b"not a pdf at all")
    result = _index(runner, fresh_letters, tmp_path / "index")
    assert result.exit_code == 1
    assert (
        "FAILED  bad name 'quoted' <script>.pdf: not a PDF file (it does not start with %PDF)"
        in result.output
    )
    assert "letters added 3" in result.output
    assert "Traceback" not in result.output


def test_index_of_a_missing_folder_says_so(runner, tmp_path):
    result = _index(runner, tmp_path / "nowhere", tmp_path / "index")
    assert result.exit_code == 2
    assert "nowhere: is not a folder of letters" in result.output


def test_search_prints_cited_passages(runner, index_dir):
    result = runner.invoke(
        main, ["search", "--index", str(index_dir), "-k", "2", "kinship care for grandparents"]
    )
    assert result.exit_code == 0, result.output
    assert "1. Rutland · focused visit · 2025-02-05 · Main findings · paragraph 5" in result.output


def test_search_json_matches_the_api(runner, index_dir, client):
    result = runner.invoke(
        main, ["search", "--index", str(index_dir), "--json", "-k", "3", "neglect"]
    )
    assert json.loads(result.output) == client.get("/search?q=neglect&k=3").get_json()


def test_search_without_index_explains_what_to_run(runner, tmp_path):
    result = runner.invoke(main, ["search", "--index", str(tmp_path / "none"), "neglect"])
    assert result.exit_code == 2
    assert (
        f'No index at {tmp_path / "none"}/ — run "python -m qa index --letters DIR' in result.output
    )


def test_eval_reports_recall_and_mrr_per_type(runner, index_dir, tmp_path):
    questions = tmp_path / "q.jsonl"
    rows = [
        {
            "id": "1",
            "question": "kinship care team for grandparents",
            "source": "visits/rutland focused visit.txt",
            "evidence": "Leaders have introduced a kinship care team",
            "type": "unscoped",
        },
        {
            "id": "2",
            "question": "unrelated words entirely",
            "source": "nowhere.txt",
            "evidence": "nothing",
            "type": "scoped",
        },
    ]
    questions.write_text("\n".join(json.dumps(r) for r in rows))
    result = runner.invoke(main, ["eval", "--index", str(index_dir), "--json", str(questions)])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == {
        "overall": {"n": 2, "recall_at_5": 0.5, "mrr_at_10": 0.5},
        "scoped": {"n": 1, "recall_at_5": 0.0, "mrr_at_10": 0.0},
        "unscoped": {"n": 1, "recall_at_5": 1.0, "mrr_at_10": 1.0},
    }


def test_every_command_has_help(runner):
    for command in ("index", "search", "serve", "eval"):
        result = runner.invoke(main, [command, "--help"])
        assert result.exit_code == 0 and "Usage:" in result.output


def test_second_index_run_says_the_index_is_unchanged(runner, fresh_letters, tmp_path):
    _index(runner, fresh_letters, tmp_path / "index")
    result = _index(runner, fresh_letters, tmp_path / "index")
    assert result.exit_code == 0, result.output
    assert "letters added 0 / updated 0 / removed 0 / unchanged 3" in result.output
    assert "0 embedded; index unchanged in" in result.output


def test_index_watch_applies_letters_as_they_appear_and_go(fresh_letters, tmp_path):
    index = tmp_path / "index"
    watcher = index_process(fresh_letters, index, "--watch")

    def sources_when(condition):
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                sources = {x.source for x in read_generation(index).letters}
            except Exception:
                sources = set()
            if condition(sources):
                return sources
            assert watcher.poll() is None, watcher.stdout.read()
            time.sleep(0.2)
        raise AssertionError(f"the watcher did not apply the change; it has {sources}")

    try:
        sources_when(lambda s: len(s) == 3)
        visit = fresh_letters / "visits" / "rutland focused visit.txt"
        (fresh_letters / "nottingham.txt").write_text(
            visit.read_text().replace("Rutland", "Nottingham")
        )
        sources_when(lambda s: "nottingham.txt" in s and len(s) == 4)
        visit.unlink()
        sources_when(lambda s: visit.name not in " ".join(s) and len(s) == 3)
    finally:
        watcher.terminate()
        watcher.wait(timeout=30)


def test_search_names_an_improvement_point_by_its_place(runner, index_dir):
    result = runner.invoke(
        main,
        [
            "search",
            "--index",
            str(index_dir),
            "-k",
            "1",
            "timeliness of initial health assessments",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "What needs to improve? · point 1 · page 1" in result.output
    assert "paragraph" not in result.output.splitlines()[0]


@pytest.mark.parametrize(
    ("option", "value", "expected"),
    [
        ("--local-authority", "Rutlnd", "did you mean 'Rutland'?"),
        ("--type", "visit", "choose one of: focused visit, monitoring visit, standard inspection"),
    ],
)
def test_unknown_filter_value_suggests_or_lists_without_http_hints(
    runner, index_dir, option, value, expected
):
    result = runner.invoke(main, ["search", "--index", str(index_dir), option, value, "neglect"])
    assert result.exit_code == 2
    assert expected in result.output
    assert "GET " not in result.output and "/api/" not in result.output


def test_python_m_qa_without_the_environment_says_how_to_run_it(tmp_path):
    # A Python with none of the project's packages: the interpreter without site-packages.
    result = subprocess.run(
        [sys.executable, "-S", "-m", "qa", "--help"],
        cwd=Path(__file__).resolve().parents[2],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert "needs the project's environment" in result.stderr
    assert ".venv/bin/python -m qa" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_cli_prints_notices(runner, index_dir):
    from qa.cli.commands import main

    result = runner.invoke(main, ["search", "--index", str(index_dir), "neglect in Leeds"])
    assert result.exit_code == 0, result.output
    assert "Note: No letters for Leeds are in this index" in result.output


def test_search_and_compare_options_take_their_defaults_limits_and_help_from_the_parameters(
    runner,
):
    from qa.catalogue.compare_request import CompareParams
    from qa.core.filters import FilterParams

    def help_of(command: str) -> str:
        result = runner.invoke(main, [command, "--help"], terminal_width=1000)
        assert result.exit_code == 0, result.output
        return " ".join(result.output.split())

    search = help_of("search")
    assert "-k INTEGER How many passages (1-50). [default: 10]" in search
    for name in ("local_authority", "type", "date_from", "published_until"):
        option = "--" + name.replace("_", "-")
        description = " ".join(FilterParams.model_fields[name].description.split())
        assert f"{option} TEXT {description}" in search
    assert "--judgement AREA:GRADE Only letters with this grade for this area" in search
    compare = help_of("compare")
    assert "--per-letter INTEGER Passages per letter (1-10). [default: 2]" in compare
    assert CompareParams.model_fields["local_authority"].description in compare


def test_search_filter_options_reach_the_search(runner, index_dir):
    options = ["--type", "focused visit", "--date-from", "2020-01-01"]
    result = runner.invoke(
        main, ["search", "--index", str(index_dir), "--json", *options, "children"]
    )
    assert result.exit_code == 0, result.output
    results = json.loads(result.output)["results"]
    assert results and {r["citation"]["type"] for r in results} == {"focused visit"}
    for option, value, said in [
        ("--judgement", "x", "judgement must be <area>:<grade>"),
        ("--published-until", "soon", "published_until must be a date"),
    ]:
        wrong = runner.invoke(main, ["search", "--index", str(index_dir), option, value, "x"])
        assert wrong.exit_code == 2 and said in wrong.output, wrong.output

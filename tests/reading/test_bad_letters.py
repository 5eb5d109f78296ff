"""A batch of broken and awkward letter files: each broken one is named with a reason a person
understands, everything else is indexed, and the index already there is left as it was."""

import hashlib
import subprocess
import sys
from pathlib import Path

import pytest

from qa.indexing.store import read_generation
from tests.helpers import build
from tests.synthetic import HTML_IN_TEXT, ODD_NAME, write_bad_letters, write_odd_letters

ROOT = Path(__file__).resolve().parents[2]


def _files(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _index_command(letters: Path, index: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "qa", "index", "--letters", str(letters), "--index", str(index)]
        + ["--model", "hash"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )


@pytest.fixture
def batch(fresh_letters, tmp_path):
    """An index of the good letters, then a batch of bad and awkward files added beside them."""
    index = tmp_path / "index"
    build(fresh_letters, index)
    before = read_generation(index)
    bad = {
        f"batch/{name}": reason
        for name, reason in write_bad_letters(fresh_letters / "batch").items()
    }
    odd = {f"odd/{name}": place for name, place in write_odd_letters(fresh_letters / "odd").items()}
    return fresh_letters, index, before, bad, odd


def test_each_bad_file_is_named_with_its_reason_and_the_rest_is_indexed(batch):
    letters, index, before, bad, odd = batch
    old_files = _files(before.path)
    summary = build(letters, index)
    assert summary.failed == sorted(bad.items())
    assert sorted(summary.added) == sorted(odd)
    after = read_generation(index)
    assert after.name != before.name
    assert {x.source for x in after.letters} == {x.source for x in before.letters} | set(odd)
    assert {x.local_authority for x in after.letters} >= set(odd.values())
    assert _files(before.path) == old_files


def test_index_command_reports_the_batch_without_a_traceback(batch):
    letters, index, before, bad, odd = batch
    result = _index_command(letters, index)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    for source, reason in bad.items():
        assert f"FAILED  {source}: {reason}\n" in output
    assert (
        f"letters added {len(odd)} / updated 0 / removed 0 / unchanged 3 / failed {len(bad)}"
        in output
    )
    assert "Traceback" not in output and "MuPDF" not in output, output


def test_a_batch_of_only_bad_files_leaves_the_index_as_it_was(fresh_letters, tmp_path):
    index = tmp_path / "index"
    build(fresh_letters, index)
    before = _files(index)
    bad = write_bad_letters(fresh_letters / "batch")
    summary = build(fresh_letters, index)
    assert len(summary.failed) == len(bad) and not summary.written
    assert _files(index) == before


def test_a_folder_with_no_readable_letter_writes_no_index(tmp_path):
    write_bad_letters(tmp_path / "letters")
    result = _index_command(tmp_path / "letters", tmp_path / "index")
    assert result.returncode == 1
    assert "No letter could be read, so no index was written" in result.stdout
    assert not (tmp_path / "index" / "CURRENT").exists()


def test_an_update_that_finds_no_letter_leaves_the_index_as_it_was(fresh_letters, tmp_path):
    index = tmp_path / "index"
    build(fresh_letters, index)
    before = _files(index)
    empty = tmp_path / "unmounted"
    empty.mkdir()
    summary = build(empty, index)
    assert (summary.letters, summary.written, summary.removed) == (0, False, [])
    assert _files(index) == before


def test_a_letter_replaced_by_a_broken_file_keeps_its_indexed_version(fresh_letters, tmp_path):
    index = tmp_path / "index"
    build(fresh_letters, index)
    before = read_generation(index)
    pdf = fresh_letters / "marshfield inspection - 12 july 2024.pdf"
    pdf.write_bytes(pdf.read_bytes()[:2000])
    summary = build(fresh_letters, index)
    reason = summary.failed[0][1]
    assert summary.failed == [(pdf.name, reason)]
    assert reason.endswith("; the version already indexed is kept")
    assert not summary.removed
    assert read_generation(index).letters == before.letters


@pytest.fixture(scope="module")
def odd_client(tmp_path_factory):
    from web import create_app

    letters = tmp_path_factory.mktemp("odd-letters")
    write_odd_letters(letters)
    index = tmp_path_factory.mktemp("odd-index")
    assert not build(letters, index).failed
    return create_app({"TESTING": True, "INDEX": str(index), "RELOAD_SECONDS": 0.0}).test_client()


def _letter_id(client, source: str) -> str:
    letters = client.get("/api/letters").get_json()["letters"]
    return next(x["letter_id"] for x in letters if x["source"] == source)


def test_html_in_a_letter_is_shown_as_text_on_every_page(odd_client):
    letter_id = _letter_id(odd_client, "html in text.txt")
    letter = odd_client.get(f"/api/letters/{letter_id}").get_json()
    assert HTML_IN_TEXT in [p["text"] for p in letter["passages"]]
    pages = [
        odd_client.get(f"/letters/{letter_id}").get_data(as_text=True),
        odd_client.get("/?q=case notes quoted markup alert").get_data(as_text=True),
    ]
    for html in pages:
        assert "&lt;script&gt;alert(&#34;text&#34;)&lt;/script&gt;" in html
        assert "<script>alert" not in html and "<img src=x" not in html and "<b>bold" not in html


def test_a_file_name_with_quotes_and_markup_is_escaped_and_its_source_served(odd_client):
    letter_id = _letter_id(odd_client, ODD_NAME)
    escaped = "a letter &#39;quoted&#39; &#34;twice&#34; &lt;script&gt;alert(1).txt"
    assert escaped in odd_client.get(f"/letters/{letter_id}").get_data(as_text=True)
    results = odd_client.get("/?q=Oldham neglect").get_data(as_text=True)
    assert f"/letters/{letter_id}" in results and "<script>alert(1)" not in results
    source = odd_client.get(f"/letters/{letter_id}/source")
    assert source.status_code == 200 and source.mimetype == "text/plain"
    assert b"Focused visit to Oldham" in source.data


def test_a_question_holding_markup_is_escaped_on_the_search_page(odd_client):
    html = odd_client.get("/?q=<script>alert(3)</script>").get_data(as_text=True)
    assert "&lt;script&gt;alert(3)&lt;/script&gt;" in html
    assert "<script>alert(3)" not in html


@pytest.mark.parametrize("name", ["windows 1252.txt", "utf-16.txt", ODD_NAME])
def test_an_original_text_letter_is_served_as_utf8_with_one_charset(odd_client, name):
    source = odd_client.get(f"/letters/{_letter_id(odd_client, name)}/source")
    assert source.status_code == 200
    assert source.headers["Content-Type"] == "text/plain; charset=utf-8"
    text = source.data.decode("utf-8")
    assert "Focused visit to" in text
    if name == "windows 1252.txt":
        assert "\u2019" in text

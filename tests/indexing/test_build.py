import json
import shutil
import signal
import time
from pathlib import Path

import numpy as np
import pytest

from qa.core.errors import QAError
from qa.indexing.build import update_index
from qa.indexing.embed import HashEmbedder
from qa.indexing.store import read_generation, update_lock
from qa.search.request import SearchRequest
from qa.search.searcher import Searcher
from tests.helpers import build, index_process
from tests.synthetic import TOWNS, variant


def _no_model():
    raise AssertionError("the model must not be loaded")


def test_first_build_adds_every_letter(fresh_letters, tmp_path):
    summary = build(fresh_letters, tmp_path / "index")
    assert len(summary.added) == 3 and not summary.failed
    assert summary.passages == summary.embedded > 0
    assert summary.generation == "gen-000001"


def test_second_run_with_nothing_changed_loads_no_model_and_writes_nothing(fresh_letters, tmp_path):
    index = tmp_path / "index"
    build(fresh_letters, index)
    summary = update_index(fresh_letters, index, "hash", _no_model)
    assert not summary.changed and len(summary.unchanged) == 3
    assert (index / "CURRENT").read_text().strip() == "gen-000001"


def test_added_changed_and_removed_letters_are_counted(fresh_letters, tmp_path):
    index = tmp_path / "index"
    build(fresh_letters, index)
    visit = fresh_letters / "visits" / "rutland focused visit.txt"
    visit.write_text(visit.read_text().replace("visit them often", "visit them every week"))
    (fresh_letters / "visits" / "halton's monitoring visit.md").unlink()
    shutil.copy(visit, fresh_letters / "new letter.txt")
    (fresh_letters / "new letter.txt").write_text(visit.read_text() + "\nAn extra paragraph.\n")
    summary = build(fresh_letters, index)
    assert summary.updated == ["visits/rutland focused visit.txt"]
    assert summary.removed == ["visits/halton's monitoring visit.md"]
    assert summary.added == ["new letter.txt"]
    assert summary.unchanged == ["marshfield inspection - 12 july 2024.pdf"]
    # Only passages whose text is new are embedded again.
    assert 0 < summary.embedded < summary.passages


def test_incremental_index_equals_a_clean_build(fresh_letters, tmp_path):
    build(fresh_letters, tmp_path / "a")
    (fresh_letters / "visits" / "halton's monitoring visit.md").unlink()
    build(fresh_letters, tmp_path / "a")
    build(fresh_letters, tmp_path / "b")
    a, b = read_generation(tmp_path / "a"), read_generation(tmp_path / "b")
    assert a.letters == b.letters and a.keys == b.keys


def test_same_content_under_two_names_is_one_letter(fresh_letters, tmp_path):
    shutil.copy(fresh_letters / "visits" / "rutland focused visit.txt", fresh_letters / "copy.txt")
    summary = build(fresh_letters, tmp_path / "index")
    assert summary.letters == 3
    assert summary.skipped == [("visits/rutland focused visit.txt", "the same letter as copy.txt")]


def test_broken_file_is_reported_and_the_rest_indexed(fresh_letters, tmp_path):
    (fresh_letters / "broken.pdf").write_bytes(b"%PDF-1.7 truncated")
    (fresh_letters / "empty.txt").write_bytes(b"")
    summary = build(fresh_letters, tmp_path / "index")
    assert summary.failed == [
        ("broken.pdf", "a damaged or truncated PDF that cannot be opened"),
        ("empty.txt", "the file is empty"),
    ]
    assert summary.letters == 3


def test_generation_files_are_complete_and_current_names_them(fresh_letters, tmp_path):
    index = tmp_path / "index"
    build(fresh_letters, index)
    generation = index / (index / "CURRENT").read_text().strip()
    assert sorted(p.name for p in generation.iterdir()) == [
        "abbreviations.json",
        "bm25",
        "letters.json",
        "manifest.json",
        "matching.json",
        "sentence_keys.npy",
        "sentence_passages.npy",
        "sentences.npy",
        "vectors.faiss",
        "words.json",
    ]
    manifest = json.loads((generation / "manifest.json").read_text())
    assert manifest["model"] == "hash" and manifest["letters"] == 3


def test_changing_the_model_embeds_everything_again(fresh_letters, tmp_path):
    index = tmp_path / "index"
    build(fresh_letters, index)

    class Other(HashEmbedder):
        name = "other"

    summary = update_index(fresh_letters, index, "other", Other)
    assert summary.embedded == summary.passages
    assert read_generation(index).manifest.model == "other"


def test_a_second_update_while_one_runs_is_refused(fresh_letters, tmp_path):
    index = tmp_path / "index"
    with update_lock(index):
        with pytest.raises(QAError, match="Another update"):
            build(fresh_letters, index)
        other = index_process(fresh_letters, index)
        output, _ = other.communicate(timeout=60)
        assert other.returncode == 2 and "Another update" in output


def test_an_update_keeps_the_generation_being_served_not_a_killed_runs_leftover(
    fresh_letters, tmp_path
):
    index = tmp_path / "index"
    build(fresh_letters, index)
    (fresh_letters / "new letter.txt").write_text(variant("Norfolk"))
    build(fresh_letters, index)
    # A run killed between moving its generation in and switching CURRENT leaves this behind.
    shutil.copytree(index / "gen-000002", index / "gen-000003")
    (fresh_letters / "new letter.txt").unlink()
    summary = build(fresh_letters, index)
    assert summary.generation == "gen-000004"
    kept = sorted(p.name for p in index.iterdir() if p.name.startswith("gen-"))
    assert kept == ["gen-000002", "gen-000004"]


def test_copies_of_a_saved_error_page_are_all_skipped_as_not_letters(fresh_letters, tmp_path):
    page = b"<!DOCTYPE html><html><title>Report not found</title></html>"
    for name in ("a 2012.pdf", "b 2012.pdf"):
        (fresh_letters / name).write_bytes(page)
    summary = build(fresh_letters, tmp_path / "index")
    reason = "a saved 'Report not found' web page, not a letter"
    assert summary.skipped == [("a 2012.pdf", reason), ("b 2012.pdf", reason)]
    assert not summary.failed and summary.letters == 3


def test_renamed_letter_keeps_its_vectors_and_gets_its_new_source(fresh_letters, tmp_path):
    index = tmp_path / "index"
    build(fresh_letters, index)
    (fresh_letters / "visits" / "rutland focused visit.txt").rename(fresh_letters / "rutland.txt")
    summary = update_index(fresh_letters, index, "hash", _no_model)
    assert summary.embedded == 0 and summary.generation == "gen-000002"
    assert "rutland.txt" in {letter.source for letter in read_generation(index).letters}


def test_new_reader_rereads_every_letter_but_embeds_nothing(fresh_letters, tmp_path, monkeypatch):
    index = tmp_path / "index"
    build(fresh_letters, index)
    monkeypatch.setattr("qa.indexing.build.READER_VERSION", 999)
    summary = update_index(fresh_letters, index, "hash", _no_model)
    assert (summary.reread, len(summary.unchanged), summary.embedded) == (3, 3, 0)
    assert not summary.added and read_generation(index).manifest.reader == 999


def test_letters_folder_moved_is_recorded(fresh_letters, tmp_path):
    index = tmp_path / "index"
    build(fresh_letters, index)
    moved = fresh_letters.rename(tmp_path / "moved")
    summary = update_index(moved, index, "hash", _no_model)
    assert summary.embedded == 0
    assert read_generation(index).manifest.letters_dir == str(moved.resolve())


class _CrashingEmbedder(HashEmbedder):
    """Embeds one chunk, then dies as a killed process would."""

    calls = 0

    def embed(self, texts, progress=None):
        type(self).calls += 1
        if type(self).calls > 1:
            raise KeyboardInterrupt("killed")
        return super().embed(texts, progress)


def test_update_killed_mid_embedding_leaves_the_old_index_and_the_rerun_finishes(
    fresh_letters, tmp_path, monkeypatch
):
    index = tmp_path / "index"
    (fresh_letters / "visits" / "halton's monitoring visit.md").rename(tmp_path / "later.md")
    build(fresh_letters, index)
    before = read_generation(index)
    (tmp_path / "later.md").rename(fresh_letters / "later.md")
    monkeypatch.setattr("qa.indexing.vectors.EMBED_CHUNK", 2)
    visit = fresh_letters / "visits" / "rutland focused visit.txt"
    visit.write_text(visit.read_text().replace("often", "every week"))
    with pytest.raises(KeyboardInterrupt):
        update_index(fresh_letters, index, "hash", _CrashingEmbedder)
    assert read_generation(index).letters == before.letters
    rerun = build(fresh_letters, index)
    # Four passages are new (the monitoring visit's three, one changed sentence); the killed
    # run's first chunk of two was kept.
    assert rerun.embedded == 2
    build(fresh_letters, tmp_path / "clean")
    assert read_generation(index).keys == read_generation(tmp_path / "clean").keys
    assert not (index / "cache").exists()


def test_index_records_which_backend_embedded_it(fresh_letters, tmp_path):
    index = tmp_path / "index"
    build(fresh_letters, index)
    assert read_generation(index).manifest.backend == "hash"
    visit = fresh_letters / "visits" / "rutland focused visit.txt"
    visit.write_text(visit.read_text().replace("often", "every week"))
    update_index(fresh_letters, index, "hash", HashEmbedder)
    assert read_generation(index).manifest.backend == "hash"


def test_index_written_before_sentence_spans_were_kept_still_reads(fresh_letters, tmp_path):
    index = tmp_path / "index"
    build(fresh_letters, index)
    stored = index / (index / "CURRENT").read_text().strip() / "letters.json"
    records = json.loads(stored.read_text())
    for record in records:
        record["passages"] = [row[:6] for row in record["passages"]]
    stored.write_text(json.dumps(records))
    passages = [p for letter in read_generation(index).letters for p in letter.passages]
    assert passages and all(p.sentence_spans == () for p in passages)


def _processes_naming(path) -> list[str]:
    """Return the command lines of running processes that name path."""
    found = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            words = cmdline.read_bytes().split(b"\0")
        except OSError:
            continue
        if str(path).encode() in words:
            found.append(b" ".join(words).decode(errors="replace"))
    return found


def test_sigkill_at_any_moment_leaves_a_usable_index_and_the_rerun_finishes(
    fresh_letters, tmp_path
):
    index = tmp_path / "index"
    build(fresh_letters, index)
    before = [letter.sha256 for letter in read_generation(index).letters]
    for number in range(40):
        (fresh_letters / f"more/visit {number}.txt").parent.mkdir(exist_ok=True)
        (fresh_letters / f"more/visit {number}.txt").write_text(variant(TOWNS[number]))
    started = time.monotonic()
    assert index_process(fresh_letters, tmp_path / "timing").wait(timeout=120) == 0
    whole_run = time.monotonic() - started
    # Kills spread over the whole run: imports, reading, embedding, writing, the swap.
    for step in range(1, 13):
        process = index_process(fresh_letters, index)
        time.sleep(whole_run * step / 12)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
        generation = read_generation(index)
        current = [letter.sha256 for letter in generation.letters]
        assert current == before or len(current) == len(before) + 40
        searcher = Searcher.open(index, lambda _model: HashEmbedder())
        hits = searcher.search(SearchRequest("neglect")).hits
        assert hits and searcher.passage_count == len(generation.keys)
    deadline = time.monotonic() + 10
    while _processes_naming(index) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not _processes_naming(index), "a killed update's reader processes live on"
    rerun = index_process(fresh_letters, index)
    output, _ = rerun.communicate(timeout=120)
    assert rerun.returncode == 0, output
    build(fresh_letters, tmp_path / "clean")
    assert read_generation(index).keys == read_generation(tmp_path / "clean").keys


def test_an_update_spells_out_only_the_letters_that_changed(fresh_letters, tmp_path, monkeypatch):
    import qa.indexing.matching

    index = tmp_path / "index"
    build(fresh_letters, index)
    spelt: list[str] = []
    original = qa.indexing.matching.letter_matching_texts

    def counting(letter, abbreviations):
        spelt.append(letter.source)
        return original(letter, abbreviations)

    monkeypatch.setattr(qa.indexing.matching, "letter_matching_texts", counting)
    (fresh_letters / "visits" / "new.txt").write_text(variant("Northumberland"), encoding="utf-8")
    summary = build(fresh_letters, index)
    assert summary.added == ["visits/new.txt"]
    assert spelt == ["visits/new.txt"]


def test_an_update_embeds_only_the_sentences_it_has_no_vector_for(fresh_letters, tmp_path):
    index = tmp_path / "index"
    first = build(fresh_letters, index)
    assert first.sentences_embedded == len(set(_sentence_keys(index))) > first.passages / 2
    visit = fresh_letters / "visits" / "rutland focused visit.txt"
    visit.write_text(visit.read_text().replace("visit them often", "visit them every week"))
    summary = build(fresh_letters, index)
    assert summary.updated == ["visits/rutland focused visit.txt"]
    assert summary.embedded == 1 and summary.sentences_embedded == 1
    # The stored vectors are those a clean build makes.
    build(fresh_letters, tmp_path / "clean")
    assert _sentence_keys(index) == _sentence_keys(tmp_path / "clean")
    generation = read_generation(index).path
    clean = read_generation(tmp_path / "clean").path
    assert np.array_equal(np.load(generation / "sentences.npy"), np.load(clean / "sentences.npy"))


def _sentence_keys(index):
    return np.load(read_generation(index).path / "sentence_keys.npy").tolist()

"""A passage's best sentence as a ranking: the sentences embedded, stored and scanned."""

from __future__ import annotations

import numpy as np
import pytest

from qa.core.models import Letter, Passage
from qa.indexing.embed import HashEmbedder
from qa.indexing.sentences import (
    MIN_WORDS,
    SentenceIndex,
    Storage,
    has_sentences,
    passage_sentences,
    save_sentences,
)


def _passage(text: str) -> Passage:
    spans, start = [], 0
    for part in text.split(". "):
        end = start + len(part) + (0 if part.endswith(".") else 1)
        spans.append((start, min(end, len(text))))
        start = end + 1
    return Passage(text, "Findings", 1, None, "p1", sentence_spans=tuple(spans))


def _letter(*texts: str) -> Letter:
    return Letter(
        letter_id="x",
        source="x.txt",
        sha256="0",
        title="t",
        local_authority="Riverton",
        type="focused visit",
        date="2024-01-01",
        passages=tuple(_passage(t) for t in texts),
    )


def test_each_passage_gives_its_sentences_of_four_words_or_more_else_its_text():
    letter = _letter(
        "The response to neglect is variable. Plans are weak. Supervision is regular and helpful.",
        "Good.",
    )
    texts, rows = passage_sentences([letter])
    assert texts == [
        "The response to neglect is variable.",
        "Supervision is regular and helpful.",
        "Good.",
    ]
    assert rows.tolist() == [0, 0, 1]
    assert all(len(t.split()) >= MIN_WORDS for t in texts[:2])


@pytest.fixture
def stored(tmp_path):
    texts = [
        "kinship carers are supported well",
        "neglect is recognised late",
        "care leavers have personal advisers",
        "the fostering service recruits carers",
        "missing children are offered return interviews",
        "neglect plans lack timescales",
    ]
    rows = np.array([0, 0, 1, 2, 2, 3], dtype=np.int32)
    vectors = HashEmbedder().embed(texts)
    save_sentences(tmp_path, vectors, rows, [f"k{i}" for i in range(len(texts))])
    return tmp_path, vectors, rows


@pytest.mark.parametrize("storage", list(Storage))
def test_a_scan_ranks_passages_by_their_best_sentence_as_brute_force_does(stored, storage):
    folder, vectors, rows = stored
    index = SentenceIndex.load(folder, 4, storage)
    assert index is not None and has_sentences(folder)
    query = HashEmbedder().embed(["neglect recognised"])[0]
    cosine = vectors @ query
    best = np.array([cosine[rows == r].max() for r in range(4)])
    found = index.scan(query, None, 4)
    matching = int((best > 0).sum())
    assert matching == 2
    assert found.rows[:matching].tolist() == np.argsort(-best, kind="stable")[:matching].tolist()
    tolerance = 0.02 if storage is Storage.SQ8 else 1e-3
    assert np.allclose(found.scores, np.sort(best)[::-1], atol=tolerance)
    assert np.allclose(index.best_scores(query, np.array([3, 1])), best[[3, 1]], atol=tolerance)


@pytest.mark.parametrize("storage", list(Storage))
def test_a_filtered_scan_finds_only_allowed_passages_by_either_path(stored, monkeypatch, storage):
    folder, _vectors, _rows = stored
    index = SentenceIndex.load(folder, 4, storage)
    assert index is not None
    query = HashEmbedder().embed(["neglect plans"])[0]
    allowed = np.array([False, True, False, True])
    direct = index.scan(query, allowed, 4)
    monkeypatch.setattr("qa.indexing.sentences.DIRECT", 0)
    scanned = index.scan(query, allowed, 4)
    assert direct.rows.tolist() == scanned.rows.tolist() == [3, 1]


def test_a_generation_without_sentences_loads_none(tmp_path):
    assert SentenceIndex.load(tmp_path, 4) is None


def test_the_scan_by_principal_axes_finds_what_the_full_scan_finds(tmp_path, monkeypatch):
    rng = np.random.default_rng(0)
    # Sentences near a few themes, as the letters' are.
    themes = rng.standard_normal((8, 32)).astype(np.float32)
    vectors = themes[rng.integers(0, 8, 3000)] + 0.3 * rng.standard_normal((3000, 32))
    vectors = (vectors / np.linalg.norm(vectors, axis=1, keepdims=True)).astype(np.float32)
    rows = np.repeat(np.arange(1000), 3).astype(np.int32)
    save_sentences(tmp_path, vectors, rows, [f"k{i}" for i in range(3000)])
    monkeypatch.setattr("qa.indexing.sentences.POOL", 300)
    monkeypatch.setattr("qa.indexing.sentences.COARSE_DIMENSIONS", 16)
    coarse = SentenceIndex.load(tmp_path, 1000)
    monkeypatch.setattr("qa.indexing.sentences.COARSE_DIMENSIONS", 0)
    full = SentenceIndex.load(tmp_path, 1000)
    assert coarse is not None and full is not None and coarse.first_pass is not None
    query = vectors[5]
    found, expected = coarse.scan(query, None, 20), full.scan(query, None, 20)
    assert found.rows[0] == expected.rows[0] == 1
    assert np.isclose(found.scores[0], expected.scores[0], atol=0.02)
    # Scores are exact: each passage's best sentence, as the fusion scores it.
    assert np.allclose(found.scores, coarse.best_scores(query, found.rows))
    assert np.all(np.diff(found.scores) <= 0)

"""The rankings a search fuses: each ranker alone, and the weighted set the retriever picks from."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from qa.indexing.embed import HashEmbedder
from qa.indexing.sentences import SentenceIndex
from qa.indexing.store import read_vectors
from qa.search.fusion import STANDARD_DEPTH
from qa.search.rankers import (
    DenseRanker,
    Fusion,
    KeywordRanker,
    Question,
    SentenceRanker,
    WeightedRanker,
)
from qa.search.request import SearchRequest
from qa.search.retrievers import Retriever
from qa.search.searcher import Searcher
from qa.search.vocabulary import Expansion
from tests.helpers import FixedRanker


@pytest.fixture(scope="module")
def searcher(index_dir):
    return Searcher.open(index_dir, embedder_for=lambda _model: HashEmbedder())


def _question(text: str) -> Question:
    return Question(Expansion(text, ()), HashEmbedder())


def _fusion() -> Fusion:
    return Fusion(
        (
            WeightedRanker(FixedRanker(Retriever.DENSE, {1: 3.0, 2: 2.0, 3: 1.0}), 2.0),
            WeightedRanker(FixedRanker(Retriever.SENTENCE, {4: 3.0, 2: 2.0, 0: 1.0})),
            WeightedRanker(FixedRanker(Retriever.KEYWORD, {3: 3.0, 1: 2.0, 4: 1.0})),
        )
    )


def test_dense_candidates_equal_brute_force_cosine(searcher):
    index = read_vectors(searcher.generation.path)
    stored = index.reconstruct_n(0, index.ntotal)
    question = _question("kinship care team for grandparents")
    expected = np.argsort(-(stored @ question.vector), kind="stable")[:5]
    found = DenseRanker(index).rank(question, None, 5)
    assert set(found.rows) == set(expected)
    assert np.allclose(found.scores, found.score_of(found.rows))


def test_a_dense_ranking_keeps_to_the_allowed_passages(searcher):
    allowed = np.zeros(searcher.passage_count, dtype=bool)
    allowed[::3] = True
    found = DenseRanker(read_vectors(searcher.generation.path)).rank(
        _question("neglect"), allowed, 10
    )
    assert len(found.rows) == min(10, allowed.sum()) and allowed[found.rows].all()


def test_keyword_ranking_is_best_first_with_ties_in_passage_order(searcher):
    keywords = searcher.parts.keywords
    ranking = KeywordRanker(keywords).rank(_question("children social workers"), None, 200).rows
    scores = keywords.scores("children social workers")
    assert list(ranking) == sorted(ranking, key=lambda row: (-scores[row], row))
    assert all(scores[row] > 0 for row in ranking)


def test_a_sentence_ranking_scores_each_passage_by_its_best_sentence(searcher):
    sentences = SentenceIndex.load(searcher.generation.path, searcher.passage_count)
    assert sentences is not None
    question = _question("how often do social workers visit children")
    found = SentenceRanker(sentences).rank(question, None, STANDARD_DEPTH)
    assert len(found.rows) and np.all(np.diff(found.scores) <= 0)
    assert np.allclose(found.scores, sentences.best_scores(question.vector, found.rows))


def test_a_question_is_embedded_once_and_only_when_a_ranker_needs_it(searcher):
    calls = []

    class Counting(HashEmbedder):
        def embed(self, texts, progress=None):
            calls.append(list(texts))
            return super().embed(texts, progress)

    question = Question(Expansion("neglect", ()), Counting())
    KeywordRanker(searcher.parts.keywords).rank(question, None, 10)
    assert calls == []
    searcher.parts.fusion.rankings(question, None, 10)
    assert calls == [["neglect"]]


def test_a_fusion_ranks_by_every_ranker_in_order_or_by_the_one_named():
    asked = _question("anything")
    every = _fusion().rankings(asked, None, 10)
    assert [list(r.rows) for r in every] == [[1, 2, 3], [4, 2, 0], [3, 1, 4]]
    assert [r.weight for r in every] == [2.0, 1.0, 1.0]
    keyword = _fusion().rankings(asked, None, 10, Retriever.from_str("KEYWORD"))
    assert [list(r.rows) for r in keyword] == [[3, 1, 4]]


@pytest.mark.parametrize(
    ("retriever", "names"),
    [
        (Retriever.HYBRID, ["dense", "sentence", "keyword"]),
        (Retriever.DENSE, ["dense"]),
        (Retriever.KEYWORD, ["keyword"]),
        (Retriever.SENTENCE, ["sentence"]),
    ],
)
def test_the_retriever_asked_for_chooses_the_rankings_a_search_fuses(searcher, retriever, names):
    fused = []
    fusion = replace(searcher.parts.fusion, fuse=lambda rankings: fused.extend(rankings) or [])
    composed = Searcher(replace(searcher.parts, fusion=fusion))
    composed.search(SearchRequest("children social workers", retriever=retriever))
    assert [ranking.name for ranking in fused] == names


def test_a_fusion_can_be_reweighted_or_go_without_a_ranking():
    fusion = _fusion()
    assert [p.weight for p in fusion.reweighted(Retriever.SENTENCE, 0.5).rankers] == [2, 0.5, 1]
    assert [p.ranker.name for p in fusion.without(Retriever.SENTENCE).rankers] == [
        "dense",
        "keyword",
    ]
    assert (
        fusion.without(Retriever.SENTENCE).rankings(_question("x"), None, 10, Retriever.SENTENCE)
        == []
    )


def test_the_service_fuses_dense_sentence_and_keyword_rankings(searcher):
    parts = searcher.parts.fusion.rankers
    assert [(p.ranker.name, p.weight) for p in parts] == [
        ("dense", 1.0),
        ("sentence", 1.0),
        ("keyword", 1.0),
    ]

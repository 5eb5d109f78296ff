"""The rankings a search fuses, each behind one small interface: passages ranked for a question
by their vectors (dense), by their words (BM25) and by their best sentences; and the weighted
set of them a searcher is made of. Each ranker is named for the retriever that uses it alone
(dense, keyword, sentence; hybrid fuses them all)."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from functools import partial
from typing import Protocol

import faiss
import numpy as np

from qa.indexing.embed import Embedder
from qa.indexing.keywords import KeywordIndex
from qa.indexing.projection import Projection
from qa.indexing.sentences import SentenceIndex
from qa.search.fusion import Ranking, combine
from qa.search.retrievers import Retriever
from qa.search.vocabulary import Expansion

# How much the dense ranking counts against the keyword one (weight 1) in fusion.
DENSE_WEIGHT = 1.0
# How much a passage's best sentence counts (its own ranking, beside the paragraph's).
SENTENCE_WEIGHT = 1.0
# Passages the dense ranking's first pass (by their projections on the principal axes) finds
# for scoring exactly, reading this share of the projections' groups: the top 10 agree with a
# full scan's to 0.986 (unfiltered; 1.000 filtered), a quarter's to 0.961 (measured:
# docs/measurements.md).
FIRST_PASS = 1000
FIRST_PASS_SHARE = 0.5
# How much the letters' words added to a question count against its own in BM25.
ADDED_WEIGHT = 0.5

# The threads a search's later rankings run on while the first runs on the request's own; none
# starts until a search has two rankings.
_SIDE_BY_SIDE = ThreadPoolExecutor(max_workers=2, thread_name_prefix="ranking")

# Fuses rankings into (row, score) pairs, best first.
Fuse = Callable[[Sequence[Ranking]], list[tuple[int, float]]]


@dataclass(frozen=True)
class Question:
    """A question as the rankers see it: its words with the letters' own words for them, and
    its vector, embedded on first use (a keyword ranking alone needs none) and once however
    many rankers ask for it at the same time."""

    expansion: Expansion
    embedder: Embedder
    _vector: list[np.ndarray] = field(default_factory=list, init=False, repr=False, compare=False)
    _lock: threading.Lock = field(
        default_factory=threading.Lock, init=False, repr=False, compare=False
    )

    @property
    def vector(self) -> np.ndarray:
        """Return the question's vector: its text with its abbreviations spelt out, embedded."""
        with self._lock:
            if not self._vector:
                self._vector.append(self.embedder.embed([self.expansion.spelt_out])[0])
            return self._vector[0]


class Ranker(Protocol):
    """Anything that ranks passage rows for a question, named for the retriever that uses its
    ranking alone."""

    name: Retriever

    def rank(self, question: Question, allowed: np.ndarray | None, depth: int) -> Ranking:
        """Return up to depth passage rows, best first, among the allowed ones (a mask over
        passage rows; None: all), with a score for any row."""
        ...


class DenseRanker:
    """Passages by their vector's cosine with the question's: a flat FAISS search, or for
    many passages a first pass by their projections on the principal axes, scored exactly."""

    name = Retriever.DENSE

    def __init__(self, index: faiss.Index) -> None:
        self._index = index
        # The flat index's own vectors, read in place: scoring any passage needs no copy.
        stored = faiss.rev_swig_ptr(index.get_xb(), index.ntotal * index.d)  # type: ignore[attr-defined]
        self.vectors: np.ndarray = stored.reshape(index.ntotal, index.d)
        self.first_pass: Projection | None = None
        if index.ntotal > 10 * FIRST_PASS:
            self.first_pass = Projection.holding(self.vectors, share=FIRST_PASS_SHARE)

    def rank(self, question: Question, allowed: np.ndarray | None, depth: int) -> Ranking:
        """Return the depth passages nearest the question, nearest first, by cosine."""
        # A question is one vector: FAISS's OpenMP threads would only wait on each other and on
        # other requests (a flat search took 24 ms with two threads on two busy cores, 5 ms
        # with one). The setting is the calling thread's own, so each request thread makes it.
        faiss.omp_set_num_threads(1)
        vector = question.vector
        score_of = partial(self._scores, vector)
        count = min(depth, len(self.vectors))
        if self.first_pass is not None:
            found = self.first_pass.search(vector, max(FIRST_PASS, count), allowed)
            exact = score_of(found)
            best = np.argsort(-exact, kind="stable")[:count]
            return Ranking(found[best], exact[best], score_of, name=self.name)
        params = None
        if allowed is not None:
            ids = np.flatnonzero(allowed).astype(np.int64)
            params = faiss.SearchParameters(sel=faiss.IDSelectorBatch(ids))  # type: ignore[call-arg]
        scores, found = self._index.search(vector.reshape(1, -1), count, params=params)
        kept = found[0] >= 0
        return Ranking(found[0][kept], scores[0][kept], score_of, name=self.name)

    def _scores(self, vector: np.ndarray, rows: np.ndarray) -> np.ndarray:
        # Every passage: the stored matrix as it is, no copy of its rows. einsum, not @: a
        # product this size wakes BLAS's threads, which spin against the requests'.
        every = len(rows) == len(self.vectors)
        return np.einsum("ij,j->i", self.vectors if every else self.vectors[rows], vector)


class KeywordRanker:
    """Passages by their BM25 score for the question's words, and (counting for less) for the
    letters' words added for them."""

    name = Retriever.KEYWORD

    def __init__(self, keywords: KeywordIndex, added_weight: float = ADDED_WEIGHT) -> None:
        self._keywords = keywords
        self._added_weight = added_weight

    def rank(self, question: Question, allowed: np.ndarray | None, depth: int) -> Ranking:
        """Return the depth passages holding the question's words best, best first, ties in
        row order; only passages holding one at all."""
        expansion = question.expansion
        scores = self._keywords.scores(expansion.question, expansion.added, self._added_weight)
        if allowed is not None:
            scores = np.where(allowed, scores, 0.0)
        count = min(depth, int((scores > 0).sum()))
        best = np.array([], dtype=np.int64)
        if count:
            # Only the best few need sorting: a partial sort first (ties keep row order).
            best = np.argpartition(-scores, count - 1)[:count]
            best = best[np.lexsort((best, -scores[best]))]
        return Ranking(best, scores[best], lambda rows: scores[rows], name=self.name)


class SentenceRanker:
    """Passages by their best sentence's cosine with the question."""

    name = Retriever.SENTENCE

    def __init__(self, sentences: SentenceIndex) -> None:
        self._sentences = sentences

    def rank(self, question: Question, allowed: np.ndarray | None, depth: int) -> Ranking:
        """Return the depth passages whose best sentence is nearest the question, nearest
        first."""
        vector = question.vector
        found = self._sentences.scan(vector, allowed, min(depth, self._sentences.passage_count))
        score_of = partial(self._sentences.best_scores, vector)
        return Ranking(found.rows, found.scores, score_of, name=self.name)


@dataclass(frozen=True)
class WeightedRanker:
    """A ranker and how much its ranking counts in fusion."""

    ranker: Ranker
    weight: float = 1.0


@dataclass(frozen=True)
class Fusion:
    """The rankings a search fuses, each weighted, and how it fuses them."""

    rankers: tuple[WeightedRanker, ...]
    fuse: Fuse = combine

    def rankings(
        self,
        question: Question,
        allowed: np.ndarray | None,
        depth: int,
        retriever: Retriever = Retriever.HYBRID,
    ) -> list[Ranking]:
        """Return the rankings the retriever uses, in order (hybrid: all of them), each of up
        to depth passages and carrying its weight."""
        chosen = [p for p in self.rankers if retriever in (Retriever.HYBRID, p.ranker.name)]

        def rank(part: WeightedRanker) -> Ranking:
            return replace(part.ranker.rank(question, allowed, depth), weight=part.weight)

        # Side by side: each ranking's scan runs in FAISS or NumPy, which let go of the GIL,
        # and on two cores the rankings took 17% less time (measured: docs/measurements.md).
        later = [_SIDE_BY_SIDE.submit(rank, part) for part in chosen[1:]]
        first = [rank(part) for part in chosen[:1]]
        return first + [ranking.result() for ranking in later]

    def reweighted(self, name: Retriever, weight: float) -> Fusion:
        """Return this fusion with the ranking so named weighted so."""
        return self.replaced(name, lambda part: replace(part, weight=weight))

    def without(self, name: Retriever) -> Fusion:
        """Return this fusion without the ranking so named."""
        return replace(self, rankers=tuple(p for p in self.rankers if p.ranker.name != name))

    def replaced(
        self, name: Retriever, change: Callable[[WeightedRanker], WeightedRanker]
    ) -> Fusion:
        """Return this fusion with the ranking so named changed by change."""
        rankers = tuple(change(p) if p.ranker.name == name else p for p in self.rankers)
        return replace(self, rankers=rankers)


def standard_fusion(
    dense: DenseRanker, keywords: KeywordIndex, sentences: SentenceIndex | None
) -> Fusion:
    """Return the fusion the service searches by: the dense, best-sentence (for a generation
    that keeps sentences) and keyword rankings, weighted, fused by z-scores."""
    rankers = [WeightedRanker(dense, DENSE_WEIGHT)]
    if sentences is not None:
        rankers.append(WeightedRanker(SentenceRanker(sentences), SENTENCE_WEIGHT))
    rankers.append(WeightedRanker(KeywordRanker(keywords)))
    return Fusion(tuple(rankers))

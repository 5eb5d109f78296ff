"""Measure the rankings' first pass (projections on the principal axes, held in groups): for
each share of the groups read, the paragraph and best-sentence scans' time and how far the
passages they rank first agree with a scan of every vector.

    .venv/bin/python scripts/first_pass.py --index ~/.cache/qa/full \\
        ../shared/eval/dev-questions.jsonl

The questions are scripts/bench.py's and the question set's, unfiltered and with a filter
that keeps about two letters in five; one thread, as a search runs them. A share of 1 reads
every projection (the first pass before the groups).
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import faiss
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench import questions_on_an_index  # noqa: E402

from qa.indexing import sentences  # noqa: E402
from qa.indexing.sentences import SentenceIndex  # noqa: E402
from qa.indexing.store import read_vectors  # noqa: E402
from qa.search.rankers import DenseRanker  # noqa: E402

SHARES = (0.125, 0.25, 0.5, 1.0)
DEPTH = 200
Scan = Callable[[np.ndarray, "np.ndarray | None"], np.ndarray]


def main(argv: list[str] | None = None) -> int:
    generation, queries = questions_on_an_index(__doc__.splitlines()[0], argv)
    faiss.omp_set_num_threads(1)
    count = len(generation.keys)
    owner = np.repeat(
        np.arange(len(generation.letters)), [len(x.passages) for x in generation.letters]
    )
    kept = np.asarray([i % 5 < 2 for i in range(len(generation.letters))])[owner]
    dense = DenseRanker(read_vectors(generation.path))
    grouped = SentenceIndex.load(generation.path, count)
    sentences.COARSE_DIMENSIONS = 0
    every = SentenceIndex.load(generation.path, count)
    assert grouped is not None and every is not None, "the index keeps no sentence vectors"
    exact_dense: Scan = lambda vector, allowed: _exact(dense, vector, allowed)  # noqa: E731
    exact_sentences: Scan = lambda vector, allowed: every.scan(vector, allowed, DEPTH).rows  # noqa: E731
    print(f"{len(queries)} questions, unfiltered and filtered ({kept.mean():.0%} of passages)")
    print(
        "| groups read | filtered | paragraphs: scan p50, top-10 / top-50 as every vector's "
        "| best sentences: the same |"
    )
    print("| --- | --- | --- | --- |")
    assert dense.first_pass is not None and grouped.first_pass is not None, "too few vectors"
    for share in SHARES:
        dense.first_pass.share = grouped.first_pass.share = share
        for allowed in (None, kept):
            rows = []
            for scan, truth in (
                (lambda vector, allowed: _dense(dense, vector, allowed), exact_dense),
                (
                    lambda vector, allowed: grouped.scan(vector, allowed, DEPTH).rows,
                    exact_sentences,
                ),
            ):
                seconds, tens, fifties = _measured(scan, truth, queries, allowed)
                rows.append(f"{seconds * 1000:.2f} ms, {tens:.3f} / {fifties:.3f}")
            print(f"| {share:g} | {'no' if allowed is None else 'yes'} | {rows[0]} | {rows[1]} |")
    return 0


def _dense(dense: DenseRanker, vector: np.ndarray, allowed: np.ndarray | None) -> np.ndarray:
    return dense.rank(_Vector(vector), allowed, DEPTH).rows  # type: ignore[arg-type]


class _Vector:
    """A question already embedded, as the dense ranker asks for it."""

    def __init__(self, vector: np.ndarray) -> None:
        self.vector = vector


def _exact(dense: DenseRanker, vector: np.ndarray, allowed: np.ndarray | None) -> np.ndarray:
    scores = np.einsum("ij,j->i", dense.vectors, vector)
    if allowed is not None:
        scores = np.where(allowed, scores, -np.inf)
    return np.argsort(-scores, kind="stable")[:DEPTH]


def _measured(
    scan: Scan, truth: Scan, queries: np.ndarray, allowed: np.ndarray | None
) -> tuple[float, float, float]:
    seconds, tens, fifties = [], [], []
    for _ in range(2):
        for vector in queries:
            started = time.perf_counter()
            scan(vector, allowed)
            seconds.append(time.perf_counter() - started)
    for vector in queries:
        found, expected = scan(vector, allowed), truth(vector, allowed)
        tens.append(len(set(found[:10].tolist()) & set(expected[:10].tolist())) / 10)
        fifties.append(len(set(found[:50].tolist()) & set(expected[:50].tolist())) / 50)
    return statistics.median(seconds), statistics.mean(tens), statistics.mean(fifties)


if __name__ == "__main__":
    sys.exit(main())

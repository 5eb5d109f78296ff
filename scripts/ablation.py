"""Measure what each part of retrieval is worth: the service as it runs, then with one part
changed at a time (the field's vocabulary, the fusion of the two rankings).

    .venv/bin/python scripts/ablation.py --index ~/.cache/qa/full ../shared/eval/dev-questions.jsonl

Prints Recall@5 and MRR@10, overall and per type, for each variant; about 10 s a variant
over the full corpus. The index must have been built by this version (its passages embedded
with abbreviations spelt out); "no abbreviations in the index" is measured by rebuilding the
keyword index from the plain matching texts in memory (the vectors stay as built).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from qa import search as search_module  # noqa: E402
from qa.abbreviations import Abbreviations  # noqa: E402
from qa.evaluate import Report, evaluate_questions, read_questions  # noqa: E402
from qa.fusion import Ranking  # noqa: E402
from qa.keywords import KeywordIndex  # noqa: E402
from qa.matching import letter_matching_texts  # noqa: E402
from qa.request import Retriever  # noqa: E402
from qa.search import Searcher  # noqa: E402
from qa.sentences import SentenceIndex, Storage  # noqa: E402
from qa.vocabulary import Expansion, Vocabulary, read_glossary  # noqa: E402

Fusion = Callable[[Sequence[Ranking]], list[tuple[int, float]]]


def reciprocal_rank(k: float | None = 60.0) -> Fusion:
    """Reciprocal rank fusion; k None sets it by the pool: a tenth of the candidates."""

    def fuse(rankings: Sequence[Ranking]) -> list[tuple[int, float]]:
        scores: dict[int, float] = {}
        for ranking in rankings:
            depth = k if k is not None else max(1.0, len(ranking.rows) / 10)
            for rank, row in enumerate(ranking.rows.tolist()):
                scores[row] = scores.get(row, 0.0) + ranking.weight / (depth + rank + 1)
        fused = sorted(scores.items(), key=lambda item: (-item[1], item[0]))
        best = fused[0][1] if fused else 1.0
        return [(row, score / best) for row, score in fused]

    return fuse


def sure_first_kept(rankings: Sequence[Ranking]) -> list[tuple[int, float]]:
    """Reciprocal rank fusion, but a first place two spreads above its ranking's second
    stays first."""
    fused = reciprocal_rank()(rankings)
    for ranking in rankings:
        scores = ranking.scores
        if len(scores) > 2 and scores[0] - scores[1] > 2 * float(scores.std()):
            top = int(ranking.rows[0])
            return [(top, 1.0)] + [(row, score) for row, score in fused if row != top]
    return fused


def min_max(rankings: Sequence[Ranking]) -> list[tuple[int, float]]:
    """Weighted sum of scores scaled to 0..1 over each ranking's candidates."""
    found = [r for r in rankings if len(r.rows)]
    if not found:
        return []
    rows = np.unique(np.concatenate([r.rows for r in found]))
    total = np.zeros(len(rows))
    for r in found:
        low, high = float(r.scores.min()), float(r.scores.max())
        total += r.weight * (r.score_of(rows) - low) / ((high - low) or 1.0)
    order = np.lexsort((rows, -total))
    return [(int(rows[i]), float(total[i] / total[order[0]])) for i in order]


@contextmanager
def patched(name: str, value: object) -> Iterator[None]:
    before = getattr(search_module, name)
    setattr(search_module, name, value)
    try:
        yield
    finally:
        setattr(search_module, name, before)


def glossary_in_both(searcher: Searcher) -> Callable[..., list[Ranking]]:
    original = Searcher._rankings

    def rankings(
        self: Searcher, expansion: Expansion, allowed, retriever, n: int = 0
    ) -> list[Ranking]:
        found = original(self, expansion, allowed, retriever, n)
        if retriever == Retriever.HYBRID and expansion.rewordings:
            text = f"{expansion.question} ({expansion.added})"
            found[0] = self._dense(self._embedder.embed([text]), allowed)
        return found

    return rankings


def show(name: str, report: Report) -> None:
    parts = " ".join(f"{n} {r.recall_at_5:.3f}/{r.mrr_at_10:.3f}" for n, r in report.rows())
    print(f"{name:62s} {parts}", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("questions", type=Path)
    parser.add_argument("--index", type=Path, default=Path("index"))
    args = parser.parse_args(argv)
    questions = read_questions(args.questions)
    searcher = Searcher.open(args.index)
    vocabulary = searcher._vocabulary
    abbreviations = vocabulary.abbreviations

    def run(name: str, retriever: Retriever = Retriever.HYBRID) -> None:
        show(name, evaluate_questions(searcher, questions, retriever))

    print(f"{'variant':62s} Recall@5/MRR@10 overall, then per type")
    run("the service as it runs")
    run("  keyword ranking alone", Retriever.KEYWORD)
    run("  dense ranking alone", Retriever.DENSE)
    run("  best-sentence ranking alone", Retriever.SENTENCE)
    sentences = searcher._sentences
    searcher._sentences = None
    run("without the best-sentence ranking (before)")
    for weight in (0.5, 1.0, 1.5):
        searcher._sentences = sentences
        with patched("SENTENCE_WEIGHT", weight):
            run(f"best-sentence ranking at weight {weight}")
    with patched("DENSE_WEIGHT", 0.0):
        run("best-sentence ranking instead of the paragraph one (not kept)")
    for storage in Storage:
        searcher._sentences = SentenceIndex.load(
            searcher.generation.path, searcher.passage_count, storage
        )
        run(f"sentence vectors held as {storage.value}")
    searcher._sentences = sentences
    searcher._vocabulary = Vocabulary(abbreviations)
    run("without the glossary")
    searcher._vocabulary = Vocabulary(Abbreviations(), read_glossary())
    run("without abbreviations in questions")
    searcher._vocabulary = Vocabulary(Abbreviations())
    run("without the glossary or abbreviations in questions")
    keywords = searcher._keywords
    plain = Abbreviations()
    searcher._keywords = KeywordIndex.build(
        [t for letter in searcher.letters for t in letter_matching_texts(letter, plain)]
    )
    run("  and without abbreviations in the keyword index")
    searcher._keywords = keywords
    searcher._vocabulary = vocabulary
    Searcher._rankings, before = glossary_in_both(searcher), Searcher._rankings
    run("glossary terms added to the embedded question too (not kept)")
    Searcher._rankings = before
    for name, fusion in [
        ("fusion: reciprocal rank, k = 60 (before)", reciprocal_rank()),
        ("fusion: reciprocal rank, k = a tenth of the pool", reciprocal_rank(None)),
        ("fusion: reciprocal rank with a sure first place kept", sure_first_kept),
        ("fusion: min-max scaled scores", min_max),
    ]:
        with patched("combine", fusion):
            run(name)
    for weight in (0.7, 1.5):
        with patched("DENSE_WEIGHT", weight):
            run(f"fusion: z-scores, dense weight {weight}")
    return 0


if __name__ == "__main__":
    np.seterr(all="ignore")
    sys.exit(main())

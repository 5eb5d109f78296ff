"""Measure what each part of retrieval is worth: the service as it runs, then with one part
changed at a time (a ranking, its weight, the field's vocabulary, the fusion of the rankings).

    .venv/bin/python scripts/ablation.py --index ~/.cache/qa/full ../shared/eval/dev-questions.jsonl

Prints Recall@5 and MRR@10, overall and per type, for each variant; about 10 s a variant
over the full corpus. The index must have been built by this version (its passages embedded
with abbreviations spelt out); "no abbreviations in the index" is measured by rebuilding the
keyword index from the plain matching texts in memory (the vectors stay as built).

Each variant is a searcher made of the service's parts with one of them changed: nothing is
patched, so a variant is what a test could build too.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from qa.indexing.abbreviations import Abbreviations  # noqa: E402
from qa.indexing.keywords import KeywordIndex  # noqa: E402
from qa.indexing.matching import letter_matching_texts  # noqa: E402
from qa.indexing.sentences import SentenceIndex, Storage  # noqa: E402
from qa.search.evaluate import Report, evaluate_questions, read_questions  # noqa: E402
from qa.search.fusion import Ranking  # noqa: E402
from qa.search.rankers import (  # noqa: E402
    Fuse,
    KeywordRanker,
    Question,
    Ranker,
    SentenceRanker,
)
from qa.search.retrievers import Retriever  # noqa: E402
from qa.search.searcher import Searcher, SearcherParts, load_parts  # noqa: E402
from qa.search.vocabulary import Vocabulary, read_glossary  # noqa: E402


@dataclass(frozen=True)
class Variant:
    """One way of searching measured: its name, the searcher's parts, the retriever asked for."""

    name: str
    parts: SearcherParts
    retriever: Retriever = Retriever.HYBRID


def reciprocal_rank(k: float | None = 60.0) -> Fuse:
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


class GlossedDense:
    """The dense ranking of the question embedded with the glossary's terms added too, not
    only what its abbreviations stand for."""

    name = Retriever.DENSE

    def __init__(self, dense: Ranker) -> None:
        self._dense = dense

    def rank(self, question: Question, allowed: np.ndarray | None, depth: int) -> Ranking:
        """Return the dense ranking of the question with every term added spelt out."""
        glossed = [replace(r, everyday=False) for r in question.expansion.rewordings]
        expansion = replace(question.expansion, rewordings=tuple(glossed))
        return self._dense.rank(Question(expansion, question.embedder), allowed, depth)


def with_ranker(parts: SearcherParts, name: Retriever, ranker: Ranker) -> SearcherParts:
    """Return the parts with the ranking so named ranked by ranker instead."""
    return replace(parts, fusion=parts.fusion.replaced(name, lambda p: replace(p, ranker=ranker)))


def ranking_variants(parts: SearcherParts) -> Iterator[Variant]:
    """Yield the rankings alone, and the best-sentence ranking weighted, held and left out."""
    fusion = parts.fusion
    yield Variant("the service as it runs", parts)
    yield Variant("  keyword ranking alone", parts, Retriever.KEYWORD)
    yield Variant("  dense ranking alone", parts, Retriever.DENSE)
    yield Variant("  best-sentence ranking alone", parts, Retriever.SENTENCE)
    yield Variant(
        "without the best-sentence ranking (before)",
        replace(parts, fusion=fusion.without(Retriever.SENTENCE)),
    )
    for weight in (0.5, 1.0, 1.5):
        reweighted = fusion.reweighted(Retriever.SENTENCE, weight)
        yield Variant(
            f"best-sentence ranking at weight {weight}", replace(parts, fusion=reweighted)
        )
    yield Variant(
        "best-sentence ranking instead of the paragraph one (not kept)",
        replace(parts, fusion=fusion.reweighted(Retriever.DENSE, 0.0)),
    )
    for storage in Storage:
        held = SentenceIndex.load(parts.generation.path, len(parts.generation.keys), storage)
        assert held is not None, "this index keeps no sentence vectors"
        swapped = with_ranker(parts, Retriever.SENTENCE, SentenceRanker(held))
        yield Variant(f"sentence vectors held as {storage.value}", swapped)


def vocabulary_variants(parts: SearcherParts) -> Iterator[Variant]:
    """Yield the searches without the glossary, the abbreviations, or both."""
    abbreviations = parts.vocabulary.abbreviations
    yield Variant("without the glossary", replace(parts, vocabulary=Vocabulary(abbreviations)))
    without_abbreviations = Vocabulary(Abbreviations(), read_glossary())
    yield Variant(
        "without abbreviations in questions", replace(parts, vocabulary=without_abbreviations)
    )
    neither = replace(parts, vocabulary=Vocabulary(Abbreviations()))
    yield Variant("without the glossary or abbreviations in questions", neither)
    plain = KeywordIndex.build(
        [
            t
            for letter in parts.generation.letters
            for t in letter_matching_texts(letter, Abbreviations())
        ]
    )
    plain_keywords = replace(
        with_ranker(neither, Retriever.KEYWORD, KeywordRanker(plain)), keywords=plain
    )
    yield Variant("  and without abbreviations in the keyword index", plain_keywords)


def fusion_variants(parts: SearcherParts) -> Iterator[Variant]:
    """Yield the searches with the question embedded with its glossary terms, and with the
    rankings fused otherwise."""
    dense = next(p.ranker for p in parts.fusion.rankers if p.ranker.name is Retriever.DENSE)
    yield Variant(
        "glossary terms added to the embedded question too (not kept)",
        with_ranker(parts, Retriever.DENSE, GlossedDense(dense)),
    )
    fusions: list[tuple[str, Fuse]] = [
        ("fusion: reciprocal rank, k = 60 (before)", reciprocal_rank()),
        ("fusion: reciprocal rank, k = a tenth of the pool", reciprocal_rank(None)),
        ("fusion: reciprocal rank with a sure first place kept", sure_first_kept),
        ("fusion: min-max scaled scores", min_max),
    ]
    for name, fuse in fusions:
        yield Variant(name, replace(parts, fusion=replace(parts.fusion, fuse=fuse)))
    for weight in (0.7, 1.5):
        reweighted = parts.fusion.reweighted(Retriever.DENSE, weight)
        yield Variant(f"fusion: z-scores, dense weight {weight}", replace(parts, fusion=reweighted))


def show(name: str, report: Report) -> None:
    """Print one variant's figures on one line."""
    parts = " ".join(f"{n} {r.recall_at_5:.3f}/{r.mrr_at_10:.3f}" for n, r in report.rows())
    print(f"{name:62s} {parts}", flush=True)


def main(argv: list[str] | None = None) -> int:
    """Measure every variant over the questions."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("questions", type=Path)
    parser.add_argument("--index", type=Path, default=Path("index"))
    args = parser.parse_args(argv)
    questions = read_questions(args.questions)
    parts = load_parts(args.index)
    print(f"{'variant':62s} Recall@5/MRR@10 overall, then per type")
    for variants in (ranking_variants, vocabulary_variants, fusion_variants):
        for variant in variants(parts):
            searcher = Searcher(variant.parts)
            show(variant.name, evaluate_questions(searcher, questions, variant.retriever))
    return 0


if __name__ == "__main__":
    np.seterr(all="ignore")
    sys.exit(main())

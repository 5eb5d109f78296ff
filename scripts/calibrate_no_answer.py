"""Set the "nothing here answers this" threshold: the best cosine any top-five passage has with
the question (and, for comparison, the best of their sentences'), for the development
questions (each has an answer) and for off-topic ones (none has), and how many of each a
threshold calls unanswered.

    .venv/bin/python scripts/calibrate_no_answer.py --index ~/.cache/qa/full \
        ../shared/eval/dev-questions.jsonl eval/off-topic-questions.txt
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np  # noqa: E402

from qa.search import searcher as search_module  # noqa: E402
from qa.search.answerable import THRESHOLDS, TOP, best_match  # noqa: E402
from qa.search.evaluate import read_questions  # noqa: E402
from qa.search.fusion import Ranking  # noqa: E402
from qa.search.request import SearchRequest  # noqa: E402
from qa.search.retrievers import Retriever  # noqa: E402
from qa.search.searcher import Searcher  # noqa: E402


def signals(searcher: Searcher, questions: list[str]) -> list[tuple[str, float, float]]:
    """Return (question, best top-5 passage cosine, best top-5 sentence cosine) for each
    question that was searched (not one about a judgement)."""
    seen: list[tuple[float, float]] = []

    def record(rankings: Sequence[Ranking], rows: Sequence[int], _model: str) -> bool:
        sentence = next((r for r in rankings if r.name is Retriever.SENTENCE), None)
        top = np.asarray(rows[:TOP], dtype=np.int64)
        best = float(sentence.score_of(top).max()) if sentence and len(top) else float("nan")
        seen.append((best_match(rankings, rows) or float("nan"), best))
        return True

    original = search_module.answers
    search_module.answers = record
    try:
        found = []
        for question in questions:
            before = len(seen)
            searcher.search(SearchRequest(question, k=10))
            if len(seen) > before:
                found.append((question, *seen[-1]))
        return found
    finally:
        search_module.answers = original


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("questions", type=Path)
    parser.add_argument("off_topic", type=Path)
    parser.add_argument("--index", type=Path, default=Path("index"))
    args = parser.parse_args(argv)
    searcher = Searcher.open(args.index)
    dev = signals(searcher, [q.question for q in read_questions(args.questions)])
    lines = args.off_topic.read_text(encoding="utf-8").splitlines()
    off = signals(searcher, [x for x in lines if x.strip() and not x.startswith("#")])
    for name, rows in (("development", dev), ("off-topic", off)):
        print(f"{name}: {len(rows)} questions (passage cosine, sentence cosine)")
        for question, passage, sentence in sorted(rows, key=lambda r: r[1]):
            print(f"  {passage:.3f} {sentence:.3f}  {question}")
    current = THRESHOLDS.get(searcher.generation.manifest.model)
    print("threshold  by passage: dev false alarms, off-topic caught  by sentence: the same")
    for step in range(30, 60):
        threshold = step / 100
        counts = [sum(r[i] < threshold for r in rows) for i in (1, 2) for rows in (dev, off)]
        mark = "  <- in use" if current is not None and abs(threshold - current) < 1e-9 else ""
        print(
            f"{threshold:9.2f}  {counts[0]:2d} / {len(dev)}  {counts[1]:2d} / {len(off)}"
            f"        {counts[2]:2d} / {len(dev)}  {counts[3]:2d} / {len(off)}{mark}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())

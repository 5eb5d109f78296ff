"""Score retrieval on a question set: Recall@5 and MRR@10, overall and per question type.

A result hits when its citation's source equals the question's source and its passage
contains the evidence, both normalised (NFKC, lower case, non-alphanumerics folded to one
space), as ../shared/eval/README.md defines.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from qa.core.errors import QAError
from qa.core.text import normalise
from qa.search.request import SearchRequest
from qa.search.retrievers import Retriever
from qa.search.searcher import Searcher

DEPTH = 10


@dataclass(frozen=True)
class Question:
    """One question with the letter and evidence that answer it."""

    id: str
    question: str
    source: str
    evidence: str
    type: str


@dataclass
class Row:
    """Figures for a group of questions."""

    count: int = 0
    hits_at_5: int = 0
    reciprocal_ranks: float = 0.0

    @property
    def recall_at_5(self) -> float:
        return self.hits_at_5 / self.count if self.count else 0.0

    @property
    def mrr_at_10(self) -> float:
        return self.reciprocal_ranks / self.count if self.count else 0.0


@dataclass(frozen=True)
class Miss:
    """A question whose first hit was below the top 5 (rank None: not in the top 10)."""

    id: str
    type: str
    question: str
    rank: int | None


@dataclass
class Report:
    """The evaluation's figures and the questions that missed."""

    overall: Row = field(default_factory=Row)
    by_type: dict[str, Row] = field(default_factory=dict)
    misses: list[Miss] = field(default_factory=list)

    def rows(self) -> list[tuple[str, Row]]:
        """Return (name, row) pairs: overall first, then each type by name."""
        return [("overall", self.overall), *sorted(self.by_type.items())]

    def as_json(self) -> dict:
        """Return the figures as plain data."""
        return {
            name: {
                "n": row.count,
                "recall_at_5": round(row.recall_at_5, 4),
                "mrr_at_10": round(row.mrr_at_10, 4),
            }
            for name, row in self.rows()
        }


def read_questions(path: Path) -> list[Question]:
    """Read a JSONL question set.

    Raises:
        QAError: a line is not JSON or lacks a field.
    """
    questions = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
            questions.append(
                Question(**{k: data[k] for k in ("id", "question", "source", "evidence", "type")})
            )
        except (json.JSONDecodeError, KeyError, TypeError) as err:
            raise QAError(f"{path}:{number}: not a question record ({err})") from err
    return questions


def first_hit(hits: list[tuple[str, str]], question: Question) -> int | None:
    """Return the 1-based rank of the first (source, text) pair that answers question."""
    evidence = normalise(question.evidence)
    for rank, (source, text) in enumerate(hits, start=1):
        if source == question.source and evidence in normalise(text):
            return rank
    return None


def evaluate_questions(
    searcher: Searcher, questions: list[Question], retriever: Retriever = Retriever.HYBRID
) -> Report:
    """Ask every question and score the ranked passages (retriever: hybrid, dense or keyword)."""
    report = Report()
    for question in questions:
        hits = searcher.search(SearchRequest(question.question, k=DEPTH, retriever=retriever)).hits
        rank = first_hit([(h.citation.source, h.text) for h in hits], question)
        for row in (report.overall, report.by_type.setdefault(question.type, Row())):
            row.count += 1
            row.hits_at_5 += rank is not None and rank <= 5
            row.reciprocal_ranks += 1.0 / rank if rank else 0.0
        if rank is None or rank > 5:
            report.misses.append(Miss(question.id, question.type, question.question, rank))
    return report

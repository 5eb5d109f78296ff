"""Pick whole, verbatim sentences that answer the question, from the ranked passages."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from qa.keywords import tokenize
from qa.models import Hit
from qa.passages import split_sentences

ANSWER_SENTENCES = 3
HIGHLIGHTS = 2
ANSWER_FROM = 5


@dataclass(frozen=True)
class AnswerSentence:
    """A sentence quoted from a result, and that result's rank."""

    text: str
    result: int


def sentence_score(sentence: str, terms: set[str]) -> float:
    """Return how much of the question a sentence covers: shared words, length-damped."""
    words = tokenize(sentence)
    if not words or not terms:
        return 0.0
    shared = len(terms.intersection(words))
    return shared / (1.0 + 0.02 * len(words))


def pick_highlights(text: str, terms: set[str], spans: Sequence[tuple[int, int]] = ()) -> list[str]:
    """Return the passage's sentences that match the question best, in reading order.

    spans, where known, say where text's sentences are (Passage.sentences), saving a split.
    """
    found = [text[start:end] for start, end in spans] if spans else split_sentences(text)
    sentences = [s.removeprefix("• ") for s in found]
    scored = [(sentence_score(s, terms), i) for i, s in enumerate(sentences)]
    best = sorted((pair for pair in scored if pair[0] > 0), reverse=True)[:HIGHLIGHTS]
    return [sentences[i] for _, i in sorted(best, key=lambda pair: pair[1])]


def pick_answer(hits: Sequence[Hit], terms: set[str]) -> list[AnswerSentence]:
    """Return up to three sentences from the top results that best answer the question."""
    candidates = []
    for hit in hits[:ANSWER_FROM]:
        for sentence in hit.highlights or pick_highlights(hit.text, terms):
            score = sentence_score(sentence, terms) / (1.0 + 0.1 * (hit.rank - 1))
            candidates.append((score, hit.rank, sentence))
    candidates.sort(key=lambda c: (-c[0], c[1]))
    chosen: list[AnswerSentence] = []
    for _, rank, sentence in candidates:
        if all(sentence != a.text for a in chosen):
            chosen.append(AnswerSentence(sentence, rank))
        if len(chosen) == ANSWER_SENTENCES:
            break
    return chosen

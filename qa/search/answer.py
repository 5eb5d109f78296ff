"""Pick whole, verbatim sentences that answer the question, from the ranked passages."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from qa.core.analyser import tokenize
from qa.core.fields import described
from qa.core.models import Hit

ANSWER_SENTENCES = 3
HIGHLIGHTS = 2
ANSWER_FROM = 5
# A sentence answers the question only when it holds this share of the question's weight: one
# sharing no more than "children" or "inspectors" with it is not marked.
SHARE_NEEDED = 0.4


@dataclass(frozen=True)
class AnswerSentence:
    """A sentence quoted from a result, and that result's rank."""

    text: str = described()
    result: int = described("The rank of the result it is quoted from.", minimum=1)
    section: str = described(
        "The section it is quoted from: an improvement point is never a finding."
    )


def sentence_score(sentence: str, terms: Mapping[str, float]) -> float:
    """Return how much of the question a sentence covers: the weights of the question's words
    it holds (rare words weigh more), damped for long sentences; 0 when it holds less than
    SHARE_NEEDED of the question's weight."""
    words = tokenize(sentence)
    if not words or not terms:
        return 0.0
    shared = sum(terms[w] for w in set(words) if w in terms)
    if shared < SHARE_NEEDED * sum(terms.values()):
        return 0.0
    return shared / (1.0 + 0.02 * len(words))


def pick_highlights(sentences: Sequence[str], terms: Mapping[str, float]) -> list[str]:
    """Return the passage's sentences that match the question best, in reading order; none
    when no sentence shares enough of what the question asks."""
    scored = [(sentence_score(s, terms), i) for i, s in enumerate(sentences)]
    best = sorted((pair for pair in scored if pair[0] > 0), reverse=True)[:HIGHLIGHTS]
    return [sentences[i] for _, i in sorted(best, key=lambda pair: pair[1])]


def pick_answer(hits: Sequence[Hit], terms: Mapping[str, float]) -> list[AnswerSentence]:
    """Return up to three sentences from the top results that best answer the question."""
    candidates = []
    for hit in hits[:ANSWER_FROM]:
        for sentence in hit.highlights or pick_highlights(hit.sentences, terms):
            score = sentence_score(sentence, terms) / (1.0 + 0.1 * (hit.rank - 1))
            candidates.append((score, hit.rank, sentence, hit.citation.section))
    candidates.sort(key=lambda c: (-c[0], c[1]))
    chosen: list[AnswerSentence] = []
    for _, rank, sentence, section in candidates:
        if all(sentence != a.text for a in chosen):
            chosen.append(AnswerSentence(sentence, rank, section))
        if len(chosen) == ANSWER_SENTENCES:
            break
    return chosen

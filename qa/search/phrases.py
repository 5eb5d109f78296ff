"""Phrases a question puts in double quotes: each must appear, word for word after the keyword
index's folding (lower case, stemmed), in every passage found."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

import numpy as np

from qa.core.analyser import APOSTROPHE_ENDING, split_words, tokenize, word_stems
from qa.core.models import Passage
from qa.indexing.keywords import KeywordIndex
from qa.search.understand import Notice

_QUOTED = re.compile(r"[\"“”„]([^\"“”„]+)[\"“”„]")
_BETWEEN = r"[^a-z0-9]+"


def quoted_phrases(query: str) -> list[str]:
    """Return the phrases query puts in double quotes (straight or curly) that hold a word."""
    return [p.strip() for p in _QUOTED.findall(query) if word_stems(p)]


def span_pattern(phrase: str) -> re.Pattern[str]:
    """Return a pattern for spans that may hold the phrase: each word's shared start with its
    stem, then any ending (the exact stems are checked on each span found)."""
    parts = []
    for word in split_words(phrase):
        stem = word_stems(word)[0]
        start = 0
        while start < min(len(word), len(stem)) and word[start] == stem[start]:
            start += 1
        parts.append(re.escape(word[: max(start, 1)]) + r"[a-z0-9]*" + APOSTROPHE_ENDING)
    return re.compile(r"(?<![a-z0-9])" + _BETWEEN.join(parts) + r"(?![a-z0-9])", re.I)


def holds_phrase(text: str, phrase: str) -> bool:
    """Return True when text holds phrase, word for word after the keyword index's folding."""
    pattern, wanted = _phrase_parts(phrase)
    return any(word_stems(m.group(0)) == wanted for m in pattern.finditer(text))


@lru_cache(maxsize=256)
def _phrase_parts(phrase: str) -> tuple[re.Pattern[str], list[str]]:
    # Built once per phrase, not once per passage read.
    return span_pattern(phrase), word_stems(phrase)


def passages_holding(
    phrases: Sequence[str], passages: Sequence[Passage], keywords: KeywordIndex
) -> np.ndarray:
    """Return, per passage, whether its text holds every phrase."""
    holding = np.ones(len(passages), dtype=bool)
    for phrase in phrases:
        # Only passages holding each of the phrase's indexed words can hold it.
        for token in tokenize(phrase):
            holding &= keywords.token_scores([token]) > 0
        for row in np.flatnonzero(holding).tolist():
            holding[row] = holds_phrase(passages[row].text, phrase)
    return holding


def phrase_not_found(phrases: Sequence[str]) -> Notice:
    """Return the notice that no passage searched holds the phrases."""
    quoted = " or ".join(f"“{p}”" for p in phrases)
    return Notice(
        "phrase_not_found",
        f"No passage of the letters searched holds {quoted} as written, so nothing was found. "
        "Check the phrase, or ask without the quotes.",
    )

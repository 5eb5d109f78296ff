"""The keyword analyser: the stemmed words of a text that carry meaning (Snowball English,
without English stop words or the words people put around a question), shared by the keyword
index, answers, improvement points and topics over time."""

from __future__ import annotations

import re
from functools import lru_cache

import Stemmer

from qa.core.languages import ENGLISH
from qa.core.text import straight_apostrophes

# What an apostrophe joins to a word ("council's"; "council’s" in text as printed): the stem
# is of what comes before the apostrophe.
APOSTROPHE_ENDING = r"(?:['’][a-z]+)?"
# A word with its apostrophe ending, in text folded first (lower case, straight apostrophes).
_WORD = re.compile(r"[a-z0-9]+" + APOSTROPHE_ENDING)
# bm25s's list keeps the words people put around a question; they match nothing useful.
_QUESTION_WORDS = """what which who whom whose where when why how did does do doing done is are was
were be been being has have had there their they them about any anything some say said tell told
get gets got can could would should will shall may might much many more most very really also
still now ever such its it's this that these those into onto from with within without our
your""".split()
_STOP = ENGLISH | frozenset(_QUESTION_WORDS)


@lru_cache(maxsize=1)
def _stemmer() -> Stemmer.Stemmer:
    return Stemmer.Stemmer("english")


# Each word's stem, or "" for a word that carries no meaning: a corpus has a few tens of
# thousands of words, and looking one up is far cheaper than stemming it again.
_STEMS: dict[str, str] = {}
_STEMS_KEPT = 500_000


def tokenize(text: str) -> list[str]:
    """Return the stemmed words of text that carry meaning, in order."""
    stems = []
    for word in split_words(text):
        stem = _STEMS.get(word)
        if stem is None:
            stem = _stem(word)
            if len(_STEMS) < _STEMS_KEPT:
                _STEMS[word] = stem
        if stem:
            stems.append(stem)
    return stems


def word_stems(text: str) -> list[str]:
    """Return the stem of every word of text in order, stop words included: the keyword
    index's folding, for matching a phrase word for word."""
    return [_stemmer().stemWord(w.split("'")[0]) for w in split_words(text)]


def split_words(text: str) -> list[str]:
    """Return text's words as the analyser reads them, in order: lower case, each with what a
    (straightened) apostrophe joins to it ("council's")."""
    return _WORD.findall(straight_apostrophes(text.lower()))


def _stem(word: str) -> str:
    word = word.split("'")[0]
    return _stemmer().stemWord(word) if word not in _STOP and len(word) > 1 else ""

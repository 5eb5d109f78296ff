"""Keyword ranking of passages with BM25 (bm25s), stemmed, without English stop words."""

from __future__ import annotations

import logging
import re
from functools import lru_cache
from pathlib import Path

import bm25s
import numpy as np
import Stemmer
from bm25s.stopwords import STOPWORDS_EN

# bm25s sets its logger to DEBUG when imported; put it back so it logs like any library.
logging.getLogger("bm25s").setLevel(logging.NOTSET)

_WORD = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?")
# bm25s's list keeps the words people put around a question; they match nothing useful.
_QUESTION_WORDS = """what which who whom whose where when why how did does do doing done is are was
were be been being has have had there their they them about any anything some say said tell told
get gets got can could would should will shall may might much many more most very really also
still now ever such its it's this that these those into onto from with within without our
your""".split()
_STOP = frozenset(STOPWORDS_EN) | frozenset(_QUESTION_WORDS)


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
    for word in _WORD.findall(text.lower()):
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
    return [
        _stemmer().stemWord(w.replace("’", "'").split("'")[0]) for w in _WORD.findall(text.lower())
    ]


def _stem(word: str) -> str:
    word = word.replace("’", "'").split("'")[0]
    return _stemmer().stemWord(word) if word not in _STOP and len(word) > 1 else ""


class KeywordIndex:
    """BM25 over passages, in the same order as the vector index."""

    def __init__(self, retriever: bm25s.BM25, size: int) -> None:
        self._retriever = retriever
        self._vocab = retriever.vocab_dict
        self.size = size

    @classmethod
    def build(cls, texts: list[str]) -> KeywordIndex:
        """Index texts (one per passage)."""
        retriever = bm25s.BM25()
        retriever.index([tokenize(t) or ["∅"] for t in texts], show_progress=False)
        return cls(retriever, len(texts))

    def save(self, folder: Path) -> None:
        """Write the index into folder."""
        self._retriever.save(str(folder), show_progress=False)

    @classmethod
    def load(cls, folder: Path, size: int) -> KeywordIndex:
        """Read an index written by save, memory-mapped."""
        return cls(bm25s.BM25.load(str(folder), mmap=True, show_progress=False), size)

    def knows(self, token: str) -> bool:
        """Return True when the stemmed word occurs in some passage."""
        return token in self._vocab

    def weights(self, query: str) -> dict[str, float]:
        """Return each of the query's words with its inverse document frequency: rare words
        say more about what the question wants."""
        pointers = self._retriever.scores["indptr"]
        total = self.size
        found = {}
        for token in tokenize(query):
            slot = self._vocab.get(token)
            df = (
                0
                if slot is None or slot + 1 >= len(pointers)
                else pointers[slot + 1] - pointers[slot]
            )
            found[token] = float(np.log(1.0 + (total - df + 0.5) / (df + 0.5)))
        return found

    def scores(self, query: str, added: str = "", added_weight: float = 1.0) -> np.ndarray:
        """Return every passage's BM25 score for query (zeros where no word matches), plus
        added_weight times its score for the words of added that query lacks."""
        own = [t for t in tokenize(query) if t in self._vocab]
        extra = sorted({t for t in tokenize(added) if t in self._vocab} - set(own))
        return self.token_scores(own) + added_weight * self.token_scores(extra)

    def token_scores(self, tokens: list[str]) -> np.ndarray:
        """Return every passage's BM25 score for stemmed words (zeros for none)."""
        known = [t for t in tokens if t in self._vocab]
        if not known:
            return np.zeros(self.size, dtype=np.float32)
        return np.asarray(self._retriever.get_scores(known), dtype=np.float32)

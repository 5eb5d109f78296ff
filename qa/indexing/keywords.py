"""Keyword ranking of passages with BM25 (bm25s), stemmed, without English stop words."""

from __future__ import annotations

from pathlib import Path

import bm25s
import numpy as np

from qa.core.analyser import tokenize


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

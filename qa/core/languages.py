"""The little words of each language ("the", "los", "der"), from bm25s's stop-word lists: what
the keyword analyser leaves out of English, and what tells a question in another language."""

from __future__ import annotations

import logging
from functools import lru_cache

from bm25s import stopwords

# bm25s sets its logger to DEBUG when imported; put it back so it logs like any library.
logging.getLogger("bm25s").setLevel(logging.NOTSET)

ENGLISH = frozenset(stopwords.STOPWORDS_EN)


@lru_cache(maxsize=1)
def little_words() -> dict[str, frozenset[str]]:
    """Return each language's little words by language name; every language's but English's
    without the English ones."""
    others = {
        name.removeprefix("STOPWORDS_").lower(): frozenset(getattr(stopwords, name)) - ENGLISH
        for name in dir(stopwords)
        if name.startswith("STOPWORDS_") and name not in ("STOPWORDS_EN", "STOPWORDS_EN_PLUS")
    }
    return {"english": ENGLISH, **others}

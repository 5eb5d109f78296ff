"""Words a question misspells, put right from the letters' own words, and questions written in
another language, told apart from English by the words they use."""

from __future__ import annotations

import re
import threading
import unicodedata
from collections import Counter
from collections.abc import Callable
from functools import lru_cache
from importlib import resources

from qa.core.fuzzy import closest
from qa.core.languages import little_words

# A word this many letters use is one a misspelling may be put right to.
FREQUENT = 5
# Words of this many letters or fewer are not put right: too many words are one edit away.
SHORTEST = 4
# Any word of any script: letters and digits, no underscore.
_ANY_WORD = re.compile(r"[^\W_]+")


@lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    """Return the English words of symspellpy's dictionary (82,765 words, from Google Books)."""
    source = resources.files("symspellpy") / "frequency_dictionary_en_82_765.txt"
    return frozenset(line.split(" ", 1)[0] for line in source.read_text().splitlines())


def words_of(text: str) -> list[str]:
    """Return text's words in any script, as written."""
    return _ANY_WORD.findall(text)


def _latin(word: str) -> bool:
    return all("LATIN" in unicodedata.name(c, "") or c.isdigit() for c in word)


_STOP_WORDS = little_words()


def is_english(query: str) -> bool:
    """Return False for a question in another language: most of its letters in another script
    (Arabic, Chinese, …), or more of its words another language's little words ("los",
    "sobre", "der") or accented (“niños”) than English's ("the", "about")."""
    words = words_of(query)
    letters = [c for w in words for c in w if c.isalpha()]
    if not letters:
        return True
    if sum(1 for c in letters if not _latin(c)) * 2 > len(letters):
        return False
    lowered = [w.lower() for w in words]
    english = sum(w in _STOP_WORDS["english"] for w in lowered)
    accented = sum(not w.isascii() for w in lowered)
    other = max(
        sum(w in little for w in lowered)
        for name, little in _STOP_WORDS.items()
        if name != "english"
    )
    return other + accented <= english


def other_language_word(word: str) -> bool:
    """Return True for one of another language's little words ("la", "los", "der")."""
    lowered = word.lower()
    return any(lowered in little for name, little in _STOP_WORDS.items() if name != "english")


class Speller:
    """The letters' words with how many letters use each; puts a misspelt word right to the
    one many use that is one or two edits away."""

    def __init__(self, counts: Counter[str]) -> None:
        self._counts = counts
        # Held as a plain list and compared by rapidfuzz in C: a SymSpell dictionary of their
        # deletions answered as fast and held 25 MB more in a serving process.
        self._often = [w for w, n in counts.items() if n >= FREQUENT and len(w) >= SHORTEST]

    def uses(self, word: str) -> bool:
        """Return True when some letter uses the word (any case)."""
        return word.lower() in self._counts

    def correct(self, word: str) -> str | None:
        """Return the word the letters use often that word misspells, or None: for a word they
        use, an English word they just do not use, or one with no such word close enough."""
        lowered = word.lower()
        if (
            len(lowered) <= SHORTEST
            or not lowered.isascii()
            or not lowered.isalpha()
            or lowered in self._counts
            or lowered in english_words()
        ):
            return None
        limit = 1 if len(lowered) <= 5 else 2
        found = closest(lowered, self._often, limit)
        if not found:
            return None
        return min(found, key=lambda f: (f[1], -self._counts[f[0]], f[0]))[0]


class LazySpeller:
    """A Speller made from the letters' words the first time one is asked for."""

    def __init__(self, counts: Callable[[], Counter[str]]) -> None:
        self._counts = counts
        self._speller: Speller | None = None
        self._lock = threading.Lock()

    def get(self) -> Speller:
        with self._lock:
            if self._speller is None:
                self._speller = Speller(self._counts())
            return self._speller

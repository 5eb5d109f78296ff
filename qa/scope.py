"""Find the local authorities a question names ("in Hull", "Stockton's", "Tower Hamlets")."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

# Words that name no place on their own, or that name too many.
GENERIC = set(
    """north south east west central city county borough council of the and with upon on in
    royal isle isles great greater new saint st le under forest""".split()
)
# Place names that are also everyday words count only when capitalised in the question.
EVERYDAY = {"reading", "bury", "hull", "poole", "wight", "rutland", "bath", "harrow", "slough"}


def fold(text: str) -> str:
    """Return text in lower case with punctuation as spaces, "&" as "and"."""
    text = text.lower().replace("&", " and ").replace("’", "'")
    return re.sub(r"[^a-z0-9']+", " ", text).strip()


def phrase_pattern(phrases: Iterable[str]) -> re.Pattern[str] | None:
    """Return a pattern finding any of the folded phrases as whole words in folded text,
    longest first, with an optional "'s"; None when there are none."""
    ordered = sorted(set(phrases), key=len, reverse=True)
    if not ordered:
        return None
    return re.compile(r"\b(" + "|".join(re.escape(p) for p in ordered) + r")(?:'s)?\b")


def names_a_place(phrase: str, text: str) -> bool:
    """Return False when phrase is a place name that is also an everyday word ("reading")
    and text does not capitalise it."""
    return phrase not in EVERYDAY or bool(re.search(rf"\b{phrase.capitalize()}\b", text))


class AuthorityMatcher:
    """Match authority names, and unambiguous single words of them, in free text."""

    def __init__(self, authorities: list[str]) -> None:
        self._names: dict[str, str] = {fold(name): name for name in authorities}
        # Each telling word of each authority's name, with the authority.
        self.name_words = [
            (word, name)
            for name in authorities
            for word in fold(name).split()
            if word not in GENERIC and len(word) >= 4
        ]
        owners: dict[str, set[str]] = defaultdict(set)
        for word, name in self.name_words:
            owners[word].add(name)
        self._words = {
            word: next(iter(names))
            for word, names in owners.items()
            if len(names) == 1 and word not in self._names
        }
        self._same_place = {name: _longer_forms(name, authorities) for name in authorities}
        self._pattern = phrase_pattern([*self._names, *self._words])

    def find(self, text: str) -> list[str]:
        """Return the authorities named in text, in the order they appear."""
        if self._pattern is None:
            return []
        folded = fold(text)
        found: list[str] = []
        for match in self._pattern.finditer(folded):
            phrase = match.group(1)
            if not names_a_place(phrase, text):
                continue
            name = self._names.get(phrase) or self._words[phrase]
            for same in (name, *self._same_place[name]):
                if same not in found:
                    found.append(same)
        return found


_DIRECTIONS = {"north", "south", "east", "west", "central", "mid"}


def _longer_forms(name: str, authorities: list[str]) -> list[str]:
    """Return other names of the same place: "Newcastle upon Tyne" for "Newcastle", "Kingston
    upon Hull" for "Hull" (letters of different years name a council differently), but not
    "North Somerset" for "Somerset"."""
    short = fold(name).split()
    forms = []
    for other in authorities:
        words = fold(other).split()
        for start in range(len(words) - len(short) + 1):
            if words[start : start + len(short)] == short and other != name:
                if not _DIRECTIONS & set(words[:start]):
                    forms.append(other)
                break
    return forms


_YEAR = re.compile(r"\b(20[0-3]\d)\b")
# "since 2019" or "before 2020" is no statement that the letter is of that year.
_NOT_OF_YEAR = re.compile(r"\b(since|before|after|until|by|from|pre|post)\s+(the\s+)?$", re.I)


def find_years(text: str) -> list[int]:
    """Return the years a question asks about ("in 2017", "the 2015 inspection")."""
    years = []
    for match in _YEAR.finditer(text):
        if _NOT_OF_YEAR.search(text[: match.start()]):
            continue
        year = int(match.group(1))
        if year not in years:
            years.append(year)
    return years

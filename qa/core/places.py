"""England's local authorities, current and former, as data shipped with the service: which
ones a question names, and which indexed authority a misspelt name stands for."""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

from qa.core.fuzzy import within_edits
from qa.core.text import fold


@dataclass(frozen=True)
class Place:
    """A local authority of England: its name and the other names it goes by."""

    name: str
    names: tuple[str, ...]
    current: bool
    # The authorities that took over a former one's children's services.
    successors: tuple[str, ...] = ()


@lru_cache(maxsize=1)
def english_authorities() -> tuple[Place, ...]:
    """Return every English local authority with children's services, current and former."""
    text = files("qa").joinpath("data/local_authorities.csv").read_text(encoding="utf-8")
    places = []
    for row in csv.DictReader(text.splitlines()):
        others = _listed(row["other_names"])
        successors = tuple(_listed(row["successors"]))
        places.append(
            Place(row["name"], (row["name"], *others), row["status"] == "current", successors)
        )
    return tuple(places)


def _listed(cell: str | None) -> list[str]:
    return [name.strip() for name in (cell or "").split(";") if name.strip()]


def known_place(name: str) -> Place | None:
    """Return the authority any of whose names is name (any case and punctuation), or None."""
    return _by_name().get(fold(name))


def predecessors(name: str) -> tuple[str, ...]:
    """Return the former authorities whose children's services the named one took over."""
    return tuple(p.name for p in english_authorities() if name in p.successors)


@lru_cache(maxsize=1)
def _by_name() -> dict[str, Place]:
    return {fold(name): place for place in english_authorities() for name in place.names}


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str] | None:
    return phrase_pattern(_by_name())


def named_places(text: str) -> list[Place]:
    """Return the English local authorities text names, in order, each once."""
    pattern, by_name = _pattern(), _by_name()
    if pattern is None:
        return []
    found: list[Place] = []
    for match in pattern.finditer(fold(text)):
        name = match.group(1)
        if names_a_place(name, text) and by_name[name] not in found:
            found.append(by_name[name])
    return found


@lru_cache(maxsize=1)
def place_words() -> frozenset[str]:
    """Return every word of every English authority's names (folded)."""
    return frozenset(
        word for p in english_authorities() for n in p.names for word in fold(n).split()
    )


def typo_limit(word: str) -> int:
    """Return how many edits a misspelt place name of this length may hold."""
    return 1 if len(word) <= 7 else 2


def may_misspell_a_place(word: str) -> bool:
    """Return True when a folded word could be a place's name misspelt: long enough to tell
    (5 letters), and neither a generic word of names ("north") nor a word of any English
    authority's names spelt right."""
    return len(word) >= 5 and word not in GENERIC and word not in place_words()


# Words that, put before a name, make it another place's ("North Somerset" is not Somerset),
# as GENERIC's others do not ("Kingston upon Hull" is Hull).
_DIRECTIONS = {"north", "south", "east", "west", "central", "mid"}
# Words that name no place on their own, or that name too many: the directions and these
# ("mid" is shorter than any word a name is matched or put right by).
GENERIC = _DIRECTIONS | set(
    """city county borough council of the and with upon on in royal isle isles great greater
    new saint st le under forest""".split()
)


# Place names that are also everyday words count only when capitalised in the question.
EVERYDAY = {"reading", "bury", "hull", "poole", "wight", "rutland", "bath", "harrow", "slough"}


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
        self._name_words = [
            (word, name)
            for name in authorities
            for word in fold(name).split()
            if word not in GENERIC and len(word) >= 4
        ]
        owners: dict[str, set[str]] = defaultdict(set)
        for word, name in self._name_words:
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

    def indexed(self, place: Place) -> bool:
        """Return True when the authorities matched include the place, by any of its names."""
        return any(self.find(name) for name in place.names)

    def misspelt(self, word: str) -> tuple[str, ...]:
        """Return the one authority a folded word misspells ("stockon"), with its other forms
        ("Newcastle", "Newcastle upon Tyne"); () when the word misspells none, or could be any
        of several."""
        if not may_misspell_a_place(word):
            return ()
        limit = typo_limit(word)
        close = [
            self.find(name) for key, name in self._name_words if within_edits(word, key, limit)
        ]
        # Two spellings of one place ("Newcastle", "Newcastle upon Tyne") are one authority.
        if not close or any(not set(names) & set(close[0]) for names in close[1:]):
            return ()
        return tuple(dict.fromkeys(name for names in close for name in names))


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

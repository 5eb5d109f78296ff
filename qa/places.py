"""England's local authorities, current and former, as data shipped with the service: which
ones a question names, and which indexed authority a misspelt name stands for."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

from qa.scope import fold, names_a_place, phrase_pattern


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


def edit_distance(a: str, b: str, limit: int) -> int:
    """Return the Levenshtein distance of a and b, or limit + 1 once it is past limit."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, char in enumerate(a, start=1):
        current = [i]
        for j, other in enumerate(b, start=1):
            current.append(
                min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char != other))
            )
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]


def typo_limit(word: str) -> int:
    """Return how many edits a misspelt place name of this length may hold."""
    return 1 if len(word) <= 7 else 2

"""Each local authority and its letters over time: names as addresses, the newest letter, and
the grades of each inspection as points on a chart."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from qa.core.errors import UnknownAuthority
from qa.core.grades import GRADE_RANK, JUDGEMENT_AREAS
from qa.core.models import Letter, oldest_first
from qa.core.places import english_authorities, known_place, predecessors
from qa.core.text import alphanumeric_runs


def slug(name: str) -> str:
    """Return the name as an address: "Windsor & Maidenhead" → "windsor-maidenhead"."""
    return alphanumeric_runs(name.lower(), "-")


@dataclass(frozen=True)
class Authority:
    """One local authority and its letters, oldest first."""

    name: str
    slug: str
    letters: tuple[Letter, ...]

    @property
    def latest(self) -> Letter:
        return self.letters[-1]

    @property
    def known(self) -> bool:
        """Return True when the shipped gazetteer knows the authority."""
        return known_place(self.name) is not None

    @property
    def named_as(self) -> list[str]:
        """Return the other spellings its letters print ("Hull", "Kingston Upon Hull")."""
        printed = {x.named_as for x in self.letters if x.named_as and x.named_as != self.name}
        return sorted(printed)

    @property
    def predecessors(self) -> tuple[str, ...]:
        """Return the former authorities whose children's services it took over."""
        return predecessors(self.name)

    @property
    def successors(self) -> tuple[str, ...]:
        """Return the authorities that took over its children's services, if it is former."""
        place = known_place(self.name)
        return place.successors if place else ()

    @property
    def graded(self) -> list[Letter]:
        """Return the letters that print judgements, oldest first."""
        return [x for x in self.letters if x.judgements and any(x.judgements.values())]


def authorities(letters: Iterable[Letter]) -> list[Authority]:
    """Return every authority the letters are about, by name, each with its letters."""
    by_name: dict[str, list[Letter]] = {}
    for letter in letters:
        if letter.local_authority:
            by_name.setdefault(letter.local_authority, []).append(letter)
    return [
        Authority(name, slug(name), tuple(oldest_first(found)))
        for name, found in sorted(by_name.items())
    ]


def find_authority(letters: Iterable[Letter], wanted: str) -> Authority:
    """Return the authority whose slug is wanted, or whose slug one of its other names in
    the gazetteer makes ("hull" finds Kingston upon Hull).

    Raises:
        UnknownAuthority: no letter is about such an authority.
    """
    by_name = {authority.name: authority for authority in authorities(letters)}
    for authority in by_name.values():
        if authority.slug == wanted:
            return authority
    for place in english_authorities():
        if place.name in by_name and any(slug(name) == wanted for name in place.names):
            return by_name[place.name]
    raise UnknownAuthority(wanted)


@dataclass(frozen=True)
class GradePoint:
    """One judgement of one inspection: where the chart marks it."""

    letter_id: str
    date: str
    area: str
    grade: str
    level: int


def grade_points(authority: Authority) -> list[GradePoint]:
    """Return every judgement of the authority's dated, graded letters, oldest first, each
    with its row on the chart: its GRADE_RANK, 0 for the best grade to 3 for the worst."""
    points = []
    for letter in authority.graded:
        for area in JUDGEMENT_AREAS:
            grade = (letter.judgements or {}).get(area)
            if letter.date and grade in GRADE_RANK:
                points.append(
                    GradePoint(letter.letter_id, letter.date, area, grade, GRADE_RANK[grade])
                )
    return points

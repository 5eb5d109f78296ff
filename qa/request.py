"""A search request read from its parameters: the question, how many results, which letters
and which ranking; every parameter checked, with a message naming the one that is wrong."""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass, fields
from datetime import date
from enum import StrEnum
from typing import Any, Protocol

from qa.errors import BadQuery
from qa.judgements import GRADES, JUDGEMENT_AREAS
from qa.models import Letter
from qa.places import known_place

MAX_QUERY = 1000
# A question needs a letter (of any script) or a digit at least; one in another language is
# told that the letters are in English, not refused.
QUERY_PATTERN = r"[^\W_]"
MAX_K = 50
# The most passages one search ranks for the search page's deeper pages and /search.csv (the
# JSON /search keeps MAX_K).
MAX_EXPORT = 1000


class Retriever(StrEnum):
    """Which ranking answers: both fused, or one alone (for measuring what each adds)."""

    HYBRID = "hybrid"
    DENSE = "dense"
    KEYWORD = "keyword"
    # A passage ranked by its best sentence alone.
    SENTENCE = "sentence"

    @classmethod
    def from_str(cls, name: str) -> Retriever:
        """Return the retriever called name.

        Raises:
            BadQuery: no retriever has that name.
        """
        try:
            return cls(name.strip().lower())
        except ValueError:
            choices = ", ".join(r.value for r in cls)
            raise BadQuery("retriever", f"No retriever {name!r}; choose {choices}") from None


# Request parameters by name: strings (Flask's MultiDict, with getlist for repeated ones), or a
# list of strings for a repeated one.
Params = Mapping[str, Any]


class Choices(Protocol):
    """What the index holds that a filter may name."""

    authorities: list[str]
    types: list[str]


@dataclass(frozen=True)
class LetterFilter:
    """Which letters a search or a listing may draw on; None (or nothing) means any."""

    local_authority: str | None = None
    type: str | None = None
    # The inspection's date (the visit's last day) from and to, inclusive.
    date_from: str | None = None
    date_to: str | None = None
    # (area, grade) pairs a letter's judgements must all have: ("help_and_protection",
    # "inadequate"). "requires improvement" takes in "requires improvement to be good".
    judgements: tuple[tuple[str, str], ...] = ()
    # The publication date from and to, inclusive.
    published_since: str | None = None
    published_until: str | None = None

    def active(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self))

    def admits(self, letter: Letter) -> bool:
        """Return True when the letter passes every filter."""
        graded = letter.judgements or {}
        return (
            (not self.local_authority or letter.local_authority == self.local_authority)
            and (not self.type or letter.type == self.type)
            and (not self.date_from or (letter.date or "") >= self.date_from)
            and (not self.date_to or (letter.date or "9999") <= self.date_to)
            and (not self.published_since or (letter.published or "") >= self.published_since)
            and (not self.published_until or (letter.published or "9999") <= self.published_until)
            and all(same_grade(graded.get(area), grade) for area, grade in self.judgements)
        )

    @classmethod
    def parse(cls, params: Params, choices: Choices) -> LetterFilter:
        """Read the filters from request parameters: local_authority (any name the gazetteer
        knows it by), type, date_from and date_to (the inspection's date), published_since and
        published_until (the publication date), and judgements as judgement=<area>:<grade>
        (repeatable) or <area>=<grade>.

        Raises:
            BadQuery: naming the parameter that is wrong.
        """
        date_from, date_to = _date_range(params, "date_from", "date_to")
        published_since, published_until = _date_range(params, "published_since", "published_until")
        authority = known_authority(params.get("local_authority"), choices)
        kind = known_choice(params.get("type"), "type", choices.types)
        judgements = [_judgement(value) for value in _values(params, "judgement")]
        for area in JUDGEMENT_AREAS:
            judgements += [(area, _grade(value, area)) for value in _values(params, area)]
        graded = tuple(dict.fromkeys(judgements))
        return cls(authority, kind, date_from, date_to, graded, published_since, published_until)


def _date_range(params: Params, start: str, end: str) -> tuple[str | None, str | None]:
    first = _parse_date(params.get(start), start)
    last = _parse_date(params.get(end), end)
    if first and last and first > last:
        raise BadQuery(start, f"{start} {first} is after {end} {last}")
    return first, last


def same_grade(printed: str | None, wanted: str) -> bool:
    """Return True when a printed grade is the one wanted ("requires improvement" and
    "requires improvement to be good" are one grade, named differently over the years)."""
    return printed is not None and _grade_family(printed) == _grade_family(wanted)


def _grade_family(grade: str) -> str:
    return "requires improvement" if grade.startswith("requires improvement") else grade


def _values(params: Params, name: str) -> list[str]:
    getlist = getattr(params, "getlist", None)
    values = getlist(name) if getlist else params.get(name)
    values = values if isinstance(values, list | tuple) else [values]
    return [v for v in values if v not in (None, "")]


def _judgement(value: str) -> tuple[str, str]:
    area, colon, grade = value.partition(":")
    if not colon or area not in JUDGEMENT_AREAS:
        raise BadQuery(
            "judgement",
            f"judgement must be <area>:<grade> with the area one of {', '.join(JUDGEMENT_AREAS)}; "
            f"not {value!r}",
        )
    return area, _grade(grade, "judgement")


def _grade(value: str, name: str) -> str:
    if value not in GRADES:
        raise BadQuery(name, f"{name} grade must be one of {', '.join(GRADES)}; not {value!r}")
    return value


@dataclass(frozen=True)
class SearchRequest:
    """A validated question: its text, how many results, and filters."""

    query: str
    k: int = 10
    filters: LetterFilter = LetterFilter()
    retriever: Retriever = Retriever.HYBRID

    @classmethod
    def parse(cls, params: Params, choices: Choices, max_k: int = MAX_K) -> SearchRequest:
        """Validate request parameters (as strings), k from 1 to max_k.

        Raises:
            BadQuery: naming the parameter that is missing or wrong.
        """
        raw_query = params.get("q") or ""
        if len(raw_query) > MAX_QUERY:
            raise BadQuery("q", f"q is {len(raw_query)} characters long; the limit is {MAX_QUERY}")
        query = raw_query.strip()
        if not query:
            raise BadQuery("q", "Missing question (q): ask in words, e.g. neglect")
        if not re.search(QUERY_PATTERN, query):
            raise BadQuery("q", f"q has no word to search for: {query!r}; ask in words")
        raw_k = params.get("k")
        k = 10
        if raw_k is not None:
            if not re.fullmatch(r"\s*\d{1,6}\s*", str(raw_k)):
                raise BadQuery("k", f"k must be a whole number from 1 to {max_k}, not {raw_k!r}")
            k = int(raw_k)
            if not 1 <= k <= max_k:
                raise BadQuery("k", f"k must be from 1 to {max_k}, not {k}")
        return cls(query, k, LetterFilter.parse(params, choices))


def _parse_date(value: str | None, name: str) -> str | None:
    if value in (None, ""):
        return None
    text = value.strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        try:
            return date.fromisoformat(text).isoformat()
        except ValueError:
            pass
    raise BadQuery(name, f"{name} must be a date as YYYY-MM-DD, not {value!r}")


def known_authority(value: str | None, choices: Choices) -> str | None:
    """Return the indexed authority value names: its name, or any other name the gazetteer
    knows it by ("Hull", "St. Helens"); None for no value.

    Raises:
        BadQuery: no indexed authority has that name.
    """
    place = known_place(value) if value else None
    if place is not None and place.name in choices.authorities:
        return place.name
    return known_choice(value, "local_authority", choices.authorities)


def known_choice(value: str | None, name: str, known: list[str]) -> str | None:
    """Return the option of known that value names (any case), or None for no value.

    Raises:
        BadQuery: no option has that name; the message gives the nearest or the choices.
    """
    if value in (None, ""):
        return None
    by_fold = {option.lower(): option for option in known}
    if (option := by_fold.get(value.strip().lower())) is not None:
        return option
    what = name.replace("_", " ")
    message = f"No letters with {what} {value!r} are in the index"
    nearest = difflib.get_close_matches(value.strip().lower(), by_fold, n=3, cutoff=0.6)
    if nearest:
        message += "; did you mean " + " or ".join(repr(by_fold[n]) for n in nearest) + "?"
    elif len(known) <= 12:
        message += "; choose one of: " + ", ".join(known)
    else:
        message += f"; it holds letters for {len(known)} of them, from {known[0]} to {known[-1]}"
    raise BadQuery(name, message)

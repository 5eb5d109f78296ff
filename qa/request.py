"""A search request read from its parameters: the question, how many results, which letters
and which ranking; every parameter checked, with a message naming the one that is wrong."""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any, Protocol

from qa.errors import BadQuery
from qa.judgements import GRADES, JUDGEMENT_AREAS
from qa.models import Letter

MAX_QUERY = 1000
# Passages are matched by their English words and numbers: a question needs one at least.
QUERY_PATTERN = "[A-Za-z0-9]"
MAX_K = 50


class Retriever(StrEnum):
    """Which ranking answers: both fused, or one alone (for measuring what each adds)."""

    HYBRID = "hybrid"
    DENSE = "dense"
    KEYWORD = "keyword"

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
    date_from: str | None = None
    date_to: str | None = None
    # (area, grade) pairs a letter's judgements must all have: ("help_and_protection",
    # "inadequate"). "requires improvement" takes in "requires improvement to be good".
    judgements: tuple[tuple[str, str], ...] = ()

    def active(self) -> bool:
        return any((self.local_authority, self.type, self.date_from, self.date_to, self.judgements))

    def admits(self, letter: Letter) -> bool:
        """Return True when the letter passes every filter."""
        graded = letter.judgements or {}
        return (
            (not self.local_authority or letter.local_authority == self.local_authority)
            and (not self.type or letter.type == self.type)
            and (not self.date_from or (letter.date or "") >= self.date_from)
            and (not self.date_to or (letter.date or "9999") <= self.date_to)
            and all(same_grade(graded.get(area), grade) for area, grade in self.judgements)
        )

    @classmethod
    def parse(cls, params: Params, choices: Choices) -> LetterFilter:
        """Read the filters from request parameters: local_authority, type, date_from,
        date_to, and judgements as judgement=<area>:<grade> (repeatable) or <area>=<grade>.

        Raises:
            BadQuery: naming the parameter that is wrong.
        """
        date_from = _parse_date(params.get("date_from"), "date_from")
        date_to = _parse_date(params.get("date_to"), "date_to")
        if date_from and date_to and date_from > date_to:
            raise BadQuery("date_from", f"date_from {date_from} is after date_to {date_to}")
        authority = known_choice(
            params.get("local_authority"), "local_authority", choices.authorities
        )
        kind = known_choice(params.get("type"), "type", choices.types)
        judgements = [_judgement(value) for value in _values(params, "judgement")]
        for area in JUDGEMENT_AREAS:
            judgements += [(area, _grade(value, area)) for value in _values(params, area)]
        return cls(authority, kind, date_from, date_to, tuple(dict.fromkeys(judgements)))


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
    def parse(cls, params: Params, choices: Choices) -> SearchRequest:
        """Validate request parameters (as strings).

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
                raise BadQuery("k", f"k must be a whole number from 1 to {MAX_K}, not {raw_k!r}")
            k = int(raw_k)
            if not 1 <= k <= MAX_K:
                raise BadQuery("k", f"k must be from 1 to {MAX_K}, not {k}")
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

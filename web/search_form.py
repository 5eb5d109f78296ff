"""The search page's form: its fields, its pages of results and its error messages."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from flask import url_for

from qa.core.errors import BadQuery
from qa.core.filters import DATE_RANGES, FILTER_NAMES
from qa.core.grades import JUDGEMENT_AREAS
from qa.core.models import Hit
from qa.core.params import MAX_QUERY, read_whole
from qa.search.found import SearchResponse
from qa.search.request import MAX_EXPORT

PAGE_SIZE = 10
LAST_PAGE = MAX_EXPORT // PAGE_SIZE
# The question and the filters, a judgement as <area>:<grade> (the form has no field per area).
FILTER_FIELDS = tuple(name for name in FILTER_NAMES if name not in JUDGEMENT_AREAS)
FIELDS = ("q", *FILTER_FIELDS)


@dataclass(frozen=True)
class ResultsPage:
    """One page of a search's hits, and whether a next page follows."""

    response: SearchResponse
    number: int
    hits: list[Hit]
    has_next: bool

    @property
    def capped(self) -> bool:
        """True on the last page there can be, when more passages may match than are shown."""
        return self.number == LAST_PAGE and len(self.response.hits) == MAX_EXPORT


def read_form(args: Mapping[str, str]) -> dict[str, str]:
    """Return the form's fields from the query string, "" for any not given."""
    return {key: args.get(key, "") for key in FIELDS}


def read_page_number(value: str | None, last: int = LAST_PAGE) -> int:
    """Return the page asked for: 1 unless a number from 2 to last (a number past it: last)."""
    number = read_whole(value)
    if number is None:
        # More digits than a whole number is read with is a page past the last, as before.
        return last if value and re.fullmatch(r"\s*\d+\s*", value) else 1
    return min(max(number, 1), last)


def hits_to_fetch(page: int) -> int:
    """Return how many hits show pages 1 to page, and one more to tell if another follows."""
    return min(MAX_EXPORT, page * PAGE_SIZE + 1)


def paginate(response: SearchResponse, page: int) -> ResultsPage:
    """Return the page-th page of hits, or the last page there is when page is past it."""
    last = max(1, -(-len(response.hits) // PAGE_SIZE))
    number = min(page, last)
    start = (number - 1) * PAGE_SIZE
    hits = response.hits[start : start + PAGE_SIZE]
    return ResultsPage(response, number, hits, len(response.hits) > start + PAGE_SIZE)


def pagination(form: Mapping[str, str], results: ResultsPage) -> dict[str, Any] | None:
    """Return govukPagination's options: previous and next pages, each with its result range."""
    links: dict[str, Any] = {}
    if results.number > 1:
        links["previous"] = _page_link(form, results.number - 1)
    if results.has_next:
        links["next"] = _page_link(form, results.number + 1)
    return links or None


def csv_link(form: Mapping[str, str]) -> str:
    """Return the link to /search.csv with the form's question and filters, every passage."""
    args: dict[str, Any] = {key: value for key, value in form.items() if value}
    return url_for("api.search_csv", **args, k=MAX_EXPORT)


def _page_link(form: Mapping[str, str], number: int) -> dict[str, str]:
    first = (number - 1) * PAGE_SIZE + 1
    args: dict[str, Any] = {key: value for key, value in form.items() if value}
    args["page"] = number
    return {
        "href": url_for("pages.search_page", **args) + "#results-heading",
        "labelText": f"Results {first} to {first + PAGE_SIZE - 1}",
    }


def error_message(err: BadQuery, form: Mapping[str, str]) -> str:
    """Say what to fix in the form's own words (the library's speak of URL parameters)."""
    name = err.parameter
    if name == "q":
        if not form["q"].strip():
            return "Enter a question"
        if len(form["q"]) > MAX_QUERY:
            return f"Question must be {MAX_QUERY} characters or fewer"
        return "Question must contain at least one letter or number"
    if name == "local_authority":
        return "Choose a local authority from the list"
    if name == "type":
        return "Choose a type of letter from the list"
    if name == "judgement":
        return "Choose a judgement from the list"
    for which, (first, last) in zip(_DATE_WORDS, DATE_RANGES, strict=True):
        if name in (first, last):
            start, end = _iso_date(form.get(first, "")), _iso_date(form.get(last, ""))
            if start and end and start > end:
                return f"The {which} ‘from’ date must be the same as or before its ‘to’ date"
            return f"The {which} ‘{'from' if name == first else 'to'}’ date must be a real date"
    return str(err)


# What each of DATE_RANGES dates, in the form's words.
_DATE_WORDS = ("inspected", "published")


def _iso_date(text: str) -> date | None:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        return None

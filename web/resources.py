"""Each resource's data, read once from a request's parameters: the page, the JSON and the CSV
of a resource all render what its one function here returns, so they cannot drift apart.

Every function takes the searcher the request uses (one generation for the whole request) and
the request's parameters, and raises BadQuery naming the parameter that is wrong."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from qa.catalogue.authorities import Authority, authorities
from qa.catalogue.compare import Comparison, compare
from qa.catalogue.compare_request import CompareRequest
from qa.catalogue.inspections import (
    ImprovementQuery,
    InspectionQuery,
    InspectionRow,
    list_inspections,
)
from qa.catalogue.trends import TrendsBody, TrendsRequest, count_trends
from qa.core.errors import BadQuery
from qa.core.filters import LetterFilter
from qa.core.models import Letter, newest_first
from qa.core.params import Params
from qa.core.places import known_place
from qa.reading.improvements import ImprovementHit, list_improvements
from qa.search.found import Found, SearchResponse
from qa.search.request import MAX_EXPORT, MAX_K, SearchRequest
from qa.search.searcher import Searcher
from qa.search.similar import Similar, SimilarRequest, similar

T = TypeVar("T")
# A form's error as the pages show it: the field to mark and what to fix.
FormError = dict[str, str]


@dataclass(frozen=True)
class LetterList:
    """The letters listed, newest first, and the authority and type they were chosen by ("" for
    any)."""

    letters: list[Letter]
    authority: str = ""
    kind: str = ""


@dataclass(frozen=True)
class InspectionTable:
    """The graded inspections listed and the query that chose and sorted them."""

    query: InspectionQuery
    rows: list[InspectionRow]


def search_results(searcher: Searcher, params: Params, max_k: int = MAX_K) -> SearchResponse:
    """Return the answer to q and its ranked, cited passages (k of them, 1 to max_k)."""
    return searcher.answer(SearchRequest.parse(params, searcher, max_k=max_k))


def search_hits(searcher: Searcher, params: Params, max_k: int = MAX_EXPORT) -> Found:
    """Return the ranked, cited passages for q alone: what /search.csv lists, without the
    answer and highlights search_results adds (up to a thousand passages' worth of work)."""
    return searcher.search(SearchRequest.parse(params, searcher, max_k=max_k))


def similar_passages(searcher: Searcher, params: Params) -> Similar:
    """Return the passage letter_id/position names and the passages of other letters most like
    it, best first."""
    return similar(searcher, SimilarRequest.parse(params, searcher))


def trend_counts(searcher: Searcher, params: Params) -> TrendsBody:
    """Return, for each year, its letters and how many mention each phrase (q, repeatable)."""
    return count_trends(searcher, TrendsRequest.parse(params, searcher))


def letter_list(searcher: Searcher, params: Params) -> LetterList:
    """Return the letters of the authority (any name the gazetteer knows it by) and type named,
    newest first; an authority or type no letter has lists none."""
    named = params.get("local_authority") or ""
    place = known_place(named) if named else None
    authority = place.name if place else named
    kind = params.get("type") or ""
    chosen = LetterFilter(local_authority=authority or None, type=kind or None)
    listed = newest_first(x for x in searcher.letters if chosen.admits(x))
    return LetterList(listed, authority, kind)


def inspection_table(searcher: Searcher, params: Params) -> InspectionTable:
    """Return the graded inspections the filters admit, sorted as sort and order ask."""
    query = InspectionQuery.parse(params, searcher)
    return InspectionTable(query, list_inspections(searcher.letters, query))


def improvement_points(searcher: Searcher, params: Params) -> list[ImprovementHit]:
    """Return the improvement points of the letters the filters admit that hold every word of
    q, newest letter first, each letter's in reading order."""
    query = ImprovementQuery.parse(params, searcher)
    return list_improvements(searcher.letters, searcher.improvements, query.filters, query.words)


def authority_list(searcher: Searcher) -> list[Authority]:
    """Return every authority the letters are about, by name, with its letters."""
    return authorities(searcher.letters)


def comparison(searcher: Searcher, params: Params) -> Comparison:
    """Return each letter's best passages for q, by authority (local_authority, repeatable)
    and oldest first, or the letters answering it best when no authority is named."""
    return compare(searcher, CompareRequest.parse(params, searcher))


def read_or_error(read: Callable[[], T], otherwise: T) -> tuple[T, FormError | None]:
    """Return what read returns and no error, or otherwise and the error of the BadQuery it
    raises, for a page to show beside its form."""
    try:
        return read(), None
    except BadQuery as err:
        return otherwise, {"field": err.parameter, "text": str(err)}

"""The OpenAPI description of the operations for people who count and compare: one question
across letters, similar findings, topics over time; web/openapi.py puts them in the
document, handing over the filters they share with /search."""

from __future__ import annotations

from typing import Any

from qa.api.schema import query_parameters
from qa.catalogue.compare_request import CompareParams
from qa.catalogue.trends import TrendsParams
from qa.search.similar import SimilarParams
from web.openapi_responses import csv_response, json_response, responses


def similar_operation(filters: list[dict[str, Any]]) -> dict[str, Any]:
    """Return /api/similar's operation: filters are /search's."""
    ok = json_response(
        "SimilarBody",
        "The passage and the passages like it, each with its citation; never from the same letter.",
    )
    return {
        "operationId": "similarPassages",
        "summary": "The passages of other letters most like one passage, nearest first.",
        "parameters": [*query_parameters(SimilarParams), *filters],
        "responses": responses({"200": ok}, "400", "404", "503"),
    }


def compare_operation(authorities: list[str] | None) -> dict[str, Any]:
    """Return /api/compare's operation: authorities are the index's (None: open)."""
    asked = query_parameters(
        CompareParams, {"local_authority": authorities}, examples={"q": "supervision"}
    )
    return {
        "operationId": "compareLetters",
        "summary": "One question across letters: each letter's best passages, oldest first.",
        "parameters": asked,
        "responses": responses(
            {"200": json_response("CompareBody", "A group per letter.")}, "400", "503"
        ),
    }


def trends_operation(filters: list[dict[str, Any]], csv: bool = False) -> dict[str, Any]:
    """Return /api/trends's operation (or /api/trends.csv's): filters are /search's."""
    ok = (
        csv_response(
            "One row per year and phrase: year, year_from, letters, phrase, mentions, share."
        )
        if csv
        else json_response("TrendsBody", "Each year's letters and how many mention each phrase.")
    )
    return {
        "operationId": "trendsCsv" if csv else "trends",
        "summary": "Topics over time: for each year, the letters inspected and how many of "
        "them mention each phrase (exact, stemmed; an abbreviation and its long form as one)"
        + (", as CSV." if csv else "."),
        "parameters": [*query_parameters(TrendsParams), *filters],
        "responses": responses({"200": ok}, "400", "503"),
    }

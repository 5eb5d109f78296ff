"""The OpenAPI description of the operations for people who count and compare: one question
across letters, similar findings, topics over time; web/openapi.py puts them in the
document, handing over the parameters and the response builder they share with the rest."""

from __future__ import annotations

from typing import Any

from qa.api.schema import query_parameters
from qa.catalogue.compare import CompareParams
from qa.catalogue.trends import TrendsParams
from qa.search.similar import SimilarParams


def similar_operation(filters: list[dict[str, Any]], responses: Any) -> dict[str, Any]:
    """Return /api/similar's operation: filters are /search's, responses builds responses."""
    return {
        "operationId": "similarPassages",
        "summary": "The passages of other letters most like one passage, nearest first.",
        "parameters": [*query_parameters(SimilarParams), *filters],
        "responses": responses(
            {
                "200": {
                    "description": "The passage and the passages like it, each with its "
                    "citation; never from the same letter.",
                    "content": {
                        "application/json": {"schema": {"$ref": "#/components/schemas/SimilarBody"}}
                    },
                }
            },
            "400",
            "404",
            "503",
        ),
    }


def _json(schema: str, description: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema}"}}},
    }


def compare_operation(authorities: list[str] | None, responses: Any) -> dict[str, Any]:
    """Return /api/compare's operation: authorities are the index's (None: open)."""
    asked = query_parameters(
        CompareParams, {"local_authority": authorities}, examples={"q": "supervision"}
    )
    return {
        "operationId": "compareLetters",
        "summary": "One question across letters: each letter's best passages, oldest first.",
        "parameters": asked,
        "responses": responses({"200": _json("CompareBody", "A group per letter.")}, "400", "503"),
    }


def trends_operation(
    filters: list[dict[str, Any]], responses: Any, csv: bool = False
) -> dict[str, Any]:
    """Return /api/trends's operation (or /api/trends.csv's): filters are /search's."""
    rows = "One row per year and phrase: year, year_from, letters, phrase, mentions, share."
    ok = (
        {"description": rows, "content": {"text/csv": {"schema": {"type": "string"}}}}
        if csv
        else _json("TrendsBody", "Each year's letters and how many mention each phrase.")
    )
    return {
        "operationId": "trendsCsv" if csv else "trends",
        "summary": "Topics over time: for each year, the letters inspected and how many of "
        "them mention each phrase (exact, stemmed; an abbreviation and its long form as one)"
        + (", as CSV." if csv else "."),
        "parameters": [*query_parameters(TrendsParams), *filters],
        "responses": responses({"200": ok}, "400", "503"),
    }

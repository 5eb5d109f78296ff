"""The OpenAPI description of the operations for people who count and compare: one question
across letters, similar findings, topics over time; web/openapi.py puts them in the
document, handing over the parameters and the response builder they share with the rest."""

from __future__ import annotations

from typing import Any

from qa.compare import BEST_LETTERS, MAX_AUTHORITIES, MAX_PER_LETTER
from qa.request import MAX_K
from qa.schema import LETTER_ID
from qa.similar import SIMILAR_K
from qa.trends import MAX_PHRASES


def similar_operation(filters: list[dict[str, Any]], responses: Any) -> dict[str, Any]:
    """Return /api/similar's operation: filters are /search's, responses builds responses."""
    letter_id = {
        "name": "letter_id",
        "in": "query",
        "required": True,
        "description": "The letter the passage is from.",
        "schema": {"type": "string", "minLength": 1, **LETTER_ID},
    }
    position = {
        "name": "position",
        "in": "query",
        "required": True,
        "description": "The passage's place in the letter's reading order, 1 to N (as a "
        "citation's position gives it).",
        "schema": {"type": "integer", "minimum": 1},
    }
    k = {
        "name": "k",
        "in": "query",
        "description": "How many passages.",
        "schema": {"type": "integer", "minimum": 1, "maximum": MAX_K, "default": SIMILAR_K},
    }
    return {
        "operationId": "similarPassages",
        "summary": "The passages of other letters most like one passage, nearest first.",
        "parameters": [letter_id, position, k, *filters],
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


def compare_operation(
    authorities: list[str] | None, question: dict[str, Any], responses: Any
) -> dict[str, Any]:
    """Return /api/compare's operation."""
    named = {
        "name": "local_authority",
        "in": "query",
        "description": "Compare every letter of this authority (repeat it for up to "
        f"{MAX_AUTHORITIES}); none: the {BEST_LETTERS} letters that answer best.",
        "schema": {"type": "string", **({"enum": ["", *authorities]} if authorities else {})},
    }
    per_letter = {
        "name": "per_letter",
        "in": "query",
        "description": "Passages per letter.",
        "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PER_LETTER, "default": 2},
    }
    return {
        "operationId": "compareLetters",
        "summary": "One question across letters: each letter's best passages, oldest first.",
        "parameters": [question, named, per_letter],
        "responses": responses({"200": _json("CompareBody", "A group per letter.")}, "400", "503"),
    }


def trends_operation(
    filters: list[dict[str, Any]], responses: Any, csv: bool = False
) -> dict[str, Any]:
    """Return /api/trends's operation (or /api/trends.csv's): filters are /search's."""
    phrase = {
        "name": "q",
        "in": "query",
        "required": True,
        "description": f"A phrase to count; repeat it to compare up to {MAX_PHRASES}.",
        "schema": {"type": "string", "minLength": 1, "maxLength": 1000, "pattern": "[A-Za-z0-9]"},
        "example": "county lines",
    }
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
        "parameters": [phrase, *filters],
        "responses": responses({"200": ok}, "400", "503"),
    }

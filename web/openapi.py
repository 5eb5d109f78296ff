"""The OpenAPI description of the JSON API, served at /openapi.json."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from qa.api import shapes
from qa.api.schema import component_schemas, query_parameters
from qa.catalogue.inspections import ImprovementParams, InspectionParams
from qa.catalogue.trends import TrendsBody
from qa.core.fields import LETTER_ID
from qa.core.filters import FilterParams
from qa.core.params import ParamSet, count_validator
from qa.search.request import MAX_EXPORT, MAX_K, search_params
from web.openapi_catalogue import compare_operation, similar_operation, trends_operation
from web.openapi_responses import csv_response, json_response, responses

LOG_LIMIT = 100
MAX_LOG_LIMIT = 1000


class AdminLogParams(ParamSet):
    """The audit log's request parameters."""

    limit: int = Field(LOG_LIMIT, ge=1, le=MAX_LOG_LIMIT, description="How many lines.")

    # Its words as they always were: the range alone.
    _limit = count_validator("limit", terse=True)


SCHEMAS = component_schemas(
    shapes.SearchBody,
    shapes.SimilarBody,
    TrendsBody,
    shapes.LetterList,
    shapes.LetterBody,
    shapes.Deleted,
    shapes.AuditLog,
    shapes.InspectionList,
    shapes.AuthorityList,
    shapes.CompareBody,
    shapes.ImprovementList,
    shapes.Health,
    shapes.Error,
)


def openapi_document(
    authorities: list[str] | None = None, types: list[str] | None = None
) -> dict[str, Any]:
    """Return the OpenAPI 3.1 description of the JSON API.

    Args:
        authorities, types: the values the filters accept, from the index being served;
            None (no index yet) leaves them open.
    """
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Ofsted letters search",
            "version": "1.0",
            "description": "Ranked, cited passages from Ofsted's inspection letters on "
            'children\'s services. Errors are always JSON: {"error": "..."}.',
        },
        "paths": _paths(authorities, types),
        "components": {
            "schemas": SCHEMAS,
            "securitySchemes": {
                "bearer": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "The admin_token setting (QA_ADMIN_TOKEN).",
                }
            },
        },
    }


def _paths(authorities: list[str] | None, types: list[str] | None) -> dict[str, Any]:
    # The filters of /search, which similar findings and topics over time take too.
    filters = _filters(authorities, types)
    return {
        "/search": {"get": _search(authorities, types)},
        "/search.csv": {"get": _search(authorities, types, csv=True)},
        "/api/similar": {"get": similar_operation(filters)},
        "/api/trends": {"get": trends_operation(filters)},
        "/api/trends.csv": {"get": trends_operation(filters, csv=True)},
        "/api/letters": {"get": _list_letters(), "post": _add_letter()},
        "/api/letters/{letter_id}": {"get": _get_letter(), "delete": _delete_letter()},
        "/api/letters/{letter_id}/restore": {"post": _restore_letter()},
        "/api/admin/log": {"get": _admin_log()},
        "/api/judgements": {"get": _judgements(authorities, types, csv=False)},
        "/api/judgements.csv": {"get": _judgements(authorities, types, csv=True)},
        "/api/improvements": {"get": _improvements(authorities, types, csv=False)},
        "/api/improvements.csv": {"get": _improvements(authorities, types, csv=True)},
        "/api/authorities": {
            "get": {
                "operationId": "listAuthorities",
                "summary": "Every authority the letters are about, with its newest letter.",
                "responses": responses(
                    {"200": json_response("AuthorityList", "The authorities, by name.")}, "503"
                ),
            }
        },
        "/api/compare": {"get": compare_operation(authorities)},
        "/health": {
            "get": {
                "operationId": "health",
                "summary": "Say the service is up and how much it holds.",
                "responses": responses(
                    {"200": json_response("Health", "The service is up.")}, "503"
                ),
            }
        },
    }


_ADMIN: list[dict[str, list[str]]] = [{"bearer": []}]
_LETTER_ID_PARAMETER = {
    "name": "letter_id",
    "in": "path",
    "required": True,
    "schema": {"type": "string", **LETTER_ID},
}


def _search(authorities: list[str] | None, types: list[str] | None, csv: bool = False) -> Any:
    most = MAX_EXPORT if csv else MAX_K
    asked = query_parameters(
        search_params(most), examples={"q": "what did inspectors say about neglect?"}
    )
    rows = "One row per passage, best first: rank, score, citation, text and link; a header row."
    ok = csv_response(rows) if csv else json_response("SearchBody", "The passages, best first.")
    return {
        "operationId": "searchCsv" if csv else "search",
        "summary": "Answer a question with ranked, cited passages"
        + (f", up to {most:,} as CSV." if csv else "."),
        "parameters": [*asked, *_filters(authorities, types)],
        "responses": responses({"200": ok}, "400", "503"),
    }


def _filters(authorities: list[str] | None, types: list[str] | None) -> list[dict[str, Any]]:
    return query_parameters(FilterParams, {"local_authority": authorities, "type": types})


def _judgements(
    authorities: list[str] | None, types: list[str] | None, csv: bool
) -> dict[str, Any]:
    ok = (
        csv_response("The same rows as /api/judgements, with a header row.")
        if csv
        else json_response("InspectionList", "The inspections.")
    )
    return {
        "operationId": "listJudgementsCsv" if csv else "listJudgements",
        "summary": "Graded inspections, one row per letter that prints judgements"
        + (", as CSV." if csv else "."),
        "parameters": [*_filters(authorities, types), *query_parameters(InspectionParams)],
        "responses": responses({"200": ok}, "400", "503"),
    }


def _improvements(
    authorities: list[str] | None, types: list[str] | None, csv: bool
) -> dict[str, Any]:
    ok = (
        csv_response("The same points as /api/improvements, flat, with a header row.")
        if csv
        else json_response("ImprovementList", "The points, newest letter first.")
    )
    return {
        "operationId": "listImprovementsCsv" if csv else "listImprovements",
        "summary": "What letters say needs to improve, point by point, with citations"
        + (", as CSV." if csv else "."),
        "parameters": [*query_parameters(ImprovementParams), *_filters(authorities, types)],
        "responses": responses({"200": ok}, "400", "503"),
    }


def _list_letters() -> dict[str, Any]:
    return {
        "operationId": "listLetters",
        "summary": "Every indexed letter's facts and passage count, newest first.",
        "responses": responses({"200": json_response("LetterList", "The letters.")}, "503"),
    }


def _add_letter() -> dict[str, Any]:
    file_field = {"file": {"type": "string", "format": "binary"}}
    return {
        "operationId": "addLetter",
        "summary": "Add a letter file (PDF, text or Markdown) to the index.",
        "security": _ADMIN,
        "requestBody": {
            "required": True,
            "content": {
                "multipart/form-data": {
                    "schema": {"type": "object", "required": ["file"], "properties": file_field}
                }
            },
        },
        "responses": responses(
            {
                "201": json_response("LetterBody", "The letter was added."),
                "200": json_response("LetterBody", "The same content is already indexed."),
            },
            *("400", "401", "403", "413", "415", "422", "503"),
        ),
    }


def _get_letter() -> dict[str, Any]:
    return {
        "operationId": "getLetter",
        "summary": "One letter's facts and its passages in reading order.",
        "parameters": [_LETTER_ID_PARAMETER],
        "responses": responses({"200": json_response("LetterBody", "The letter.")}, "404", "503"),
    }


def _delete_letter() -> dict[str, Any]:
    return {
        "operationId": "deleteLetter",
        "summary": "Take a letter out of the index; its files move to the removed letters, "
        "whence POST /api/letters/{letter_id}/restore puts them back.",
        "security": _ADMIN,
        "parameters": [_LETTER_ID_PARAMETER],
        "responses": responses(
            {"200": json_response("Deleted", "The letter was removed; its facts as it was.")},
            *("401", "403", "404", "503"),
        ),
    }


def _restore_letter() -> dict[str, Any]:
    return {
        "operationId": "restoreLetter",
        "summary": "Put a removed letter's files back where they were and index it again.",
        "security": _ADMIN,
        "parameters": [_LETTER_ID_PARAMETER],
        "responses": responses(
            {"200": json_response("LetterBody", "The letter, back in the index.")},
            *("401", "403", "404", "422", "503"),
        ),
    }


def _admin_log() -> dict[str, Any]:
    return {
        "operationId": "auditLog",
        "summary": "The audit log: every upload, removal and restore, and every refused one, "
        "newest first.",
        "security": _ADMIN,
        "parameters": query_parameters(AdminLogParams),
        "responses": responses(
            {"200": json_response("AuditLog", "The latest lines.")}, *("400", "401", "403")
        ),
    }

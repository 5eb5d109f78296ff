"""The OpenAPI description of the JSON API, served at /openapi.json."""

from __future__ import annotations

from typing import Any

from qa.api import shapes
from qa.api.schema import component_schemas, query_parameters
from qa.catalogue.inspections import ImprovementParams, InspectionParams
from qa.catalogue.trends import TrendsBody
from qa.core.fields import LETTER_ID
from qa.core.filters import FilterParams
from qa.search.request import MAX_EXPORT, MAX_K, search_params
from web.openapi_counting import compare_operation, similar_operation, trends_operation

LOG_LIMIT = 100
MAX_LOG_LIMIT = 1000

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

_ERRORS = {
    "400": "A parameter is missing or wrong; the message names it.",
    "401": "No bearer token, or not the right one.",
    "403": "Changes to the letters are off: the admin_token setting is unset.",
    "404": "No such letter in the index (for a restore: among the removed letters).",
    "413": "The request body is larger than the max_upload_mb setting.",
    "415": "The body is not multipart/form-data.",
    "422": "The file cannot be read as a letter; the message says why.",
    "503": "No index has been built yet.",
}


def _json(schema: str, description: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema}"}}},
    }


def _responses(ok: dict[str, Any], *errors: str) -> dict[str, Any]:
    return ok | {code: _json("Error", _ERRORS[code]) for code in errors}


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
        "/api/similar": {"get": similar_operation(filters, _responses)},
        "/api/trends": {"get": trends_operation(filters, _responses)},
        "/api/trends.csv": {"get": trends_operation(filters, _responses, csv=True)},
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
                "responses": _responses(
                    {"200": _json("AuthorityList", "The authorities, by name.")}, "503"
                ),
            }
        },
        "/api/compare": {"get": compare_operation(authorities, _responses)},
        "/health": {
            "get": {
                "operationId": "health",
                "summary": "Say the service is up and how much it holds.",
                "responses": _responses({"200": _json("Health", "The service is up.")}, "503"),
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
    ok = _csv_response(rows) if csv else _json("SearchBody", "The passages, best first.")
    return {
        "operationId": "searchCsv" if csv else "search",
        "summary": "Answer a question with ranked, cited passages"
        + (f", up to {most:,} as CSV." if csv else "."),
        "parameters": [*asked, *_filters(authorities, types)],
        "responses": _responses({"200": ok}, "400", "503"),
    }


def _filters(authorities: list[str] | None, types: list[str] | None) -> list[dict[str, Any]]:
    return query_parameters(FilterParams, {"local_authority": authorities, "type": types})


def _csv_response(description: str) -> dict[str, Any]:
    return {"description": description, "content": {"text/csv": {"schema": {"type": "string"}}}}


def _judgements(
    authorities: list[str] | None, types: list[str] | None, csv: bool
) -> dict[str, Any]:
    ok = (
        _csv_response("The same rows as /api/judgements, with a header row.")
        if csv
        else _json("InspectionList", "The inspections.")
    )
    return {
        "operationId": "listJudgementsCsv" if csv else "listJudgements",
        "summary": "Graded inspections, one row per letter that prints judgements"
        + (", as CSV." if csv else "."),
        "parameters": [*_filters(authorities, types), *query_parameters(InspectionParams)],
        "responses": _responses({"200": ok}, "400", "503"),
    }


def _improvements(
    authorities: list[str] | None, types: list[str] | None, csv: bool
) -> dict[str, Any]:
    ok = (
        _csv_response("The same points as /api/improvements, flat, with a header row.")
        if csv
        else _json("ImprovementList", "The points, newest letter first.")
    )
    return {
        "operationId": "listImprovementsCsv" if csv else "listImprovements",
        "summary": "What letters say needs to improve, point by point, with citations"
        + (", as CSV." if csv else "."),
        "parameters": [*query_parameters(ImprovementParams), *_filters(authorities, types)],
        "responses": _responses({"200": ok}, "400", "503"),
    }


def _list_letters() -> dict[str, Any]:
    return {
        "operationId": "listLetters",
        "summary": "Every indexed letter's facts and passage count, newest first.",
        "responses": _responses({"200": _json("LetterList", "The letters.")}, "503"),
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
        "responses": _responses(
            {
                "201": _json("LetterBody", "The letter was added."),
                "200": _json("LetterBody", "The same content is already indexed."),
            },
            *("400", "401", "403", "413", "415", "422", "503"),
        ),
    }


def _get_letter() -> dict[str, Any]:
    return {
        "operationId": "getLetter",
        "summary": "One letter's facts and its passages in reading order.",
        "parameters": [_LETTER_ID_PARAMETER],
        "responses": _responses({"200": _json("LetterBody", "The letter.")}, "404", "503"),
    }


def _delete_letter() -> dict[str, Any]:
    return {
        "operationId": "deleteLetter",
        "summary": "Take a letter out of the index; its files move to the removed letters, "
        "whence POST /api/letters/{letter_id}/restore puts them back.",
        "security": _ADMIN,
        "parameters": [_LETTER_ID_PARAMETER],
        "responses": _responses(
            {"200": _json("Deleted", "The letter was removed; its facts as it was.")},
            *("401", "403", "404", "503"),
        ),
    }


def _restore_letter() -> dict[str, Any]:
    return {
        "operationId": "restoreLetter",
        "summary": "Put a removed letter's files back where they were and index it again.",
        "security": _ADMIN,
        "parameters": [_LETTER_ID_PARAMETER],
        "responses": _responses(
            {"200": _json("LetterBody", "The letter, back in the index.")},
            *("401", "403", "404", "422", "503"),
        ),
    }


def _admin_log() -> dict[str, Any]:
    limit = {"type": "integer", "minimum": 1, "maximum": MAX_LOG_LIMIT, "default": LOG_LIMIT}
    return {
        "operationId": "auditLog",
        "summary": "The audit log: every upload, removal and restore, and every refused one, "
        "newest first.",
        "security": _ADMIN,
        "parameters": [
            {"name": "limit", "in": "query", "description": "How many lines.", "schema": limit}
        ],
        "responses": _responses(
            {"200": _json("AuditLog", "The latest lines.")}, *("400", "401", "403")
        ),
    }

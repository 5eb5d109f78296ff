"""The OpenAPI description of the JSON API, served at /openapi.json."""

from __future__ import annotations

from typing import Any

from qa import shapes
from qa.inspections import SORTABLE
from qa.judgements import GRADES, JUDGEMENT_AREAS
from qa.request import MAX_EXPORT, MAX_K, MAX_QUERY, QUERY_PATTERN
from qa.schema import LETTER_ID, component_schemas
from qa.trends import TrendsBody
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


def _choice(name: str, description: str, options: list[str] | None) -> dict[str, Any]:
    # The empty value is what a form's "any" option sends: no filter.
    schema: dict[str, Any] = {"type": "string"}
    if options is not None:
        schema["enum"] = ["", *options]
    return {"name": name, "in": "query", "description": description, "schema": schema}


def _date(name: str, description: str) -> dict[str, Any]:
    return {
        "name": name,
        "in": "query",
        "description": description + " Empty means no limit.",
        "schema": {
            "anyOf": [
                {"type": "string", "format": "date", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"},
                {"type": "string", "maxLength": 0},
            ]
        },
    }


def openapi_document(
    authorities: list[str] | None = None, types: list[str] | None = None
) -> dict[str, Any]:
    """Return the OpenAPI 3.0 description of the JSON API.

    Args:
        authorities, types: the values the filters accept, from the index being served;
            None (no index yet) leaves them open.
    """
    # The filters of /search, which similar findings and topics over time take too.
    filters = _filters(authorities, types)[:5]
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "Ofsted letters search",
            "version": "1.0",
            "description": "Ranked, cited passages from Ofsted's inspection letters on "
            'children\'s services. Errors are always JSON: {"error": "..."}.',
        },
        "paths": {
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
            "/api/compare": {
                "get": compare_operation(authorities, _question("supervision"), _responses)
            },
            "/health": {
                "get": {
                    "operationId": "health",
                    "summary": "Say the service is up and how much it holds.",
                    "responses": _responses({"200": _json("Health", "The service is up.")}, "503"),
                }
            },
        },
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


_ADMIN: list[dict[str, list[str]]] = [{"bearer": []}]
_LETTER_ID_PARAMETER = {
    "name": "letter_id",
    "in": "path",
    "required": True,
    "schema": {"type": "string", **LETTER_ID},
}


def _question(example: str) -> dict[str, Any]:
    return {
        "name": "q",
        "in": "query",
        "required": True,
        "description": "The question, with at least one letter (of any script) or digit.",
        "schema": {
            "type": "string",
            "minLength": 1,
            "maxLength": MAX_QUERY,
            "pattern": QUERY_PATTERN,
        },
        "example": example,
    }


def _search(authorities: list[str] | None, types: list[str] | None, csv: bool = False) -> Any:
    question = _question("what did inspectors say about neglect?")
    most = MAX_EXPORT if csv else MAX_K
    k = {
        "name": "k",
        "in": "query",
        "description": "How many passages.",
        "schema": {"type": "integer", "minimum": 1, "maximum": most, "default": 10},
    }
    rows = "One row per passage, best first: rank, score, citation, text and link; a header row."
    ok = _csv_response(rows) if csv else _json("SearchBody", "The passages, best first.")
    return {
        "operationId": "searchCsv" if csv else "search",
        "summary": "Answer a question with ranked, cited passages"
        + (f", up to {most:,} as CSV." if csv else "."),
        "parameters": [question, k, *_filters(authorities, types)[:5]],
        "responses": _responses({"200": ok}, "400", "503"),
    }


_GRADE_VALUES = ["", *GRADES]
# A repeatable parameter is described as one string: in a query string one value and an
# array of one are the same, and the description says it may be repeated.
_JUDGEMENT = {
    "name": "judgement",
    "in": "query",
    "description": "Only letters with this grade for this area, as <area>:<grade>; repeat it "
    'for more (all must hold). "requires improvement" takes in "requires improvement to be '
    'good". Empty means no filter.',
    "schema": {
        "type": "string",
        "enum": ["", *(f"{area}:{grade}" for area in JUDGEMENT_AREAS for grade in GRADES)],
    },
    "example": "help_and_protection:inadequate",
}


def _filters(authorities: list[str] | None, types: list[str] | None) -> list[dict[str, Any]]:
    grades = [
        {
            "name": area,
            "in": "query",
            "description": f"Only letters whose {area.replace('_', ' ')} grade is this.",
            "schema": {"type": "string", "enum": _GRADE_VALUES},
        }
        for area in JUDGEMENT_AREAS
    ]
    return [
        _choice(
            "local_authority",
            "Only letters about this authority: its name as listed, or any other name the "
            'gazetteer knows it by ("Hull" for Kingston upon Hull), in any case.',
            authorities,
        ),
        _choice("type", "Only letters of this type.", types),
        _date(
            "date_from",
            "Only letters whose inspection ended on or after this day (the visit's last day, "
            "YYYY-MM-DD).",
        ),
        _date("date_to", "Only letters whose inspection ended on or before this day."),
        _date("published_since", "Only letters published on or after this day (YYYY-MM-DD)."),
        _date("published_until", "Only letters published on or before this day."),
        _JUDGEMENT,
        *grades,
    ]


def _csv_response(description: str) -> dict[str, Any]:
    return {"description": description, "content": {"text/csv": {"schema": {"type": "string"}}}}


def _judgements(
    authorities: list[str] | None, types: list[str] | None, csv: bool
) -> dict[str, Any]:
    latest = {
        "name": "latest",
        "in": "query",
        "description": "Only each authority's newest graded inspection.",
        "schema": {"type": "string", "enum": ["", "true", "false"]},
    }
    sort = {
        "name": "sort",
        "in": "query",
        "description": "The column to sort by (date, newest first, unless order says).",
        "schema": {"type": "string", "enum": ["", *SORTABLE]},
    }
    order = {
        "name": "order",
        "in": "query",
        "description": "asc or desc; empty: newest first by date, else ascending.",
        "schema": {"type": "string", "enum": ["", "asc", "desc"]},
    }
    ok = (
        _csv_response("The same rows as /api/judgements, with a header row.")
        if csv
        else _json("InspectionList", "The inspections.")
    )
    return {
        "operationId": "listJudgementsCsv" if csv else "listJudgements",
        "summary": "Graded inspections, one row per letter that prints judgements"
        + (", as CSV." if csv else "."),
        "parameters": [*_filters(authorities, types), latest, sort, order],
        "responses": _responses({"200": ok}, "400", "503"),
    }


def _improvements(
    authorities: list[str] | None, types: list[str] | None, csv: bool
) -> dict[str, Any]:
    words = {
        "name": "q",
        "in": "query",
        "description": "Only points holding every word of this (stemmed).",
        "schema": {"type": "string", "maxLength": MAX_QUERY},
    }
    ok = (
        _csv_response("The same points as /api/improvements, flat, with a header row.")
        if csv
        else _json("ImprovementList", "The points, newest letter first.")
    )
    return {
        "operationId": "listImprovementsCsv" if csv else "listImprovements",
        "summary": "What letters say needs to improve, point by point, with citations"
        + (", as CSV." if csv else "."),
        "parameters": [words, *_filters(authorities, types)],
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

"""The OpenAPI description of the JSON API, served at /openapi.json."""

from __future__ import annotations

from dataclasses import fields
from typing import Any

from qa.models import Citation
from qa.request import MAX_K, MAX_QUERY, QUERY_PATTERN
from qa.understand import NOTICE_CODES

_NULLABLE_TEXT = {"type": "string", "nullable": True}
_NULLABLE_DATE = {"type": "string", "format": "date", "nullable": True}
_LETTER_ID = {"type": "string", "pattern": "^[0-9a-f]{16}$", "example": "20b138eacc54fa8a"}
_JUDGEMENT_AREAS = (
    "overall_effectiveness",
    "impact_of_leaders",
    "help_and_protection",
    "children_in_care",
    "care_leavers",
)

_FACTS = {
    "letter_id": _LETTER_ID,
    "source": {"type": "string", "description": "The file's path inside the letters folder."},
    "title": {"type": "string"},
    "local_authority": _NULLABLE_TEXT,
    "date": _NULLABLE_DATE,
    "type": _NULLABLE_TEXT,
    "visit_dates": {
        "type": "object",
        "properties": {"start": _NULLABLE_DATE, "end": _NULLABLE_DATE},
    },
    "lead_inspector": _NULLABLE_TEXT,
    "inspectors": {"type": "array", "items": {"type": "string"}},
    "judgements": {
        "type": "object",
        "nullable": True,
        "description": "Each grade in lower case as printed; null where the letter has none.",
        "properties": {area: _NULLABLE_TEXT for area in _JUDGEMENT_AREAS},
    },
    "pages": {"type": "integer", "minimum": 1, "nullable": True},
}

# Where a passage stands in its letter, as citations and letters both give it.
_WHERE_IN_LETTER: dict[str, Any] = {
    "paragraph": {
        "type": "integer",
        "minimum": 1,
        "nullable": True,
        "description": "The number the letter prints on the paragraph; in a letter that prints "
        "none, its count. Null for a passage a numbered letter leaves unnumbered (an opening "
        "summary, a bullet point).",
    },
    "position": {
        "type": "integer",
        "minimum": 1,
        "description": "The passage's place in the letter's reading order, 1 to N.",
    },
    "place": {
        "type": "string",
        "nullable": True,
        "description": 'Where an unnumbered passage sits: "opening summary", or "point N" of '
        "the bullets under its section.",
        "example": "point 3",
    },
}

SCHEMAS: dict[str, Any] = {
    "Error": {
        "type": "object",
        "required": ["error"],
        "properties": {"error": {"type": "string", "description": "What went wrong, for people."}},
    },
    "Citation": {
        "type": "object",
        "required": [f.name for f in fields(Citation)],
        "properties": {
            "letter_id": _LETTER_ID,
            "title": {"type": "string"},
            "local_authority": _NULLABLE_TEXT,
            "date": _NULLABLE_DATE,
            "type": _NULLABLE_TEXT,
            "section": {"type": "string"},
            **_WHERE_IN_LETTER,
            "page": {"type": "integer", "minimum": 1, "nullable": True},
            "source": {"type": "string"},
            "url": {"type": "string", "example": "/letters/20b138eacc54fa8a#p22"},
        },
    },
    "Result": {
        "type": "object",
        "required": ["rank", "score", "text", "highlights", "citation"],
        "properties": {
            "rank": {"type": "integer", "minimum": 1},
            "score": {"type": "number", "description": "Higher is better; 1 is first place."},
            "text": {"type": "string", "description": "The passage, verbatim."},
            "highlights": {"type": "array", "items": {"type": "string"}},
            "citation": {"$ref": "#/components/schemas/Citation"},
        },
    },
    "SearchResponse": {
        "type": "object",
        "required": ["query", "scope", "generation", "notices", "letters", "answer", "results"],
        "properties": {
            "query": {"type": "string"},
            "notices": {
                "type": "array",
                "description": "What the service understood, corrected or could not find.",
                "items": {
                    "type": "object",
                    "required": ["code", "message"],
                    "properties": {
                        "code": {
                            "type": "string",
                            "enum": list(NOTICE_CODES),
                        },
                        "message": {"type": "string", "description": "For people."},
                    },
                },
            },
            "letters": {
                "type": "array",
                "description": "The letters of the authorities the question named, newest first.",
                "items": {
                    "type": "object",
                    "required": ["letter_id", "local_authority", "date", "type", "judgements"],
                    "properties": {
                        "letter_id": _LETTER_ID,
                        "local_authority": _NULLABLE_TEXT,
                        "date": _NULLABLE_DATE,
                        "type": _NULLABLE_TEXT,
                        "judgements": _FACTS["judgements"],
                    },
                },
            },
            "scope": {
                "type": "string",
                "nullable": True,
                "description": "What the question named that narrowed the search.",
            },
            "generation": {
                "type": "string",
                "pattern": "^gen-[0-9]{6}$",
                "description": "The index generation that answered; every result is from it.",
            },
            "answer": {
                "type": "array",
                "maxItems": 3,
                "items": {
                    "type": "object",
                    "required": ["text", "result", "section"],
                    "properties": {
                        "text": {"type": "string"},
                        "result": {"type": "integer", "minimum": 1},
                        "section": {
                            "type": "string",
                            "description": "The section quoted from: an improvement point "
                            "is never a finding.",
                        },
                    },
                },
            },
            "results": {
                "type": "array",
                "maxItems": MAX_K,
                "items": {"$ref": "#/components/schemas/Result"},
            },
        },
    },
    "LetterSummary": {
        "type": "object",
        "required": [*_FACTS, "passages"],
        "properties": _FACTS | {"passages": {"type": "integer", "minimum": 0}},
    },
    "Passage": {
        "type": "object",
        "required": [
            "paragraph",
            "position",
            "place",
            "page",
            "section",
            "text",
            "anchor",
            "numbered",
        ],
        "properties": {
            **_WHERE_IN_LETTER,
            "page": {"type": "integer", "minimum": 1, "nullable": True},
            "section": {"type": "string"},
            "text": {"type": "string"},
            "anchor": {"type": "string", "example": "p22"},
            "numbered": {"type": "boolean"},
        },
    },
    "Letter": {
        "type": "object",
        "required": [*_FACTS, "passages"],
        "properties": _FACTS
        | {"passages": {"type": "array", "items": {"$ref": "#/components/schemas/Passage"}}},
    },
    "Health": {
        "type": "object",
        "required": ["status", "letters", "passages", "generation", "model"],
        "properties": {
            "status": {"type": "string", "enum": ["ok"]},
            "letters": {"type": "integer", "minimum": 0},
            "passages": {"type": "integer", "minimum": 0},
            "generation": {"type": "string", "pattern": "^gen-[0-9]{6}$"},
            "model": {"type": "string"},
        },
    },
}

_ERRORS = {
    "400": "A parameter is missing or wrong; the message names it.",
    "401": "No bearer token, or not the right one.",
    "403": "Uploads and deletions are off: the admin_token setting is unset.",
    "404": "No such letter in the index.",
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
    search_parameters = [
        {
            "name": "q",
            "in": "query",
            "required": True,
            "description": "The question, with at least one letter or digit.",
            "schema": {
                "type": "string",
                "minLength": 1,
                "maxLength": MAX_QUERY,
                "pattern": QUERY_PATTERN,
            },
            "example": "what did inspectors say about neglect?",
        },
        {
            "name": "k",
            "in": "query",
            "description": "How many passages.",
            "schema": {"type": "integer", "minimum": 1, "maximum": MAX_K, "default": 10},
        },
        _choice("local_authority", "Only letters about this authority.", authorities),
        _choice("type", "Only letters of this type.", types),
        _date("date_from", "Only letters dated on or after this day (YYYY-MM-DD)."),
        _date("date_to", "Only letters dated on or before this day; not before date_from."),
    ]
    letter_id = {"name": "letter_id", "in": "path", "required": True, "schema": _LETTER_ID}
    admin: list[dict[str, list[str]]] = [{"bearer": []}]
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "Ofsted letters search",
            "version": "1.0",
            "description": "Ranked, cited passages from Ofsted's inspection letters on "
            'children\'s services. Errors are always JSON: {"error": "..."}.',
        },
        "paths": {
            "/search": {
                "get": {
                    "operationId": "search",
                    "summary": "Answer a question with ranked, cited passages.",
                    "parameters": search_parameters,
                    "responses": _responses(
                        {"200": _json("SearchResponse", "The passages, best first.")},
                        "400",
                        "503",
                    ),
                }
            },
            "/api/letters": {
                "get": {
                    "operationId": "listLetters",
                    "summary": "Every indexed letter's facts and passage count, newest first.",
                    "responses": _responses(
                        {
                            "200": {
                                "description": "The letters.",
                                "content": {
                                    "application/json": {
                                        "schema": {
                                            "type": "object",
                                            "required": ["letters"],
                                            "properties": {
                                                "letters": {
                                                    "type": "array",
                                                    "items": {
                                                        "$ref": "#/components/schemas/LetterSummary"
                                                    },
                                                }
                                            },
                                        }
                                    }
                                },
                            }
                        },
                        "503",
                    ),
                },
                "post": {
                    "operationId": "addLetter",
                    "summary": "Add a letter file (PDF, text or Markdown) to the index.",
                    "security": admin,
                    "requestBody": {
                        "required": True,
                        "content": {
                            "multipart/form-data": {
                                "schema": {
                                    "type": "object",
                                    "required": ["file"],
                                    "properties": {"file": {"type": "string", "format": "binary"}},
                                }
                            }
                        },
                    },
                    "responses": _responses(
                        {
                            "201": _json("Letter", "The letter was added."),
                            "200": _json("Letter", "The same content is already indexed."),
                        },
                        "400",
                        "401",
                        "403",
                        "413",
                        "415",
                        "422",
                        "503",
                    ),
                },
            },
            "/api/letters/{letter_id}": {
                "get": {
                    "operationId": "getLetter",
                    "summary": "One letter's facts and its passages in reading order.",
                    "parameters": [letter_id],
                    "responses": _responses({"200": _json("Letter", "The letter.")}, "404", "503"),
                },
                "delete": {
                    "operationId": "deleteLetter",
                    "summary": "Remove a letter and its file from the index.",
                    "security": admin,
                    "parameters": [letter_id],
                    "responses": _responses(
                        {
                            "200": {
                                "description": "The letter was removed; its facts as it was.",
                                "content": {
                                    "application/json": {
                                        "schema": {
                                            "type": "object",
                                            "required": ["deleted"],
                                            "properties": {
                                                "deleted": {
                                                    "$ref": "#/components/schemas/LetterSummary"
                                                }
                                            },
                                        }
                                    }
                                },
                            },
                        },
                        "401",
                        "403",
                        "404",
                        "503",
                    ),
                },
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

"""The OpenAPI document's responses, written once: a JSON body by its schema, a CSV body, and
the errors an operation answers with, each described."""

from __future__ import annotations

from typing import Any, TypedDict


class Response(TypedDict):
    """One response of an operation: what it means and its body's media type and schema."""

    description: str
    content: dict[str, dict[str, Any]]


ERRORS = {
    "400": "A parameter is missing or wrong; the message names it.",
    "401": "No bearer token, or not the right one.",
    "403": "Changes to the letters are off: the admin_token setting is unset.",
    "404": "No such letter in the index (for a restore: among the removed letters).",
    "413": "The request body is larger than the max_upload_mb setting.",
    "415": "The body is not multipart/form-data.",
    "422": "The file cannot be read as a letter; the message says why.",
    "503": "No index has been built yet.",
}


def json_response(schema: str, description: str) -> Response:
    """Return a JSON response whose body is the component schema so named."""
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema}"}}},
    }


def csv_response(description: str) -> Response:
    """Return a CSV response (text with a header row, as the description says)."""
    return {"description": description, "content": {"text/csv": {"schema": {"type": "string"}}}}


def responses(ok: dict[str, Response], *errors: str) -> dict[str, Response]:
    """Return an operation's responses: the successful ones, then each error code's, its body
    the Error schema."""
    return ok | {code: json_response("Error", ERRORS[code]) for code in errors}

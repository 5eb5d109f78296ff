"""The JSON API: /search, /api/letters (list, show, upload, delete), /health, /openapi.json."""

from __future__ import annotations

from flask import Blueprint, jsonify, request
from werkzeug.exceptions import UnsupportedMediaType

from qa.errors import IndexMissing
from qa.models import newest_first
from qa.render import letter_json, letter_summary_json, response_json
from qa.request import SearchRequest
from qa.shapes import Health, plain
from web.auth import bearer_token, require_admin_token
from web.context import current_searcher
from web.openapi import openapi_document
from web.uploads import delete_letter, store_upload

bp = Blueprint("api", __name__)


@bp.get("/search")
def search():
    """Answer a question with ranked, cited passages."""
    searcher = current_searcher()
    query = SearchRequest.parse(request.args, searcher)
    return jsonify(response_json(searcher.answer(query)))


@bp.get("/api/letters")
def letters():
    """List every indexed letter, newest first."""
    searcher = current_searcher()
    ordered = newest_first(searcher.letters)
    return jsonify({"letters": [letter_summary_json(x) for x in ordered]})


@bp.post("/api/letters")
def upload_letter():
    """Store and index an uploaded letter: 201 when new, 200 when already indexed."""
    require_admin_token(bearer_token())
    if request.mimetype != "multipart/form-data":
        raise UnsupportedMediaType(
            "Send the letter as multipart/form-data with the file in the field 'file'."
        )
    letter, created = store_upload(request.files.get("file"))
    return jsonify(letter_json(letter)), 201 if created else 200


@bp.delete("/api/letters/<letter_id>")
def remove_letter(letter_id: str):
    """Delete a letter's file and take it out of the index."""
    require_admin_token(bearer_token())
    letter = delete_letter(letter_id)
    return jsonify({"deleted": letter_summary_json(letter)})


@bp.get("/api/letters/<letter_id>")
def letter(letter_id: str):
    """Return one letter's facts and passages in reading order."""
    return jsonify(letter_json(current_searcher().letter(letter_id)))


@bp.get("/health")
def health():
    """Say the service is up and how much it holds."""
    searcher = current_searcher()
    health = Health(
        "ok",
        len(searcher.letters),
        searcher.passage_count,
        searcher.generation.name,
        searcher.generation.manifest.model,
    )
    return jsonify(plain(health))


@bp.get("/openapi.json")
def openapi():
    """Describe the JSON API (OpenAPI 3.0), with the filter values the index holds."""
    try:
        searcher = current_searcher()
    except IndexMissing:
        return jsonify(openapi_document())
    return jsonify(openapi_document(searcher.authorities, searcher.types))

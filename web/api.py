"""The JSON API: /search, /api/letters (list, show, upload, delete), /health, /openapi.json."""

from __future__ import annotations

from flask import Blueprint, jsonify, request
from werkzeug.exceptions import UnsupportedMediaType

from qa.errors import IndexMissing
from qa.render import letter_json, letter_summary_json, response_json
from qa.request import SearchRequest
from qa.shapes import Health, plain
from web.auth import bearer_token, require_admin_token
from web.context import searcher
from web.openapi import openapi_document
from web.uploads import delete_letter, store_upload

bp = Blueprint("api", __name__)


@bp.get("/search")
def search():
    """Answer a question with ranked, cited passages."""
    index = searcher()
    query = SearchRequest.parse(request.args, index)
    return jsonify(response_json(index.answer(query)))


@bp.get("/api/letters")
def letters():
    """List every indexed letter, newest first."""
    index = searcher()
    ordered = sorted(index.letters, key=lambda x: (x.date or "", x.source), reverse=True)
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
    return jsonify(letter_json(searcher().letter(letter_id)))


@bp.get("/health")
def health():
    """Say the service is up and how much it holds."""
    index = searcher()
    health = Health(
        "ok",
        len(index.letters),
        index.passage_count,
        index.generation.name,
        index.generation.manifest.model,
    )
    return jsonify(plain(health))


@bp.get("/openapi.json")
def openapi():
    """Describe the JSON API (OpenAPI 3.0), with the filter values the index holds."""
    try:
        index = searcher()
    except IndexMissing:
        return jsonify(openapi_document())
    return jsonify(openapi_document(index.authorities, index.types))

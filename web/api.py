"""The JSON API: /search, /api/letters, /health, and its description at /openapi.json."""

from __future__ import annotations

from flask import Blueprint, jsonify, request

from qa.errors import IndexMissing
from qa.render import letter_json, letter_summary_json, response_json
from qa.search import SearchRequest
from web.context import searcher
from web.openapi import openapi_document

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


@bp.get("/api/letters/<letter_id>")
def letter(letter_id: str):
    """Return one letter's facts and passages in reading order."""
    return jsonify(letter_json(searcher().letter(letter_id)))


@bp.get("/health")
def health():
    """Say the service is up and how much it holds."""
    index = searcher()
    return jsonify(
        {
            "status": "ok",
            "letters": len(index.letters),
            "passages": index.passage_count,
            "generation": index.generation.name,
            "model": index.generation.manifest.get("model"),
        }
    )


@bp.get("/openapi.json")
def openapi():
    """Describe the JSON API (OpenAPI 3.0), with the filter values the index holds."""
    try:
        index = searcher()
    except IndexMissing:
        return jsonify(openapi_document())
    return jsonify(openapi_document(index.authorities, index.types))

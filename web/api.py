"""The JSON API: /search (and /search.csv), /api/similar, /api/trends (JSON and CSV),
/api/letters (list, show, upload, remove, restore), /api/admin/log, /api/judgements and
/api/improvements (JSON and CSV), /api/authorities, /api/compare, /health, /openapi.json."""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, Response, current_app, jsonify, request, url_for
from werkzeug.exceptions import UnsupportedMediaType

from qa.audit import read_entries
from qa.authorities import authorities
from qa.compare import CompareRequest, compare
from qa.errors import BadQuery, IndexMissing
from qa.improvements import ImprovementHit, list_improvements
from qa.inspections import COLUMNS, InspectionQuery, InspectionRow, list_inspections
from qa.models import newest_first
from qa.render import (
    IMPROVEMENT_COLUMNS,
    SEARCH_COLUMNS,
    TREND_COLUMNS,
    authorities_json,
    comparison_json,
    csv_text,
    improvement_row,
    letter_json,
    letter_summary_json,
    response_json,
    search_row,
    similar_json,
    trend_rows,
)
from qa.request import MAX_EXPORT, MAX_QUERY, LetterFilter, SearchRequest
from qa.shapes import AuditLog, Health, ImprovementList, InspectionList, plain
from qa.similar import SimilarRequest, similar
from qa.trends import TrendsBody, TrendsRequest, count_trends
from web.auth import bearer_token, require_admin_token
from web.context import current_searcher
from web.openapi import LOG_LIMIT, MAX_LOG_LIMIT, openapi_document
from web.uploads import put_back, store_upload, take_out

bp = Blueprint("api", __name__)


@bp.get("/search")
def search():
    """Answer a question with ranked, cited passages."""
    searcher = current_searcher()
    query = SearchRequest.parse(request.args, searcher)
    return jsonify(response_json(searcher.answer(query)))


@bp.get("/search.csv")
def search_csv():
    """The passages answering a question, up to MAX_EXPORT of them, as CSV with citations."""
    searcher = current_searcher()
    query = SearchRequest.parse(request.args, searcher, max_k=MAX_EXPORT)
    root = request.host_url.rstrip("/")
    rows = [search_row(hit, root + hit.citation.url) for hit in searcher.search(query).hits]
    return _csv(csv_text(rows, SEARCH_COLUMNS), "search.csv")


@bp.get("/api/similar")
def similar_passages():
    """The passages of other letters most like one passage, each with its citation."""
    searcher = current_searcher()
    return jsonify(similar_json(similar(searcher, SimilarRequest.parse(request.args, searcher))))


@bp.get("/api/trends")
def trends():
    """For each year, its letters and how many mention each phrase (q, repeatable)."""
    return jsonify(plain(_trends()))


@bp.get("/api/trends.csv")
def trends_csv():
    """The same counts as /api/trends, one row per year and phrase, as CSV."""
    return _csv(csv_text(trend_rows(_trends()), TREND_COLUMNS), "trends.csv")


def _trends() -> TrendsBody:
    searcher = current_searcher()
    return count_trends(searcher, TrendsRequest.parse(request.args, searcher))


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
    """Take a letter out of the index, its files kept among the removed letters."""
    require_admin_token(bearer_token())
    letter = take_out(letter_id)
    restore = url_for("api.restore_letter", letter_id=letter.letter_id)
    return jsonify({"deleted": letter_summary_json(letter), "restore": restore})


@bp.post("/api/letters/<letter_id>/restore")
def restore_letter(letter_id: str):
    """Put a removed letter back in the letters folder and the index."""
    require_admin_token(bearer_token())
    return jsonify(letter_json(put_back(letter_id)))


@bp.get("/api/admin/log")
def admin_log():
    """The latest lines of the audit log, newest first."""
    require_admin_token(bearer_token())
    limit = request.args.get("limit", str(LOG_LIMIT))
    if not limit.isdigit() or not 1 <= int(limit) <= MAX_LOG_LIMIT:
        raise BadQuery("limit", f"limit must be a whole number from 1 to {MAX_LOG_LIMIT}")
    entries = read_entries(Path(current_app.config["INDEX"]), int(limit))
    return jsonify(plain(AuditLog(entries)))


@bp.get("/api/letters/<letter_id>")
def letter(letter_id: str):
    """Return one letter's facts and passages in reading order."""
    return jsonify(letter_json(current_searcher().letter(letter_id)))


@bp.get("/api/judgements")
def judgements():
    """List graded inspections, one row per letter that prints judgements."""
    rows = _inspections()
    return jsonify(plain(InspectionList(rows)))


@bp.get("/api/judgements.csv")
def judgements_csv():
    """The same rows as /api/judgements, as CSV."""
    rows = [plain(row) for row in _inspections()]
    return _csv(csv_text(rows, COLUMNS), "judgements.csv")


@bp.get("/api/improvements")
def improvements():
    """List improvement points across letters, each with its citation."""
    return jsonify(plain(ImprovementList(_improvements())))


@bp.get("/api/improvements.csv")
def improvements_csv():
    """The same points as /api/improvements, as CSV."""
    rows = [improvement_row(hit) for hit in _improvements()]
    return _csv(csv_text(rows, IMPROVEMENT_COLUMNS), "improvements.csv")


def _inspections() -> list[InspectionRow]:
    searcher = current_searcher()
    return list_inspections(searcher.letters, InspectionQuery.parse(request.args, searcher))


def _improvements() -> list[ImprovementHit]:
    searcher = current_searcher()
    filters = LetterFilter.parse(request.args, searcher)
    words = request.args.get("q", "")
    if len(words) > MAX_QUERY:
        raise BadQuery("q", f"q is {len(words)} characters long; the limit is {MAX_QUERY}")
    return list_improvements(searcher.letters, searcher.improvements, filters, words)


def _csv(text: str, name: str) -> Response:
    response = Response(text, content_type="text/csv; charset=utf-8")
    response.headers.set("Content-Disposition", "attachment", filename=name)
    return response


@bp.get("/api/authorities")
def authorities_list():
    """List every authority the letters are about, with its newest letter."""
    return jsonify(authorities_json(authorities(current_searcher().letters)))


@bp.get("/api/compare")
def compare_letters():
    """Put one question to several letters: each letter's best passages, in time order."""
    searcher = current_searcher()
    request_ = CompareRequest.parse(request.args, searcher)
    return jsonify(comparison_json(compare(searcher, request_)))


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

"""The JSON API: /search (and /search.csv), /api/similar, /api/trends (JSON and CSV),
/api/letters (list, show, upload, remove, restore), /api/admin/log, /api/judgements and
/api/improvements (JSON and CSV), /api/authorities, /api/compare, /health, /openapi.json."""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, Response, current_app, jsonify, request, url_for
from flask.typing import ResponseReturnValue
from werkzeug.exceptions import UnsupportedMediaType

from qa.api.render import (
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
from qa.api.shapes import AuditLog, Health, ImprovementList, InspectionList, plain
from qa.catalogue.inspections import COLUMNS
from qa.core.errors import IndexMissing
from qa.indexing.audit import read_entries
from qa.search.request import MAX_EXPORT
from web import resources
from web.auth import bearer_token, require_admin_token
from web.context import current_searcher
from web.openapi import AdminLogParams, openapi_document
from web.uploads import put_back, store_upload, take_out

bp = Blueprint("api", __name__)


@bp.get("/search")
def search() -> Response:
    """Answer a question with ranked, cited passages."""
    return jsonify(response_json(resources.search_results(current_searcher(), request.args)))


@bp.get("/search.csv")
def search_csv() -> Response:
    """The passages answering a question, up to MAX_EXPORT of them, as CSV with citations."""
    found = resources.search_hits(current_searcher(), request.args, MAX_EXPORT)
    root = request.host_url.rstrip("/")
    rows = [search_row(hit, root + hit.citation.url) for hit in found.hits]
    return _csv(csv_text(rows, SEARCH_COLUMNS), "search.csv")


@bp.get("/api/similar")
def similar_passages() -> Response:
    """The passages of other letters most like one passage, each with its citation."""
    return jsonify(similar_json(resources.similar_passages(current_searcher(), request.args)))


@bp.get("/api/trends")
def trends() -> Response:
    """For each year, its letters and how many mention each phrase (q, repeatable)."""
    return jsonify(plain(resources.trend_counts(current_searcher(), request.args)))


@bp.get("/api/trends.csv")
def trends_csv() -> Response:
    """The same counts as /api/trends, one row per year and phrase, as CSV."""
    body = resources.trend_counts(current_searcher(), request.args)
    return _csv(csv_text(trend_rows(body), TREND_COLUMNS), "trends.csv")


@bp.get("/api/letters")
def letters() -> Response:
    """List every indexed letter, newest first."""
    # Every letter: the API's list takes no filters (the /letters page does).
    listed = resources.letter_list(current_searcher(), {})
    return jsonify({"letters": [letter_summary_json(x) for x in listed.letters]})


@bp.post("/api/letters")
def upload_letter() -> ResponseReturnValue:
    """Store and index an uploaded letter: 201 when new, 200 when already indexed."""
    require_admin_token(bearer_token())
    if request.mimetype != "multipart/form-data":
        raise UnsupportedMediaType(
            "Send the letter as multipart/form-data with the file in the field 'file'."
        )
    letter, created = store_upload(request.files.get("file"))
    return jsonify(letter_json(letter)), 201 if created else 200


@bp.delete("/api/letters/<letter_id>")
def remove_letter(letter_id: str) -> Response:
    """Take a letter out of the index, its files kept among the removed letters."""
    require_admin_token(bearer_token())
    letter = take_out(letter_id)
    restore = url_for("api.restore_letter", letter_id=letter.letter_id)
    return jsonify({"deleted": letter_summary_json(letter), "restore": restore})


@bp.post("/api/letters/<letter_id>/restore")
def restore_letter(letter_id: str) -> Response:
    """Put a removed letter back in the letters folder and the index."""
    require_admin_token(bearer_token())
    return jsonify(letter_json(put_back(letter_id)))


@bp.get("/api/admin/log")
def admin_log() -> Response:
    """The latest lines of the audit log, newest first."""
    require_admin_token(bearer_token())
    limit = AdminLogParams.read(request.args).limit
    entries = read_entries(Path(current_app.config["INDEX"]), limit)
    return jsonify(plain(AuditLog(entries)))


@bp.get("/api/letters/<letter_id>")
def letter(letter_id: str) -> Response:
    """Return one letter's facts and passages in reading order."""
    return jsonify(letter_json(current_searcher().letter(letter_id)))


@bp.get("/api/judgements")
def judgements() -> Response:
    """List graded inspections, one row per letter that prints judgements."""
    table = resources.inspection_table(current_searcher(), request.args)
    return jsonify(plain(InspectionList(table.rows)))


@bp.get("/api/judgements.csv")
def judgements_csv() -> Response:
    """The same rows as /api/judgements, as CSV."""
    table = resources.inspection_table(current_searcher(), request.args)
    rows = [plain(row) for row in table.rows]
    return _csv(csv_text(rows, COLUMNS), "judgements.csv")


@bp.get("/api/improvements")
def improvements() -> Response:
    """List improvement points across letters, each with its citation."""
    points = resources.improvement_points(current_searcher(), request.args)
    return jsonify(plain(ImprovementList(points)))


@bp.get("/api/improvements.csv")
def improvements_csv() -> Response:
    """The same points as /api/improvements, as CSV."""
    points = resources.improvement_points(current_searcher(), request.args)
    rows = [improvement_row(hit) for hit in points]
    return _csv(csv_text(rows, IMPROVEMENT_COLUMNS), "improvements.csv")


def _csv(text: str, name: str) -> Response:
    response = Response(text, content_type="text/csv; charset=utf-8")
    response.headers.set("Content-Disposition", "attachment", filename=name)
    return response


@bp.get("/api/authorities")
def authorities_list() -> Response:
    """List every authority the letters are about, with its newest letter."""
    return jsonify(authorities_json(resources.authority_list(current_searcher())))


@bp.get("/api/compare")
def compare_letters() -> Response:
    """Put one question to several letters: each letter's best passages, in time order."""
    return jsonify(comparison_json(resources.comparison(current_searcher(), request.args)))


@bp.get("/health")
def health() -> Response:
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
def openapi() -> Response:
    """Describe the JSON API (OpenAPI 3.1), with the filter values the index holds."""
    try:
        searcher = current_searcher()
    except IndexMissing:
        return jsonify(openapi_document())
    return jsonify(openapi_document(searcher.authorities, searcher.types))

"""Map errors to responses in one place: JSON for the API, a page for people."""

from __future__ import annotations

import logging

from flask import Flask, g, jsonify, render_template, request
from werkzeug import Response
from werkzeug.exceptions import HTTPException

from qa.core.errors import (
    BadQuery,
    CannotStore,
    IndexMissing,
    LetterError,
    QAError,
    UnknownAuthority,
    UnknownLetter,
    UpdateBusy,
)

log = logging.getLogger(__name__)

STATUS = {
    BadQuery: 400,
    UnknownLetter: 404,
    UnknownAuthority: 404,
    LetterError: 422,
    IndexMissing: 503,
    UpdateBusy: 503,
    CannotStore: 503,
}


def wants_json() -> bool:
    """Return True for API paths, whose errors are JSON."""
    return request.path.startswith(("/api/", "/search", "/health", "/openapi"))


def _respond(status: int, message: str) -> tuple[Response | str, int]:
    g.error_message = message  # for the audit log's line about a refused change
    if wants_json():
        return jsonify({"error": message}), status
    return render_template("pages/error.html", status=status, message=message), status


def register(app: Flask) -> None:
    """Install the app's error handlers."""

    @app.errorhandler(QAError)
    def qa_error(err: QAError) -> tuple[Response | str, int]:
        status = next((code for kind, code in STATUS.items() if isinstance(err, kind)), 500)
        if status == 500:
            log.error("unexpected library error: %s", err)
        return _respond(status, str(err))

    @app.errorhandler(HTTPException)
    def http_error(err: HTTPException) -> Response:
        body, status = _respond(err.code or 500, err.description or err.name)
        response = app.make_response((body, status))
        for name, value in err.get_headers():
            if name.lower() != "content-type":
                response.headers[name] = value
        return response

    @app.errorhandler(Exception)
    def unexpected(err: Exception) -> tuple[Response | str, int]:
        log.exception("unhandled error on %s", request.path)
        return _respond(500, "Something went wrong on our side; please try again.")

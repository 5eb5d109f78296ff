"""The admin page: upload a letter with the admin token, for people who don't use the API."""

from __future__ import annotations

from flask import Blueprint, render_template, request
from werkzeug.exceptions import BadRequest, Forbidden, Unauthorized

from qa.errors import LetterError
from web.auth import require_admin_token, uploads_enabled
from web.uploads import store_upload

bp = Blueprint("admin", __name__)


@bp.get("/admin")
def admin_page():
    """Show the upload form."""
    return render_template("pages/admin.html", enabled=uploads_enabled())


@bp.post("/admin")
def admin_upload():
    """Store and index the uploaded letter, then show it; errors go back to the form."""
    try:
        require_admin_token(request.form.get("token", ""))
    except Forbidden:
        return _form_error(403, "token", "Uploads are turned off: set QA_ADMIN_TOKEN to allow them")
    except Unauthorized:
        return _form_error(401, "token", "Enter the admin token you were given")
    try:
        letter, created = store_upload(request.files.get("file"))
    except BadRequest:
        return _form_error(400, "file", "Select a letter file (.pdf, .txt or .md)")
    except LetterError as err:
        return _form_error(422, "file", f"{err.path.name}: {err.reason}. Nothing was added")
    page = render_template("pages/admin.html", enabled=True, letter=letter, created=created)
    return page, 201 if created else 200


def _form_error(status: int, field: str, message: str):
    page = render_template(
        "pages/admin.html", enabled=uploads_enabled(), error={"field": field, "text": message}
    )
    return page, status

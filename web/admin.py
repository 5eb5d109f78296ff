"""The admin pages: sign in with the admin token, then add letters, remove them (after a
confirmation page) and restore them, and read the audit log."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from werkzeug import Response
from werkzeug.exceptions import BadRequest, Forbidden, RequestEntityTooLarge, Unauthorized

from qa.core.errors import IndexMissing, LetterError
from qa.core.models import Letter, newest_first
from qa.core.text import lower_case
from qa.indexing.audit import read_entries
from web.audit import note
from web.auth import require_admin, sign_in, sign_out, signed_in, uploads_enabled
from web.context import current_searcher
from web.uploads import put_back, removed, store_upload, take_out

bp = Blueprint("admin", __name__)

LOG_LINES = 20


@bp.get("/admin")
def admin_page() -> str:
    """Show the sign-in form, or (signed in) the letters, the removed letters and the log."""
    return _page()


@bp.post("/admin/sign-in")
def admin_sign_in() -> ResponseReturnValue:
    """Sign in with the admin token; a wrong one goes back to the form."""
    try:
        sign_in(request.form.get("token", ""))
    except Forbidden:
        return _form_error(403, "token", "Changes are turned off: set QA_ADMIN_TOKEN to allow them")
    except Unauthorized:
        return _form_error(401, "token", "Enter the admin token you were given")
    return redirect(url_for("admin.admin_page"), 303)


@bp.post("/admin/sign-out")
def admin_sign_out() -> Response:
    """Sign out of the admin pages."""
    sign_out()
    return redirect(url_for("admin.admin_page"), 303)


@bp.post("/admin")
def admin_upload() -> ResponseReturnValue:
    """Store and index the uploaded letter, then show it; errors go back to the form."""
    refused = _refused(request.form.get("token", ""))
    if refused:
        return refused
    try:
        letter, created = store_upload(request.files.get("file"))
    except BadRequest:
        return _form_error(400, "file", "Select a letter file (.pdf, .txt or .md)")
    except LetterError as err:
        return _form_error(422, "file", f"{err.path.name}: {err.reason}. Nothing was added")
    return _page(letter=letter, created=created), 201 if created else 200


@bp.get("/admin/letters/<letter_id>/remove")
def confirm_removal(letter_id: str) -> ResponseReturnValue:
    """Ask whether to remove the letter, saying what removing does."""
    if not signed_in():
        return redirect(url_for("admin.admin_page"), 303)
    letter = current_searcher().letter(letter_id)
    return render_template("pages/admin_remove.html", letter=letter)


@bp.post("/admin/letters/<letter_id>/remove")
def remove_letter(letter_id: str) -> ResponseReturnValue:
    """Remove the letter (its files kept for a restore), then go back to the admin page."""
    refused = _refused()
    if refused:
        return refused
    letter = take_out(letter_id)
    flash(f"Removed “{letter.title}”. Its file is kept: restore it below.")
    return redirect(url_for("admin.admin_page"), 303)


@bp.post("/admin/letters/<letter_id>/restore")
def restore_letter(letter_id: str) -> ResponseReturnValue:
    """Put a removed letter back, then go back to the admin page."""
    refused = _refused()
    if refused:
        return refused
    try:
        letter = put_back(letter_id)
    except LetterError as err:
        return _form_error(422, "removed", f"{err.path.name}: {err.reason}. It stays removed")
    flash(f"Restored “{letter.title}”. It can be searched again.")
    return redirect(url_for("admin.admin_page"), 303)


@bp.errorhandler(RequestEntityTooLarge)
def too_large(err: RequestEntityTooLarge) -> ResponseReturnValue:
    """An oversize upload: the form again, the limit in its error summary."""
    return _form_error(413, "file", err.description or "The file is too large")


def _refused(form_token: str = "") -> tuple[str, int] | None:
    """Return the page refusing a change without the token or a sign-in, else None."""
    try:
        require_admin(form_token)
    except Forbidden:
        return _form_error(403, "token", "Changes are turned off: set QA_ADMIN_TOKEN to allow them")
    except Unauthorized:
        return _form_error(401, "token", "Enter the admin token you were given")
    if form_token:
        sign_in(form_token)
    return None


def _form_error(status: int, field: str, message: str) -> tuple[str, int]:
    note(reason=message)
    return _page(error={"field": field, "text": message}), status


def _page(**shown: Any) -> str:
    """Render /admin with what a signed-in administrator sees, or the sign-in form."""
    authority = request.args.get("authority", "").strip()
    context = {"enabled": uploads_enabled(), "signed_in": signed_in(), "authority": authority}
    if context["signed_in"]:
        letters = _letters()
        context |= {
            "letters": _uploaded_first(_about(letters, authority)),
            "letter_count": len(letters),
            "removed": removed(),
            "entries": read_entries(Path(current_app.config["INDEX"]), LOG_LINES),
        }
    return render_template("pages/admin.html", **context, **shown)


def _letters() -> list[Letter]:
    try:
        return current_searcher().letters
    except IndexMissing:
        return []


def _about(letters: list[Letter], authority: str) -> list[Letter]:
    """Return the letters whose authority's name, or the letter's own spelling, holds words."""
    words = lower_case(authority)
    return [
        x
        for x in letters
        if words in lower_case(x.local_authority or "") or words in lower_case(x.named_as or "")
    ]


def _uploaded_first(letters: list[Letter]) -> list[Letter]:
    """Return uploaded letters first, then the others; newest first within each."""
    ordered = newest_first(letters)
    return [x for x in ordered if x.source.startswith("uploads/")] + [
        x for x in ordered if not x.source.startswith("uploads/")
    ]

"""Who may change the letters: the holder of the admin token."""

from __future__ import annotations

import hashlib
import hmac

from flask import current_app, request, session
from werkzeug.datastructures import WWWAuthenticate
from werkzeug.exceptions import Forbidden, Unauthorized


def uploads_enabled() -> bool:
    """Return True when an admin token is set, so changes to the letters are allowed."""
    return bool(current_app.config.get("ADMIN_TOKEN"))


def token_matches(given: str) -> bool:
    """Compare a presented token with the admin token in constant time."""
    expected = current_app.config.get("ADMIN_TOKEN") or ""
    return bool(expected) and hmac.compare_digest(given.encode(), expected.encode())


def require_admin_token(given: str) -> None:
    """Refuse the request unless given is the admin token.

    Raises:
        Forbidden: no admin token is set, so changes are turned off.
        Unauthorized: the token is missing or wrong.
    """
    if not uploads_enabled():
        raise Forbidden("Changes to the letters are turned off: set QA_ADMIN_TOKEN to allow them.")
    if not token_matches(given):
        raise Unauthorized(
            "A valid admin token is needed: send Authorization: Bearer <token>.",
            www_authenticate=WWWAuthenticate("bearer", {"realm": "letters"}),
        )


def bearer_token() -> str:
    """Return the token of the request's Authorization: Bearer header, or ''."""
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" else ""


def sign_in(given: str) -> None:
    """Sign this browser in to /admin when given is the admin token.

    Raises:
        Forbidden: no admin token is set.
        Unauthorized: the token is wrong.
    """
    require_admin_token(given)
    # A fingerprint, not the token: the session cookie is signed, not secret. A new token
    # signs everyone out.
    session["admin"] = _fingerprint()


def sign_out() -> None:
    """Sign this browser out of /admin."""
    session.pop("admin", None)


def signed_in() -> bool:
    """Return True when this browser signed in to /admin with the current admin token."""
    given = session.get("admin")
    return (
        uploads_enabled() and isinstance(given, str) and hmac.compare_digest(given, _fingerprint())
    )


def require_admin(form_token: str = "") -> None:
    """Refuse a form's change unless it carries the admin token or the browser signed in.

    Raises:
        Forbidden: no admin token is set.
        Unauthorized: the token is wrong, or none was given and the browser is not signed in.
    """
    if form_token or not signed_in():
        require_admin_token(form_token)


def _fingerprint() -> str:
    token = current_app.config.get("ADMIN_TOKEN") or ""
    return hashlib.sha256(b"qa-admin\0" + token.encode()).hexdigest()

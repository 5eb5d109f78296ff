"""Who may change the letters: the holder of the admin token."""

from __future__ import annotations

import hmac

from flask import current_app, request
from werkzeug.datastructures import WWWAuthenticate
from werkzeug.exceptions import Forbidden, Unauthorized


def uploads_enabled() -> bool:
    """Return True when an admin token is set, so uploads and deletions are allowed."""
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
        raise Forbidden("Uploads and deletions are turned off: set QA_ADMIN_TOKEN to allow them.")
    if not token_matches(given):
        raise Unauthorized(
            "A valid admin token is needed: send Authorization: Bearer <token>.",
            www_authenticate=WWWAuthenticate("bearer", {"realm": "letters"}),
        )


def bearer_token() -> str:
    """Return the token of the request's Authorization: Bearer header, or ''."""
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" else ""

"""What browsers may do with the pages, and requests refused before any view runs."""

from __future__ import annotations

from flask import Flask, Response, abort, current_app, request

# No inline script or style anywhere: every script and stylesheet is a file under /static.
# The original PDFs open top-level in the browser's own viewer, which this policy leaves alone
# (checked in Chromium by tests/web/test_web_browser.py).
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "object-src 'none'",
        "frame-ancestors 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    ]
)

HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def register(app: Flask) -> None:
    """Refuse oversize requests up front and put the security headers on every response."""

    def refuse_oversize_body() -> None:
        # Flask only objects once a view reads the body; say so before routing, for any path.
        limit = current_app.config.get("MAX_CONTENT_LENGTH")
        size = request.content_length
        if limit is not None and size is not None and size > limit:
            abort(
                413,
                description=f"The request body is {_megabytes(size)} MB; the limit is "
                f"{_megabytes(limit)} MB (setting max_upload_mb, QA_MAX_UPLOAD_MB)",
            )

    # First of all the checks (the CSRF check would read the body to find its token).
    app.before_request_funcs.setdefault(None, []).insert(0, refuse_oversize_body)

    @app.after_request
    def add_security_headers(response: Response) -> Response:
        for name, value in HEADERS.items():
            response.headers.setdefault(name, value)
        return response


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".removesuffix(".0")

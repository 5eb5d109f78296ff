"""GOV.UK Frontend as this service uses it: its scripts from node_modules/, and its styles
compiled at setup with this service's own font stack (web/static/build/frontend.css).

Its GDS Transport fonts and its crown and crest images are GOV.UK's own: never served."""

from __future__ import annotations

import logging
from pathlib import Path

from flask import Blueprint, Flask, abort, current_app, send_from_directory
from jinja2 import ChoiceLoader, PackageLoader, PrefixLoader
from werkzeug import Response

log = logging.getLogger(__name__)

# scripts/setup.sh installs the version pinned in package.json here (npm ci).
FRONTEND = (
    Path(__file__).resolve().parents[1] / "node_modules" / "govuk-frontend" / "dist" / "govuk"
)
# Styles compiled from GOV.UK Frontend's Sass by scripts/setup.sh.
STYLES = Path(__file__).resolve().parent / "static" / "build" / "frontend.css"
SCRIPTS = (".js", ".mjs")
MAX_AGE = 24 * 60 * 60

bp = Blueprint("assets", __name__)


@bp.get("/assets/<path:filename>")
def govuk_frontend(filename: str) -> Response:
    """Serve a GOV.UK Frontend script (the components' JavaScript)."""
    root = Path(current_app.config["GOVUK_FRONTEND"])
    if "/" not in filename and filename.endswith(SCRIPTS) and (root / filename).is_file():
        return send_from_directory(root, filename, max_age=MAX_AGE)
    abort(404, description=f"No GOV.UK Frontend script {filename}")


def install(app: Flask) -> None:
    """Serve GOV.UK Frontend's assets and let templates import govuk_frontend_jinja macros."""
    app.config.setdefault("GOVUK_FRONTEND", str(FRONTEND))
    if not (Path(app.config["GOVUK_FRONTEND"]) / "govuk-frontend.min.js").is_file():
        log.warning(
            "GOV.UK Frontend is not in %s — run scripts/setup.sh; pages will not be enhanced",
            app.config["GOVUK_FRONTEND"],
        )
    if not STYLES.is_file():
        log.warning("%s is missing — run scripts/setup.sh; pages will be unstyled", STYLES)
    app.jinja_loader = ChoiceLoader(
        [
            PackageLoader("web"),
            PrefixLoader({"govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja")}),
        ]
    )
    app.register_blueprint(bp)

"""GOV.UK Frontend's compiled styles, scripts, fonts and images, served from node_modules/."""

from __future__ import annotations

import logging
from pathlib import Path

from flask import Blueprint, Flask, abort, current_app, send_from_directory
from jinja2 import ChoiceLoader, PackageLoader, PrefixLoader

log = logging.getLogger(__name__)

# scripts/setup.sh installs the version pinned in package.json here (npm ci).
FRONTEND = (
    Path(__file__).resolve().parents[1] / "node_modules" / "govuk-frontend" / "dist" / "govuk"
)
# The compiled CSS asks for /assets/fonts/… and /assets/images/…; the CSS and JS sit a level up.
SERVED = ("assets", ".")
MAX_AGE = 24 * 60 * 60

bp = Blueprint("assets", __name__)


@bp.get("/assets/<path:filename>")
def govuk_frontend(filename: str):
    """Serve a GOV.UK Frontend file: its fonts, images, manifest, CSS and JS."""
    root = Path(current_app.config["GOVUK_FRONTEND"])
    for folder in SERVED:
        if (root / folder / filename).is_file():
            return send_from_directory(root / folder, filename, max_age=MAX_AGE)
    abort(404, description=f"No GOV.UK Frontend file {filename}")


def install(app: Flask) -> None:
    """Serve GOV.UK Frontend's assets and let templates import govuk_frontend_jinja macros."""
    app.config.setdefault("GOVUK_FRONTEND", str(FRONTEND))
    if not (Path(app.config["GOVUK_FRONTEND"]) / "govuk-frontend.min.css").is_file():
        log.warning(
            "GOV.UK Frontend is not in %s — run scripts/setup.sh; pages will be unstyled",
            app.config["GOVUK_FRONTEND"],
        )
    app.jinja_loader = ChoiceLoader(
        [
            PackageLoader("web"),
            PrefixLoader({"govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja")}),
        ]
    )
    app.register_blueprint(bp)

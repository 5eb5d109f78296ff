"""The web app: a search form, letter pages and a JSON API over the index."""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any

from flask import Flask
from flask.json.provider import DefaultJSONProvider
from flask_wtf.csrf import CSRFProtect

from qa.core.offline import stay_offline
from qa.core.settings import resolve


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """Create the app: settings from defaults, then QA_* environment variables, then test_config."""
    stay_offline(os.environ)
    app = Flask(__name__)
    settings = resolve(environ=os.environ)
    app.config.from_mapping({name.upper(): value for name, value in settings.items()})
    app.config["SECRET_KEY"] = settings["secret_key"] or secrets.token_hex(32)
    app.json = _InOrder(app)
    if test_config:
        app.config.update(test_config)
    if app.config.get("MAX_CONTENT_LENGTH") is None:
        app.config["MAX_CONTENT_LENGTH"] = int(float(app.config["MAX_UPLOAD_MB"]) * 1024 * 1024)

    from web.live import LiveIndex

    app.extensions["live_index"] = LiveIndex(
        Path(app.config["INDEX"]), float(app.config["RELOAD_SECONDS"])
    )

    from web import (
        admin,
        api,
        assets,
        audit,
        authorities,
        errors,
        judgements,
        pages,
        security,
        template_helpers,
        trends,
    )

    assets.install(app)
    app.register_blueprint(template_helpers.bp)
    app.register_blueprint(pages.bp)
    app.register_blueprint(judgements.bp)
    app.register_blueprint(authorities.bp)
    app.register_blueprint(trends.bp)
    app.register_blueprint(admin.bp)
    app.register_blueprint(api.bp)
    # The admin form is protected by a CSRF token; the API by its bearer token instead.
    CSRFProtect(app).exempt(api.bp)
    errors.register(app)
    security.register(app)
    audit.register(app)
    return app


class _InOrder(DefaultJSONProvider):
    """JSON with keys in the order the API documents them, not sorted."""

    sort_keys = False

"""Serve the app with waitress, which refuses an oversize body in the app's words, not its own."""

from __future__ import annotations

import io
from typing import Any

from flask import Flask
from waitress.channel import HTTPChannel
from waitress.server import BaseWSGIServer
from waitress.server import create_server as waitress_server
from waitress.task import ErrorTask, WSGITask
from waitress.utilities import RequestEntityTooLarge

from web.memory import few_malloc_arenas

# The multipart envelope around an uploaded file: waitress's limit is the app's plus this.
ENVELOPE = 64 * 1024


class _RefusalTask(WSGITask):
    """waitress's answer to a request it refused before reading it.

    An announced oversize body goes to the app with none of its bytes (and a length the app
    refuses), so the caller gets the app's 413: JSON from the API, the form with its error
    summary from /admin. Anything else gets waitress's plain-text error.
    """

    def execute(self) -> None:
        if not isinstance(self.request.error, RequestEntityTooLarge):
            ErrorTask.execute(self)
            return
        self.set_close_on_finish()
        super().execute()

    def get_environment(self) -> dict[str, Any]:
        environ = super().get_environment()
        limit = self.channel.server.adj.max_request_body_size
        announced = int(environ.get("CONTENT_LENGTH") or 0)
        # A chunked body that ran past the limit announced no length: say at least the limit.
        environ["CONTENT_LENGTH"] = str(max(announced, limit + 1))
        environ["wsgi.input"] = io.BytesIO()
        return environ


class _Channel(HTTPChannel):
    error_task_class = _RefusalTask


def create_server(app: Flask, **options: Any) -> Any:
    """Return a waitress server for app (not yet running) that refuses an oversize body with
    the app's own 413 before reading it; options are waitress's."""
    options.setdefault("max_request_body_size", app.config["MAX_CONTENT_LENGTH"] + ENVELOPE)
    few_malloc_arenas()
    server = waitress_server(app, **options)
    for listener in [server, *getattr(server, "map", {}).values()]:
        if isinstance(listener, BaseWSGIServer):
            listener.channel_class = _Channel
    return server

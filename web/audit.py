"""Write one audit log line for every upload, removal and restore a request asks for, done or
refused, and say it in the server log too."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from flask import Flask, Response, current_app, g, request

from qa.core.errors import QAError
from qa.indexing.audit import Action, Entry, append_entry, now

log = logging.getLogger(__name__)

# The views that change the letters, by endpoint: each request to one is one log line.
ACTIONS = {
    "api.upload_letter": Action.UPLOAD,
    "admin.admin_upload": Action.UPLOAD,
    "api.remove_letter": Action.REMOVE,
    "admin.remove_letter": Action.REMOVE,
    "api.restore_letter": Action.RESTORE,
    "admin.restore_letter": Action.RESTORE,
}


def note(**facts: Any) -> None:
    """Add what the request has learnt (letter_id, file, sha256, size, outcome, reason) to its
    log line."""
    g.setdefault("audit", {}).update(facts)


def register(app: Flask) -> None:
    """Log every request to a view that changes the letters, once it is answered."""

    @app.after_request
    def record(response: Response) -> Response:
        action = ACTIONS.get(request.endpoint or "")
        if action is None or request.method not in ("POST", "DELETE"):
            return response
        facts = dict(g.get("audit", {}))
        done = response.status_code < 400 and "outcome" in facts
        entry = Entry(
            time=now(),
            action=action,
            outcome=facts.get("outcome", "") if done else "refused",
            letter_id=facts.get("letter_id") or (request.view_args or {}).get("letter_id"),
            file=facts.get("file"),
            sha256=facts.get("sha256"),
            size=facts.get("size"),
            client=request.remote_addr,
            status=response.status_code,
            reason=None if done else facts.get("reason") or g.get("error_message"),
        )
        try:
            append_entry(Path(current_app.config["INDEX"]), entry)
        except QAError as err:
            log.error("%s; not logged: %s", err, entry)
        level = logging.INFO if done else logging.WARNING
        log.log(
            level,
            "%s %s %s from %s: %s%s",
            entry.action,
            entry.letter_id or "-",
            entry.file or "-",
            entry.client,
            entry.outcome,
            f" ({entry.status}: {entry.reason})" if entry.reason else "",
        )
        return response

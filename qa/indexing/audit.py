"""The audit log: one JSON line for every change to the letters, and every refused one.

It is `audit.jsonl` in the index folder, beside the generations (which are replaced; the log
is only ever appended to). Each line is one Entry; readers skip a line cut short by a crash.
"""

from __future__ import annotations

import json
import os
import threading
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path

from qa.core.errors import CannotStore

LOG = "audit.jsonl"

_APPENDING = threading.Lock()


class Action(StrEnum):
    """What an administrator did, or tried to do, to a letter."""

    UPLOAD = "upload"
    REMOVE = "remove"
    RESTORE = "restore"
    PURGE = "purge"


@dataclass(frozen=True)
class Entry:
    """One line of the audit log.

    outcome is what happened ("added", "already indexed", "removed", "restored", "purged")
    or "refused", with the reason; status is the HTTP status the request was answered with
    (None from the command line).
    """

    time: str
    action: Action
    outcome: str
    letter_id: str | None = None
    file: str | None = None
    sha256: str | None = None
    size: int | None = None
    client: str | None = None
    status: int | None = None
    reason: str | None = None


def now() -> str:
    """Return the time now in UTC, to the second, as the log writes it."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def log_path(index_dir: Path) -> Path:
    """Return the audit log of an index."""
    return index_dir / LOG


def append_entry(index_dir: Path, entry: Entry) -> None:
    """Append one entry to the index's audit log, on disk before this returns.

    Raises:
        CannotStore: the log cannot be written.
    """
    line = json.dumps(asdict(entry), ensure_ascii=False, separators=(",", ":")) + "\n"
    path = log_path(index_dir)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with _APPENDING:
            # O_APPEND: a line from another process lands after this one, never inside it.
            handle = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
            try:
                os.write(handle, line.encode("utf-8"))
                os.fsync(handle)
            finally:
                os.close(handle)
    except OSError as err:
        raise CannotStore(f"Could not write the audit log {path}: {err.strerror}") from err


def read_entries(index_dir: Path, limit: int | None = None) -> list[Entry]:
    """Return the log's entries, newest first (the latest limit of them when given)."""
    try:
        lines = log_path(index_dir).read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return []
    entries = []
    for line in reversed(lines):
        try:
            data = json.loads(line)
            data["action"] = Action(data["action"])
            entries.append(Entry(**data))
        except (ValueError, TypeError, KeyError):
            continue  # a line cut short by a crash, or written by a later version
        if limit is not None and len(entries) >= limit:
            break
    return entries

"""The administrator's side of the mixed load (scripts/load.py --mode admin, and the locust run):
upload a letter, remove it, restore it (every other cycle remove it again), and every third
cycle remove and restore a letter the folder held before, each answer checked at once; then,
after the run, every file accounted for and one audit log line per action.

The HTTP calls go through a `send(method, path, body, headers) -> (status, body)` callable, so
that our own client and locust's drive the same scenario.
"""

from __future__ import annotations

import json
import time
import urllib.parse
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from load import with_paragraph

Send = Callable[[str, str, bytes | None, dict[str, str]], tuple[int, bytes]]

MARKER = "Mixed load marker {number}: inspectors saw the {word} mural in the family hub."
WORDS = ["heron", "otter", "kestrel", "badger", "marten", "plover", "curlew", "dormouse"]


@dataclass
class Upload:
    """One letter the administrator added: its file, its bytes and where it should end up."""

    letter_id: str
    name: str
    data: bytes
    removed: bool = False


@dataclass
class Admin:
    """Upload → remove → restore cycles, every answer checked; what it did, in order."""

    send: Send
    token: str
    base: bytes
    actions: list[tuple[str, str | None, str]] = field(default_factory=list)
    uploads: list[Upload] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    seconds: dict[str, list[float]] = field(default_factory=dict)
    cycles: int = 0

    def cycle(self, number: int, leave_removed: bool = False) -> None:
        """Upload a new letter, remove it and restore it (and remove it again if asked); every
        third cycle, remove and restore a letter of the folder too."""
        marker = MARKER.format(number=number, word=WORDS[number % len(WORDS)])
        name = f"load {uuid.uuid4().hex[:8]}.txt"
        data = with_paragraph(self.base, marker.encode())
        upload = self._upload(name, data, marker)
        if upload is None:
            return
        self._remove(upload, marker)
        self._restore(upload, marker)
        if leave_removed:
            self._remove(upload, marker)
        if number % 3 == 0:
            self._remove_and_restore_a_letter_of_the_folder(number)
        self.cycles += 1

    def _remove_and_restore_a_letter_of_the_folder(self, number: int) -> None:
        """Remove one of the letters the folder held before the run, and restore it."""
        status, answer = self.send("GET", "/api/letters", None, {})
        if status != 200:
            self.problems.append(f"list letters: status {status}")
            return
        listed = json.loads(answer)["letters"]
        theirs = [x["letter_id"] for x in listed if not x["source"].startswith("uploads/")]
        letter_id = theirs[(number * 7) % len(theirs)]
        path = f"/api/letters/{letter_id}"
        status, answer = self._timed("remove", "DELETE", path, None, self._auth())
        if status != 200:
            self.problems.append(f"remove {letter_id}: status {status}: {answer[:200]!r}")
            return
        self.actions.append(("remove", letter_id, "removed"))
        if self.send("GET", path, None, {})[0] != 404:
            self.problems.append(f"remove {letter_id}: still served when its answer came back")
        status, answer = self._timed("restore", "POST", f"{path}/restore", b"", self._auth())
        if status != 200:
            self.problems.append(f"restore {letter_id}: status {status}: {answer[:200]!r}")
            return
        self.actions.append(("restore", letter_id, "restored"))
        if self.send("GET", path, None, {})[0] != 200:
            self.problems.append(f"restore {letter_id}: not served when its answer came back")

    def _timed(self, action: str, method: str, path: str, body: bytes | None, headers: dict):
        started = time.monotonic()
        status, answer = self.send(method, path, body, headers)
        self.seconds.setdefault(action, []).append(time.monotonic() - started)
        return status, answer

    def _auth(self, extra: dict[str, str] | None = None) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"} | (extra or {})

    def _upload(self, name: str, data: bytes, marker: str) -> Upload | None:
        boundary = uuid.uuid4().hex
        part = f'Content-Disposition: form-data; name="file"; filename="{name}"'
        head = f"--{boundary}\r\n{part}\r\nContent-Type: text/plain\r\n\r\n"
        body = head.encode() + data + f"\r\n--{boundary}--\r\n".encode()
        headers = self._auth({"Content-Type": f"multipart/form-data; boundary={boundary}"})
        status, answer = self._timed("upload", "POST", "/api/letters", body, headers)
        if status != 201:
            self.problems.append(f"upload {name}: status {status}: {answer[:200]!r}")
            return None
        letter_id = json.loads(answer)["letter_id"]
        self.actions.append(("upload", letter_id, "added"))
        upload = Upload(letter_id, name, data)
        self.uploads.append(upload)
        if not self._found(letter_id, marker):
            self.problems.append(f"upload {name}: not searchable when its 201 came back")
        return upload

    def _remove(self, upload: Upload, marker: str) -> None:
        path = f"/api/letters/{upload.letter_id}"
        status, answer = self._timed("remove", "DELETE", path, None, self._auth())
        if status != 200:
            self.problems.append(f"remove {upload.name}: status {status}: {answer[:200]!r}")
            return
        self.actions.append(("remove", upload.letter_id, "removed"))
        upload.removed = True
        if self.send("GET", path, None, {})[0] != 404 or self._found(upload.letter_id, marker):
            self.problems.append(f"remove {upload.name}: still served when its answer came back")

    def _restore(self, upload: Upload, marker: str) -> None:
        path = f"/api/letters/{upload.letter_id}/restore"
        status, answer = self._timed("restore", "POST", path, b"", self._auth())
        if status != 200:
            self.problems.append(f"restore {upload.name}: status {status}: {answer[:200]!r}")
            return
        self.actions.append(("restore", upload.letter_id, "restored"))
        upload.removed = False
        if not self._found(upload.letter_id, marker):
            self.problems.append(f"restore {upload.name}: not searchable when its answer came")

    def _found(self, letter_id: str, marker: str) -> bool:
        query = urllib.parse.urlencode({"q": marker, "k": 10})
        status, answer = self.send("GET", f"/search?{query}", None, {})
        if status != 200:
            self.problems.append(f"search for {letter_id}: status {status}")
            return False
        results = json.loads(answer)["results"]
        return any(r["citation"]["letter_id"] == letter_id for r in results)


def account(letters: Path, index: Path, admin: Admin, sources: list[str]) -> list[str]:
    """Return what is missing after the run: a letter file that is neither in the letters
    folder nor among the removed letters (byte for byte), and log lines that are not one per
    action, in order."""
    problems = []
    for source in sources:
        if not (letters / source).exists():
            problems.append(f"{source} (of the corpus) is missing from the letters folder")
    for upload in admin.uploads:
        here = letters / "uploads" / _stored_name(upload.name)
        kept = letters / ".removed" / upload.letter_id / "files" / "uploads" / here.name
        where = kept if upload.removed else here
        other = here if upload.removed else kept
        if not where.exists() or where.read_bytes() != upload.data:
            problems.append(f"{upload.name} is not at {where.relative_to(letters)}")
        if other.exists():
            problems.append(f"{upload.name} is also at {other.relative_to(letters)}")
    logged = [json.loads(line) for line in (index / "audit.jsonl").read_text().splitlines()]
    seen = [(x["action"], x["letter_id"], x["outcome"]) for x in logged]
    if seen != admin.actions:
        problems.append(f"the log has {len(seen)} lines for {len(admin.actions)} actions")
    return problems


def _stored_name(name: str) -> str:
    """Return the name an upload is stored under (what werkzeug's secure_filename makes)."""
    from werkzeug.utils import secure_filename

    return secure_filename(name)

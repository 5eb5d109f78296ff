"""Helpers tests share beyond fixtures: an index built with the test embedder, and the index
command started as a process."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from qa.build import Summary, update_index
from qa.embed import HashEmbedder


def build(letters: Path, index: Path, **options) -> Summary:
    """Update index from letters with the test embedder."""
    return update_index(letters, index, "hash", HashEmbedder, **options)


def index_process(letters: Path, index: Path, *options: str) -> subprocess.Popen:
    """Start `python -m qa index` with the test embedder; its output comes as text on stdout."""
    return subprocess.Popen(
        [sys.executable, "-m", "qa", "index", "--model", "hash", *options]
        + ["--letters", str(letters), "--index", str(index)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def upload(client, data: bytes, name: str, token: str | None):
    """POST a letter file to /api/letters with the admin token (none: no Authorization)."""
    import io

    headers = {"Authorization": f"Bearer {token}"} if token is not None else {}
    return client.post(
        "/api/letters",
        data={"file": (io.BytesIO(data), name)},
        headers=headers,
        content_type="multipart/form-data",
    )


def files_under(folder: Path) -> list[str]:
    """Return every file under folder as its path relative to it, sorted."""
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())

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

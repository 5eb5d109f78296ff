"""Find the letter files under a folder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from qa.reading.ingest import LETTER_SUFFIXES


def letter_files(folder: Path) -> Iterator[tuple[str, Path]]:
    """Yield (source, path) for every letter file under folder, sorted by source.

    source is the path relative to folder with forward slashes, as citations show it.
    Hidden files and folders (and partial uploads) are skipped.
    """
    found = []
    for path in folder.rglob("*"):
        relative = path.relative_to(folder)
        if any(part.startswith(".") for part in relative.parts):
            continue
        if path.is_file() and path.suffix.lower() in LETTER_SUFFIXES:
            found.append((relative.as_posix(), path))
    yield from sorted(found)

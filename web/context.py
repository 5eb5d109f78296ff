"""What a request needs from the app: the searcher, and the letters folder."""

from __future__ import annotations

from pathlib import Path

from flask import current_app

from qa.search.searcher import Searcher


def current_searcher() -> Searcher:
    """Return the searcher this request uses (one generation for the whole request)."""
    return current_app.extensions["live_index"].searcher()


def letters_folder(searcher: Searcher) -> Path:
    """Return the folder the index's letters were read from."""
    return Path(searcher.generation.manifest.letters_dir or current_app.config["LETTERS"])

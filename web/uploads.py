"""Add and remove letters for a request, then serve the updated index at once."""

from __future__ import annotations

from pathlib import Path

from flask import current_app
from werkzeug.datastructures import FileStorage
from werkzeug.exceptions import BadRequest

from qa.embed import shared_embedder
from qa.errors import IndexMissing
from qa.intake import add_letter, remove_letter
from qa.models import Letter
from qa.search import Searcher
from web.context import letters_folder


def store_upload(upload: FileStorage | None) -> tuple[Letter, bool]:
    """Store and index an uploaded letter; return it and whether it is new.

    Raises:
        BadRequest: no file was sent.
        LetterError: the file cannot be read as a letter (nothing is stored).
    """
    if upload is None or not upload.filename:
        raise BadRequest("Send the letter file in the multipart form field 'file'.")
    live = current_app.extensions["live_index"]
    searcher = _loaded()
    letters_dir, model = _target(searcher)
    added = add_letter(
        letters_dir,
        Path(current_app.config["INDEX"]),
        model,
        lambda: shared_embedder(model),
        upload.filename,
        upload.read(),
        indexed={letter.sha256 for letter in searcher.letters} if searcher else (),
    )
    fresh = searcher if added.summary is None and searcher is not None else live.refresh()
    return fresh.letter(added.letter_id), added.created


def delete_letter(letter_id: str) -> Letter:
    """Delete a letter's files and take it out of the index; return what was removed.

    Raises:
        UnknownLetter: no such letter in the index.
    """
    live = current_app.extensions["live_index"]
    searcher = live.searcher()
    letter = searcher.letter(letter_id)
    letters_dir, model = _target(searcher)
    remove_letter(
        letters_dir,
        Path(current_app.config["INDEX"]),
        model,
        lambda: shared_embedder(model),
        letter,
    )
    live.refresh()
    return letter


def _loaded() -> Searcher | None:
    try:
        return current_app.extensions["live_index"].searcher()
    except IndexMissing:
        return None


def _target(searcher: Searcher | None) -> tuple[Path, str]:
    """Return the letters folder and model that updates of this index must use."""
    if searcher is None:
        return Path(current_app.config["LETTERS"]), current_app.config["MODEL"]
    return letters_folder(searcher), searcher.generation.manifest.model

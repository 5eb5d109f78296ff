"""Add, remove and restore letters for a request, then serve the updated index at once."""

from __future__ import annotations

import hashlib
from pathlib import Path

from flask import current_app
from werkzeug.datastructures import FileStorage
from werkzeug.exceptions import BadRequest

from qa.core.errors import IndexMissing
from qa.core.models import Letter
from qa.indexing.audit import now
from qa.indexing.embed import shared_embedder
from qa.indexing.intake import Upload, add_letter, remove_letter, restore_letter
from qa.indexing.removed import RemovedLetter, removed_letters
from qa.search.searcher import Searcher
from web.audit import note
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
    data = upload.read()
    sha = hashlib.sha256(data).hexdigest()
    note(file=upload.filename, sha256=sha, size=len(data), letter_id=sha[:16])
    added = add_letter(
        letters_dir,
        Path(current_app.config["INDEX"]),
        model,
        lambda: shared_embedder(model),
        Upload(upload.filename, data),
        indexed={letter.sha256 for letter in searcher.letters} if searcher else (),
    )
    fresh = searcher if added.summary is None and searcher is not None else live.refresh()
    note(outcome="added" if added.created else "already indexed")
    return fresh.letter(added.letter_id), added.created


def take_out(letter_id: str) -> Letter:
    """Move a letter's files to the removed letters and take it out of the index; return it.

    Raises:
        UnknownLetter: no such letter in the index.
    """
    live = current_app.extensions["live_index"]
    searcher = live.searcher()
    letter = searcher.letter(letter_id)
    note(file=letter.source, sha256=letter.sha256, size=_size(searcher, letter))
    letters_dir, model = _target(searcher)
    remove_letter(
        letters_dir,
        Path(current_app.config["INDEX"]),
        model,
        lambda: shared_embedder(model),
        letter,
        now(),
    )
    live.refresh()
    note(outcome="removed")
    return letter


def put_back(letter_id: str) -> Letter:
    """Move a removed letter's files back and index it again; return it as indexed.

    Raises:
        UnknownRemovedLetter: no removed letter has this id.
        LetterError: the file no longer reads as a letter (it stays removed).
    """
    live = current_app.extensions["live_index"]
    searcher = _loaded()
    letters_dir, model = _target(searcher)
    record = restore_letter(
        letters_dir,
        Path(current_app.config["INDEX"]),
        model,
        lambda: shared_embedder(model),
        letter_id,
    )
    first = record.files[0].source if record.files else None
    note(file=first, sha256=record.sha256, outcome="restored")
    return live.refresh().letter(letter_id)


def removed() -> list[RemovedLetter]:
    """Return the removed letters of the served index's letters folder, latest first."""
    return removed_letters(_target(_loaded())[0])


def _size(searcher: Searcher, letter: Letter) -> int | None:
    try:
        return (letters_folder(searcher) / letter.source).stat().st_size
    except OSError:
        return None


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

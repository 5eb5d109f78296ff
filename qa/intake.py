"""Put a letter file into the letters folder or take one out, and bring the index up to date."""

from __future__ import annotations

import hashlib
import os
import tempfile
import time
from collections.abc import Callable, Collection
from dataclasses import dataclass
from pathlib import Path

from werkzeug.utils import secure_filename

from qa.build import Summary, update_index
from qa.embed import Embedder
from qa.errors import CannotStore, LetterError, UpdateBusy
from qa.ingest import LETTER_SUFFIXES
from qa.models import Letter
from qa.reader import read_letter
from qa.scan import letter_files

UPLOADS = "uploads"
BUSY_WAIT_SECONDS = 60.0


@dataclass(frozen=True)
class Added:
    """The letter an upload gave, and whether it is new to the index."""

    letter_id: str
    created: bool
    summary: Summary | None = None


def add_letter(
    letters_dir: Path,
    index_dir: Path,
    model: str,
    load_embedder: Callable[[], Embedder],
    filename: str,
    data: bytes,
    indexed: Collection[str] = (),
) -> Added:
    """Store an uploaded letter under letters_dir/uploads/ and index it.

    Nothing is stored when the file cannot be read as a letter or its content is already
    indexed (sha256 in indexed); a file the index update then rejects is removed again.

    Raises:
        LetterError: the file is not a letter file this service can read (with the reason).
        CannotStore: the letters folder cannot be written.
        UpdateBusy: another update kept the index busy for too long.
    """
    sha = hashlib.sha256(data).hexdigest()
    if sha in indexed:
        return Added(sha[:16], created=False)
    name = _safe_name(filename)
    try:
        read_letter(Path(name), f"{UPLOADS}/{name}", data)
    except LetterError:
        raise
    except Exception as err:  # a PDF library failure is the file's fault, not the service's
        raise LetterError(filename, f"could not be read ({type(err).__name__})") from err
    path = _store(letters_dir / UPLOADS, name, data)
    source = path.relative_to(letters_dir).as_posix()
    try:
        summary = _update(letters_dir, index_dir, model, load_embedder)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    failure = dict(summary.failed).get(source) or dict(summary.skipped).get(source)
    if failure is not None:
        path.unlink(missing_ok=True)
        if source in dict(summary.failed):
            raise LetterError(filename, failure)
        return Added(sha[:16], created=False, summary=summary)
    return Added(sha[:16], created=True, summary=summary)


def remove_letter(
    letters_dir: Path,
    index_dir: Path,
    model: str,
    load_embedder: Callable[[], Embedder],
    letter: Letter,
) -> Summary:
    """Delete every file in letters_dir holding the letter's content, then update the index.

    Raises:
        CannotStore: a file could not be deleted.
        UpdateBusy: another update kept the index busy for too long.
    """
    for _source, path in letter_files(letters_dir):
        if _sha256(path) == letter.sha256:
            try:
                path.unlink()
            except FileNotFoundError:
                continue
            except OSError as err:
                raise CannotStore(f"Could not delete {path}: {err.strerror}") from err
    return _update(letters_dir, index_dir, model, load_embedder)


def _safe_name(filename: str) -> str:
    name = secure_filename(Path(filename.replace("\\", "/")).name)
    suffix = Path(name).suffix.lower()
    if suffix not in LETTER_SUFFIXES:
        kinds = ", ".join(sorted(LETTER_SUFFIXES))
        raise LetterError(filename or "upload", f"not a letter file; send one of {kinds}")
    stem = Path(name).stem or "letter"
    return stem + suffix


def _store(folder: Path, name: str, data: bytes) -> Path:
    """Write data under folder as name (or name-2, name-3…), never half-written or overwriting."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        # A hidden temporary name: letter_files skips it, so an update never sees a partial file.
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".upload-")
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
    except OSError as err:
        raise CannotStore(f"Could not store the letter in {folder}: {err.strerror}") from err
    stem, suffix = Path(name).stem, Path(name).suffix
    try:
        for number in range(1, 10_000):
            target = folder / (name if number == 1 else f"{stem}-{number}{suffix}")
            try:
                os.link(temporary, target)
            except FileExistsError:
                continue
            return target
        raise CannotStore(f"Too many letters named {name} in {folder}")
    finally:
        os.unlink(temporary)


def _update(
    letters_dir: Path, index_dir: Path, model: str, load_embedder: Callable[[], Embedder]
) -> Summary:
    deadline = time.monotonic() + BUSY_WAIT_SECONDS
    while True:
        try:
            return update_index(letters_dir, index_dir, model, load_embedder)
        except UpdateBusy:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.5)


def _sha256(path: Path) -> str | None:
    try:
        with path.open("rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError:
        return None

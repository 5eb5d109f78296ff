"""Put a letter file into the letters folder, take one out (reversibly) or put it back, and
bring the index up to date."""

from __future__ import annotations

import hashlib
import os
import secrets
import threading
import time
from collections.abc import Callable, Collection
from dataclasses import dataclass
from pathlib import Path

from werkzeug.utils import secure_filename

from qa.core.errors import CannotStore, LetterError, UpdateBusy
from qa.core.models import Letter
from qa.indexing.build import update_index
from qa.indexing.embed import Embedder
from qa.indexing.removed import RemovedLetter, move_back, move_out, purge
from qa.indexing.summary import Summary
from qa.reading.ingest import LETTER_SUFFIXES
from qa.reading.reader import read_letter
from qa.reading.scan import letter_files
from qa.reading.vetting import vet_letter

UPLOADS = "uploads"
BUSY_WAIT_SECONDS = 60.0

# Removals and restores in this process move files one at a time: one at once.
_MOVING = threading.Lock()


@dataclass(frozen=True)
class Added:
    """The letter an upload gave, and whether it is new to the index."""

    letter_id: str
    created: bool
    summary: Summary | None = None


@dataclass(frozen=True)
class Upload:
    """A letter file as sent: the name it was sent under, and its bytes."""

    filename: str
    data: bytes


def add_letter(
    letters_dir: Path,
    index_dir: Path,
    model: str,
    load_embedder: Callable[[], Embedder],
    upload: Upload,
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
    filename, data = upload.filename, upload.data
    sha = hashlib.sha256(data).hexdigest()
    if sha in indexed:
        return Added(sha[:16], created=False)
    name = _safe_name(filename)
    try:
        vet_letter(Path(name), read_letter(Path(name), f"{UPLOADS}/{name}", data))
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
    when: str,
) -> RemovedLetter:
    """Move every file in letters_dir holding the letter's content into the removed-letters
    folder, then update the index; the files are put back if the update fails.

    Raises:
        CannotStore: a file could not be moved.
        UpdateBusy: another update kept the index busy for too long.
    """
    with _MOVING:
        removed = move_out(letters_dir, letter, _files_holding(letters_dir, letter), when)
        try:
            _update(letters_dir, index_dir, model, load_embedder)
        except BaseException:
            move_back(letters_dir, letter.letter_id)
            raise
    return removed


def restore_letter(
    letters_dir: Path,
    index_dir: Path,
    model: str,
    load_embedder: Callable[[], Embedder],
    letter_id: str,
) -> RemovedLetter:
    """Move a removed letter's files back into letters_dir and index it again.

    Raises:
        UnknownRemovedLetter: no removed letter has this id.
        LetterError: the file no longer reads as a letter (it stays removed).
        CannotStore: a file could not be moved back.
        UpdateBusy: another update kept the index busy for too long.
    """
    with _MOVING:
        record, sources = move_back(letters_dir, letter_id)
        try:
            summary = _update(letters_dir, index_dir, model, load_embedder)
        except BaseException:
            _move_out_again(letters_dir, record, sources)
            raise
        # A copy of a letter indexed under another name is skipped, yet the letter is back.
        skipped = {s: why for s, why in summary.skipped if not why.startswith("the same letter")}
        refused = {**skipped, **dict(summary.failed)}
        reasons = [refused[s] for s in sources if s in refused]
        if sources and len(reasons) == len(sources):
            _move_out_again(letters_dir, record, sources)
            _update(letters_dir, index_dir, model, load_embedder)
            raise LetterError(sources[0], reasons[0])
    return record


def purge_letter(letters_dir: Path, letter_id: str) -> RemovedLetter:
    """Delete a removed letter's files for good (it is already out of the index).

    Raises:
        UnknownRemovedLetter: no removed letter has this id.
        CannotStore: the files could not be deleted.
    """
    with _MOVING:
        return purge(letters_dir, letter_id)


def _move_out_again(letters_dir: Path, record: RemovedLetter, sources: list[str]) -> None:
    letter = Letter(
        record.letter_id,
        sources[0] if sources else "",
        record.sha256,
        record.title,
        record.local_authority,
        record.date,
        record.type,
    )
    move_out(letters_dir, letter, [letters_dir / s for s in sources], record.removed)


def _files_holding(letters_dir: Path, letter: Letter) -> list[Path]:
    """Return every letter file under letters_dir whose content is the letter's."""
    try:
        size = (letters_dir / letter.source).stat().st_size
    except OSError:
        size = None
    found = []
    for _source, path in letter_files(letters_dir):
        # Only a file of the same size can hold the same content: hash only those.
        try:
            if size is not None and path.stat().st_size != size:
                continue
        except OSError:
            continue
        if _sha256(path) == letter.sha256:
            found.append(path)
    return found


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
        # A hidden temporary name: letter_files skips it, so an update never sees a partial
        # file. Created as any new file is (0666 less the umask), not mkstemp's 0600, so an
        # upload has the mode of the letters copied in beside it.
        temporary = folder / f".upload-{secrets.token_hex(8)}"
        handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
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

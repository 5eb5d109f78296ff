"""The removed-letters folder: letters taken out of the index, kept byte for byte until restored.

It is `.removed/` inside the letters folder: hidden, so no scan of the letters folder indexes
it, and it travels with the collection (rebuilding or moving the index loses nothing). Each
removed letter has a folder named by its id holding `removed.json` (what it was and where each
of its files came from) and the files themselves under `files/`, at their old paths.
"""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import asdict, dataclass
from pathlib import Path

from qa.core.errors import CannotStore, UnknownRemovedLetter
from qa.core.models import Letter

REMOVED = ".removed"
RECORD = "removed.json"


@dataclass(frozen=True)
class RemovedFile:
    """One file of a removed letter: where it was in the letters folder, where it is kept."""

    source: str
    kept: str


@dataclass(frozen=True)
class RemovedLetter:
    """A letter taken out of the index, with its files kept for a restore."""

    letter_id: str
    sha256: str
    title: str
    local_authority: str | None
    date: str | None
    type: str | None
    removed: str
    files: tuple[RemovedFile, ...]


def removed_folder(letters_dir: Path) -> Path:
    """Return the folder removed letters are kept in."""
    return letters_dir / REMOVED


def move_out(letters_dir: Path, letter: Letter, paths: list[Path], when: str) -> RemovedLetter:
    """Move the letter's files into the removed-letters folder and record where each came from.

    Raises:
        CannotStore: a file could not be moved (those moved already are put back).
    """
    folder = removed_folder(letters_dir) / letter.letter_id
    earlier = _read_record(folder)
    files = list(earlier.files) if earlier else []
    planned: list[tuple[Path, Path]] = []
    for path in paths:
        source = path.relative_to(letters_dir).as_posix()
        taken = {folder / f.kept for f in files}
        kept = _free_path(folder / "files" / source, taken)
        planned.append((path, kept))
        files.append(RemovedFile(source, kept.relative_to(folder).as_posix()))
    record = RemovedLetter(
        letter.letter_id,
        letter.sha256,
        letter.title,
        letter.local_authority,
        letter.date,
        letter.type,
        when,
        tuple(files),
    )
    moved: list[tuple[Path, Path]] = []
    try:
        # The record first: a crash part-way leaves files it names, never files it does not.
        _write_record(folder, record)
        for path, kept in planned:
            kept.parent.mkdir(parents=True, exist_ok=True)
            os.rename(path, kept)
            moved.append((path, kept))
    except OSError as err:
        for path, kept in reversed(moved):
            os.rename(kept, path)
        if earlier is not None:
            _write_record(folder, earlier)
        else:
            shutil.rmtree(folder, ignore_errors=True)
        raise CannotStore(f"Could not move {letter.source} to {folder}: {err.strerror}") from err
    return record


def move_back(letters_dir: Path, letter_id: str) -> tuple[RemovedLetter, list[str]]:
    """Move a removed letter's files back to where they were; return it and their sources.

    A file whose old path is taken by another file comes back beside it as name-2.

    Raises:
        UnknownRemovedLetter: no removed letter has this id.
        CannotStore: a file could not be moved back.
    """
    folder = removed_folder(letters_dir) / letter_id
    record = find_removed(letters_dir, letter_id)
    sources = []
    try:
        for file in record.files:
            kept = folder / file.kept
            if not kept.exists() and not kept.is_symlink():
                continue
            target = _free_path(letters_dir / file.source)
            target.parent.mkdir(parents=True, exist_ok=True)
            os.rename(kept, target)
            sources.append(target.relative_to(letters_dir).as_posix())
        shutil.rmtree(folder)
    except OSError as err:
        raise CannotStore(f"Could not move {letter_id} back from {folder}: {err.strerror}") from err
    return record, sources


def purge(letters_dir: Path, letter_id: str) -> RemovedLetter:
    """Delete a removed letter's files for good; return what was deleted.

    Raises:
        UnknownRemovedLetter: no removed letter has this id.
        CannotStore: the files could not be deleted.
    """
    record = find_removed(letters_dir, letter_id)
    try:
        shutil.rmtree(removed_folder(letters_dir) / letter_id)
    except OSError as err:
        raise CannotStore(f"Could not delete the removed letter {letter_id}: {err}") from err
    return record


def find_removed(letters_dir: Path, letter_id: str) -> RemovedLetter:
    """Return the removed letter with this id.

    Raises:
        UnknownRemovedLetter: no removed letter has this id.
    """
    if not _is_letter_id(letter_id):
        raise UnknownRemovedLetter(letter_id)
    record = _read_record(removed_folder(letters_dir) / letter_id)
    if record is None:
        raise UnknownRemovedLetter(letter_id)
    return record


def removed_letters(letters_dir: Path) -> list[RemovedLetter]:
    """Return every removed letter, most recently removed first."""
    folder = removed_folder(letters_dir)
    if not folder.is_dir():
        return []
    found = [r for path in folder.iterdir() if (r := _read_record(path)) is not None]
    return sorted(found, key=lambda r: (r.removed, r.letter_id), reverse=True)


def _is_letter_id(text: str) -> bool:
    return len(text) == 16 and all(ch in "0123456789abcdef" for ch in text)


def _free_path(path: Path, taken: set[Path] | frozenset[Path] = frozenset()) -> Path:
    """Return path, or name-2, name-3… beside it: the first that holds nothing."""
    candidate, number = path, 1
    while candidate in taken or candidate.exists() or candidate.is_symlink():
        number += 1
        candidate = path.with_name(f"{path.stem}-{number}{path.suffix}")
    return candidate


def _read_record(folder: Path) -> RemovedLetter | None:
    try:
        data = json.loads((folder / RECORD).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    files = tuple(RemovedFile(**f) for f in data.pop("files"))
    return RemovedLetter(**data, files=files)


def _write_record(folder: Path, record: RemovedLetter) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    temporary = folder / f".{RECORD}.tmp"
    temporary.write_text(json.dumps(asdict(record), ensure_ascii=False, indent=1), "utf-8")
    os.replace(temporary, folder / RECORD)

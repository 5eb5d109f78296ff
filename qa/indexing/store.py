"""The index on disk: immutable generation folders and one file naming the current one.

    index/CURRENT            the name of the current generation, replaced atomically
    index/gen-000007/        one complete index, never changed once named
        manifest.json        format, model, reader version, counts
        letters.json         every letter's facts and passages, with each passage's vector key
        vectors.faiss        the passage vectors, in passage order
        bm25/                the keyword index, in passage order
        abbreviations.json   the abbreviations the letters define, for reading questions
        matching.json        each letter's passages as they are matched, for the next update
        sentences.npy, sentence_passages.npy, sentence_keys.npy
                             every sentence's vector, its passage and key (qa/indexing/sentences.py)
        words.json           each letter's words, for putting misspellings right
                             (qa/indexing/words.py, read by qa/search/spelling.py)
    index/cache/             vectors embedded by an update that has not finished yet

A reader follows CURRENT, so it sees the old generation or the new one, never a mixture.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path
from typing import Any

import faiss
import numpy as np

from qa.core.errors import IndexMismatch, IndexMissing, UpdateBusy
from qa.core.models import Letter, Passage
from qa.indexing.embed import model_slug

FORMAT = 1
POINTER = "CURRENT"
_GENERATION = re.compile(r"^gen-(\d{6})$")


@dataclass(frozen=True)
class Manifest:
    """What a generation was built from and holds. Read by read_manifest, written only by
    write_generation."""

    model: str
    dimension: int
    reader: int
    # How passages are turned into the text they are matched by
    # (qa.indexing.embed.MATCHING_VERSION).
    matching: int = 0
    letters_dir: str | None = None
    # PyTorch and ONNX Runtime give the same vectors (qa/indexing/export.py checks it), so the
    # backend is recorded but is not part of the vectors' identity, as the model is.
    backend: str | None = None
    format: int = FORMAT
    letters: int = 0
    passages: int = 0
    created: str = ""


def read_manifest(path: Path) -> Manifest:
    """Return the manifest of the generation in path.

    Raises:
        IndexMismatch: the generation was written in a format this code does not read.
    """
    data = json.loads((path / "manifest.json").read_text())
    if data.get("format") != FORMAT:
        raise IndexMismatch(
            f"The index at {path.parent} has format {data.get('format')}, this code reads "
            f'{FORMAT}: rebuild it with "python -m qa index --rebuild"'
        )
    known = {f.name for f in fields(Manifest)}
    return Manifest(**{key: value for key, value in data.items() if key in known})


@dataclass(frozen=True)
class Generation:
    """One complete index as read from disk."""

    path: Path
    manifest: Manifest
    letters: list[Letter]
    keys: list[str]

    @property
    def name(self) -> str:
        return self.path.name


def current_path(index_dir: Path) -> Path | None:
    """Return the current generation's folder, or None when there is no index yet."""
    name = _pointer(index_dir)
    if not name:
        return None
    path = index_dir / name
    if not _GENERATION.match(name) or not (path / "manifest.json").exists():
        raise IndexMismatch(f"{index_dir / POINTER} names {name!r}, which is not a complete index")
    return path


def read_generation(index_dir: Path) -> Generation:
    """Return the current generation's letters and manifest (vectors are read separately).

    Raises:
        IndexMissing: there is no index in index_dir.
    """
    path = current_path(index_dir)
    if path is None:
        raise IndexMissing(index_dir)
    return read_generation_at(path)


def read_generation_at(path: Path) -> Generation:
    """Return the generation stored in path."""
    manifest = read_manifest(path)
    stored = json.loads((path / "letters.json").read_text())
    letters, keys = [], []
    for item in stored:
        passages = tuple(
            _passage(row, position) for position, row in enumerate(item.pop("passages"), 1)
        )
        keys.extend(item.pop("keys"))
        item["inspectors"] = tuple(item["inspectors"])
        letters.append(Letter(**item, passages=passages))
    return Generation(path=path, manifest=manifest, letters=letters, keys=keys)


def _passage(row: list[Any], position: int) -> Passage:
    # Indexes written before sentence spans were kept have six fields, before places seven.
    if len(row) > 6:
        row[6] = tuple(tuple(span) for span in row[6])
    text, section, paragraph, page, anchor, numbered, *rest = row
    spans = rest[0] if rest else ()
    place = rest[1] if len(rest) > 1 else None
    return Passage(text, section, paragraph, page, anchor, numbered, spans, position, place)


def read_vectors(path: Path) -> faiss.Index:
    """Return the generation's FAISS index of passage vectors."""
    return faiss.read_index(str(path / "vectors.faiss"))


def write_generation(
    index_dir: Path,
    letters: list[Letter],
    keys: list[str],
    vectors: np.ndarray,
    manifest: Manifest,
    write_extra: Callable[[Path], None] | None = None,
) -> Path:
    """Write a new generation, then make it current. Returns its folder.

    Every file is written and synced under a temporary name first, so a crash at any point
    leaves the previous generation current and complete.
    """
    index_dir.mkdir(parents=True, exist_ok=True)
    name = f"gen-{_next_number(index_dir):06d}"
    staging = index_dir / f".tmp-{name}"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    _write_json(staging / "letters.json", _letter_records(letters, keys))
    flat = faiss.IndexFlatIP(vectors.shape[1])
    flat.add(np.ascontiguousarray(vectors, dtype=np.float32))
    faiss.write_index(flat, str(staging / "vectors.faiss"))
    if write_extra is not None:
        write_extra(staging)
    complete = replace(
        manifest,
        format=FORMAT,
        letters=len(letters),
        passages=len(keys),
        created=time.strftime("%Y-%m-%dT%H:%M:%S%z"),
    )
    _write_json(staging / "manifest.json", asdict(complete))
    _sync_tree(staging)
    final = index_dir / name
    before = _pointer(index_dir)
    os.replace(staging, final)
    _replace_file(index_dir / POINTER, name + "\n")
    # The generation current until now stays for a while: a server may still be reading it.
    _collect_garbage(index_dir, keep={name, before})
    return final


def _letter_records(letters: list[Letter], keys: list[str]) -> list[dict[str, Any]]:
    """Return the letters as letters.json holds them: facts, passages as rows, vector keys."""
    records, start = [], 0
    for letter in letters:
        item = letter.facts() | {"sha256": letter.sha256}
        item["passages"] = [_passage_row(p) for p in letter.passages]
        item["keys"] = keys[start : start + len(letter.passages)]
        start += len(letter.passages)
        records.append(item)
    return records


def _passage_row(p: Passage) -> list[Any]:
    """Return a passage as a row of letters.json (read back by _passage)."""
    return [
        p.text,
        p.section,
        p.paragraph,
        p.page,
        p.anchor,
        p.numbered,
        [list(span) for span in p.sentence_spans],
        p.place,
    ]


def _next_number(index_dir: Path) -> int:
    numbers = [int(m.group(1)) for p in index_dir.iterdir() if (m := _GENERATION.match(p.name))]
    return max(numbers, default=0) + 1


def _pointer(index_dir: Path) -> str:
    try:
        return (index_dir / POINTER).read_text().strip()
    except FileNotFoundError:
        return ""


def _collect_garbage(index_dir: Path, keep: set[str]) -> None:
    for path in index_dir.iterdir():
        stale = _GENERATION.match(path.name) and path.name not in keep
        if stale or path.name.startswith(".tmp-"):
            shutil.rmtree(path, ignore_errors=True)


def _write_json(path: Path, data: Any) -> None:
    # json.dumps, not json.dump: only the one-shot form uses the C encoder (5x faster).
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text)


def _replace_file(path: Path, text: str) -> None:
    temporary = path.with_name(f".{path.name}.tmp")
    with open(temporary, "w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)
    _sync_dir(path.parent)


def _sync_tree(folder: Path) -> None:
    for root, _dirs, files in os.walk(folder):
        for name in files:
            with open(os.path.join(root, name), "rb") as handle:
                os.fsync(handle.fileno())
        _sync_dir(Path(root))


def _sync_dir(folder: Path) -> None:
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


# Updates running in this process, by index folder: a POSIX lock does not stop a second
# thread of the process that holds it.
_UPDATING: set[Path] = set()
_UPDATING_LOCK = threading.Lock()


@contextmanager
def update_lock(index_dir: Path) -> Iterator[None]:
    """Hold the index's update lock; raise UpdateBusy when another update holds it."""
    import fcntl

    index_dir.mkdir(parents=True, exist_ok=True)
    key = index_dir.resolve()
    busy = UpdateBusy(f"Another update of {index_dir} is running; wait for it to finish")
    with _UPDATING_LOCK:
        if key in _UPDATING:
            raise busy
        _UPDATING.add(key)
    try:
        with open(index_dir / ".lock", "w") as handle:
            try:
                # A POSIX record lock, not flock: processes forked to read letters do not
                # inherit it, so a killed update's orphaned readers cannot hold the next off.
                fcntl.lockf(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError as err:
                raise busy from err
            yield
    finally:
        with _UPDATING_LOCK:
            _UPDATING.discard(key)


class VectorCache:
    """Vectors embedded by an unfinished update, saved in chunks so a rerun need not redo them."""

    def __init__(self, index_dir: Path, model: str) -> None:
        self.folder = index_dir / "cache" / model_slug(model)
        self._count = 0

    def load(self) -> dict[str, np.ndarray]:
        """Return the cached vectors by key."""
        found: dict[str, np.ndarray] = {}
        if not self.folder.exists():
            return found
        for chunk in sorted(self.folder.glob("chunk-*.npz")):
            try:
                with np.load(chunk) as data:
                    found.update(zip(data["keys"].tolist(), data["vectors"], strict=True))
            except (OSError, ValueError, KeyError):
                chunk.unlink(missing_ok=True)  # a chunk cut short by a crash
        self._count = len(list(self.folder.glob("chunk-*.npz")))
        return found

    def save(self, keys: list[str], vectors: np.ndarray) -> None:
        """Add a chunk of freshly embedded vectors."""
        self.folder.mkdir(parents=True, exist_ok=True)
        self._count += 1
        final = self.folder / f"chunk-{self._count:06d}.npz"
        temporary = self.folder / f".chunk-{self._count:06d}.tmp.npz"
        np.savez(temporary, keys=np.array(keys), vectors=vectors)
        os.replace(temporary, final)

    def clear(self) -> None:
        """Forget the cache once its vectors are in a generation."""
        shutil.rmtree(self.folder.parent, ignore_errors=True)

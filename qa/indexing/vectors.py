"""The vectors an update needs: reused from the previous generation or the cache where a
text is unchanged, else embedded (the model loaded only then, once for passages and their
sentences alike)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from qa.indexing.embed import Embedder
from qa.indexing.sentences import KEYS, VECTORS, has_sentences
from qa.indexing.store import Generation, VectorCache, read_vectors

EMBED_CHUNK = 512


@dataclass(frozen=True)
class Progress:
    """A step of an update for a progress display: what, how far, out of how many."""

    stage: str
    done: int
    total: int


class Once:
    """The embedder, loaded the first time a text needs embedding."""

    def __init__(self, load: Callable[[], Embedder]) -> None:
        self._load = load
        self._embedder: Embedder | None = None

    @property
    def backend(self) -> str | None:
        return self._embedder.backend if self._embedder else None

    def get(self) -> Embedder:
        if self._embedder is None:
            self._embedder = self._load()
        return self._embedder


@dataclass(frozen=True)
class Embedding:
    """Where the vectors an update has not stored yet come from: the cache of an unfinished
    update, else the embedder (loaded once); each chunk embedded is saved and reported."""

    cache: VectorCache
    embedder: Once
    report: Callable[[Progress], None]


@dataclass(frozen=True)
class Vectors:
    """The vectors an update stores, passages' (float32) and sentences' (float16), row for
    row with their keys, and how many of each it embedded (the rest were reused)."""

    passages: np.ndarray
    sentences: np.ndarray
    passages_embedded: int
    sentences_embedded: int


def vectors_for(
    model: str,
    old: Generation | None,
    passages: tuple[list[str], list[str]],
    sentences: tuple[list[str], list[str]],
    embedding: Embedding,
) -> Vectors:
    """Return the vectors of the passages and of their sentences, each given as (texts,
    keys): reused from the old generation or the cache where the key is known, else embedded."""
    known = embedding.cache.load()
    same_model = old is not None and old.manifest.model == model
    if same_model and old is not None:
        wanted = set(passages[1])
        reuse = [i for i, key in enumerate(old.keys) if key in wanted and key not in known]
        if reuse:
            stored = read_vectors(old.path).reconstruct_n(0, len(old.keys))
            known.update((old.keys[i], stored[i]) for i in reuse)
    texts, keys = passages
    missing = {key: text for key, text in zip(keys, texts, strict=True) if key not in known}
    known.update(_embed(missing, embedding, "embedding"))
    if keys:
        vectors = np.stack([known[key] for key in keys]).astype(np.float32)
    else:
        dimension = old.manifest.dimension if old else embedding.embedder.get().dimension
        vectors = np.zeros((0, dimension), dtype=np.float32)
    reusable = old.path if same_model and old is not None else None
    found, embedded = _sentence_vectors(reusable, vectors.shape[1], sentences, known, embedding)
    return Vectors(vectors, found, len(missing), embedded)


def _sentence_vectors(
    before: Path | None,
    dimension: int,
    sentences: tuple[list[str], list[str]],
    known: dict[str, np.ndarray],
    embedding: Embedding,
) -> tuple[np.ndarray, int]:
    """Return the sentences' vectors (float16): copied from the generation in before by key,
    as arrays (184,000 of them: no per-vector objects), else from known (the passages' and
    the cache's) or embedded; and how many were embedded."""
    texts, keys = sentences
    vectors = np.empty((len(keys), dimension), dtype=np.float16)
    todo = np.ones(len(keys), dtype=bool)
    if before is not None and has_sentences(before):
        where = {key: row for row, key in enumerate(np.load(before / KEYS).tolist())}
        pairs = [(row, where.get(key.encode())) for row, key in enumerate(keys)]
        matched = np.asarray([(n, o) for n, o in pairs if o is not None], dtype=np.int64)
        if len(matched):
            stored = np.load(before / VECTORS, mmap_mode="r")
            vectors[matched[:, 0]] = stored[matched[:, 1]]
            todo[matched[:, 0]] = False
    rest = np.flatnonzero(todo).tolist()
    missing = {keys[row]: texts[row] for row in rest if keys[row] not in known}
    fresh = _embed(missing, embedding, "sentences")
    for row in rest:
        key = keys[row]
        vectors[row] = fresh[key] if key in fresh else known[key]
    return vectors, len(missing)


def _embed(missing: dict[str, str], embedding: Embedding, stage: str) -> dict[str, np.ndarray]:
    """Return the missing texts' vectors by key, embedded, each chunk saved in the cache."""
    fresh: dict[str, np.ndarray] = {}
    if not missing:
        return fresh
    model = embedding.embedder.get()
    # Sorted by length across all of them, every chunk's batches need next to no padding
    # (measured 9% faster than sorting each chunk on its own).
    pending = sorted(missing.items(), key=lambda item: len(item[1]))
    for start in range(0, len(pending), EMBED_CHUNK):
        chunk_keys, chunk_texts = zip(*pending[start : start + EMBED_CHUNK], strict=True)
        vectors = model.embed(chunk_texts)
        embedding.cache.save(list(chunk_keys), vectors)
        fresh.update(zip(chunk_keys, vectors, strict=True))
        embedding.report(Progress(stage, start + len(chunk_keys), len(pending)))
    return fresh

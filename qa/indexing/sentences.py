"""A passage's best sentence as a ranking of its own: every sentence of the letters embedded
at index time, kept in each generation, found for a question by a first pass over their
projections on the principal axes (qa.indexing.projection) and scored exactly.

A question that paraphrases one sentence of a long paragraph matches that sentence far better
than the paragraph, whose other sentences dilute its vector.

    gen-000007/sentences.npy           every sentence's vector, float16, in passage order
    gen-000007/sentence_passages.npy   each sentence's passage row (int32, non-decreasing)
    gen-000007/sentence_keys.npy       each sentence's vector key, for the next update to reuse
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import BinaryIO

import faiss
import numpy as np

from qa.core.models import Letter
from qa.indexing.projection import DIMENSIONS, Projection

VECTORS = "sentences.npy"
PASSAGES = "sentence_passages.npy"
KEYS = "sentence_keys.npy"
# A sentence this short ("See paragraph 4.", "Yours sincerely") says nothing on its own.
MIN_WORDS = 4
# Sentences read per scan: a passage's best one among them ranks it.
POOL = 1000
# Below this many sentences allowed by the filters, they are scored directly, not scanned.
DIRECT = 20_000
# The scan looks at each sentence's projection on this many principal axes (8-bit), a quarter
# of the bytes of whole vectors, then scores the passages it finds by their best sentences
# exactly; 0: scan the whole vectors (measured: docs/measurements.md).
COARSE_DIMENSIONS = DIMENSIONS
# Rows read from the file at a time while loading: the whole float16 file is never in memory.
_LOAD_CHUNK = 16_384


class Storage(StrEnum):
    """How the sentence vectors are held for searching (measured: docs/measurements.md)."""

    FLOAT32 = "float32"
    FLOAT16 = "float16"
    SQ8 = "sq8"


STORAGE = Storage.SQ8


def passage_sentences(letters: list[Letter]) -> tuple[list[str], np.ndarray]:
    """Return the texts embedded for the letters' passages' sentences, in passage order, and
    each one's passage row: the sentences of MIN_WORDS words or more, or the whole passage
    when it has none."""
    texts: list[str] = []
    rows: list[int] = []
    row = 0
    for letter in letters:
        for passage in letter.passages:
            chosen = [s.strip() for s in passage.sentences() if len(s.split()) >= MIN_WORDS]
            chosen = chosen or [passage.text.strip() or passage.text]
            texts.extend(chosen)
            rows.extend([row] * len(chosen))
            row += 1
    return texts, np.asarray(rows, dtype=np.int32)


def save_sentences(folder: Path, vectors: np.ndarray, rows: np.ndarray, keys: list[str]) -> None:
    """Write the sentence vectors (as float16), their passage rows and keys into folder."""
    np.save(folder / VECTORS, np.ascontiguousarray(vectors, dtype=np.float16))
    np.save(folder / PASSAGES, rows.astype(np.int32))
    np.save(folder / KEYS, np.asarray(keys, dtype="S40"))


def has_sentences(folder: Path) -> bool:
    """Return True when the generation in folder holds sentence vectors."""
    return all((folder / name).exists() for name in (VECTORS, PASSAGES, KEYS))


@dataclass(frozen=True)
class SentenceScan:
    """The best passages for a question by their best sentence: rows best first, scores."""

    rows: np.ndarray
    scores: np.ndarray


class SentenceIndex:
    """Every sentence vector of one generation, held for scanning (float32, float16 or 8-bit
    scalar quantised, in a FAISS index), with each sentence's passage row."""

    def __init__(
        self,
        index: faiss.Index,
        rows: np.ndarray,
        passage_count: int,
        coarse: Projection | None = None,
        value_range: tuple[np.ndarray, np.ndarray] | None = None,
    ) -> None:
        self._index = index
        # Every sentence's projection on the principal axes, for the first pass of a scan (in
        # groups: a search reads a quarter of them).
        self.first_pass = coarse
        self._rows = rows
        # Passage row r's sentences are _starts[r]:_starts[r + 1].
        self._starts = np.searchsorted(rows, np.arange(passage_count + 1)).astype(np.int64)
        # The index's own codes, read in place: scoring a passage's sentences needs no copy.
        width = int(index.code_size)  # type: ignore[attr-defined]
        codes = faiss.rev_swig_ptr(index.codes.data(), index.ntotal * width)  # type: ignore[attr-defined]
        self._codes = codes.reshape(index.ntotal, width)
        # Scanned by the projections, the index holds the codes alone (searched only when
        # the projections are not kept).
        # An 8-bit quantiser's least value and range per dimension, as it was trained.
        self._range = value_range

    @classmethod
    def load(
        cls, folder: Path, passage_count: int, storage: Storage | None = None
    ) -> SentenceIndex | None:
        """Read the generation's sentence vectors into a FAISS index of the chosen storage;
        None for a generation written before sentences were kept."""
        if not has_sentences(folder):
            return None
        rows = np.load(folder / PASSAGES)
        count, dimension = _read_shape(folder / VECTORS)
        if len(rows) != count or (len(rows) and rows[-1] >= passage_count):
            return None
        index = _empty_index(storage or STORAGE, dimension)
        # The 8-bit quantiser's range per dimension: the least and most of every vector.
        low = np.full(dimension, np.inf, dtype=np.float32)
        high = -low
        samples = []
        for chunk in _chunks(folder / VECTORS):
            low, high = np.minimum(low, chunk.min(axis=0)), np.maximum(high, chunk.max(axis=0))
            samples.append(chunk[::16].copy())
        if not count:
            low, high = np.zeros(dimension, "float32"), np.ones(dimension, "float32")
        value_range = None
        if not index.is_trained:
            # Trained on these two rows, each dimension's range is from low to high.
            index.train(np.stack([low, high]))
            value_range = (low, high - low)
        coarse = None
        if 0 < COARSE_DIMENSIONS < dimension and count > POOL:
            coarse = Projection.fitted(np.concatenate(samples), count, COARSE_DIMENSIONS)
        del samples
        # Codes are made into arrays of their final size and handed over whole: FAISS's own
        # array, grown chunk by chunk, would double its size on the way (a peak of 100 MB).
        codes = np.empty((count, index.sa_code_size()), dtype=np.uint8)
        projections = np.empty((count, coarse.code_size) if coarse else (0, 0), dtype=np.uint8)
        start = 0
        projected_chunk = np.empty((_LOAD_CHUNK, COARSE_DIMENSIONS), dtype=np.float32)
        for chunk in _chunks(folder / VECTORS):
            end = start + len(chunk)
            codes[start:end] = index.sa_encode(chunk)
            if coarse is not None:
                projections[start:end] = coarse.encode(chunk, out=projected_chunk[: len(chunk)])
            start = end
        index.add_sa_codes(codes)
        del codes
        if coarse is not None:
            coarse.add(projections)
        del projections
        return cls(index, rows, passage_count, coarse, value_range)

    @property
    def size(self) -> int:
        return int(self._index.ntotal)

    @property
    def passage_count(self) -> int:
        """Return how many passages the sentences are of."""
        return len(self._starts) - 1

    def scan(self, vector: np.ndarray, allowed: np.ndarray | None, count: int) -> SentenceScan:
        """Return the count passages whose best sentence matches vector best, among the
        allowed passage rows (None: all), best first."""
        faiss.omp_set_num_threads(1)
        query = vector.reshape(1, -1).astype(np.float32)
        mask = None if allowed is None else allowed[self._rows]
        chosen = None if mask is None else np.flatnonzero(mask)
        if self.first_pass is not None and (chosen is None or len(chosen) > DIRECT):
            return self._coarse_scan(query, mask, count)
        if mask is None or chosen is None:
            scores, found = self._index.search(query, min(POOL, self.size))
        elif len(chosen) <= DIRECT:
            direct = self._score(chosen, query[0])
            best = np.argsort(-direct, kind="stable")[:POOL]
            scores, found = direct[best][None, :], chosen[best][None, :]
        else:
            bits = np.packbits(mask, bitorder="little")
            selector = faiss.IDSelectorBitmap(bits)  # type: ignore[arg-type,call-arg]
            params = faiss.SearchParameters(sel=selector)  # type: ignore[call-arg]
            scores, found = self._index.search(query, POOL, params=params)
        kept = found[0] >= 0
        passages = self._rows[found[0][kept]]
        # Sentences come best first: a passage's first appearance is its best sentence.
        _, first = np.unique(passages, return_index=True)
        first = np.sort(first)[:count]
        return SentenceScan(passages[first].astype(np.int64), scores[0][kept][first])

    def _coarse_scan(self, query: np.ndarray, mask: np.ndarray | None, count: int) -> SentenceScan:
        """Return the count passages with the best sentences by their projections on the
        principal axes, ranked and scored by their best sentences exactly."""
        assert self.first_pass is not None
        ids = self.first_pass.search(query[0], POOL, mask)
        passages = self._rows[ids]
        _, first = np.unique(passages, return_index=True)
        rows = passages[np.sort(first)[:count]].astype(np.int64)
        exact = self.best_scores(query[0], rows)
        best = np.argsort(-exact, kind="stable")
        return SentenceScan(rows[best], exact[best])

    def best_scores(self, vector: np.ndarray, rows: np.ndarray) -> np.ndarray:
        """Return each passage row's best sentence score for vector."""
        if not len(rows):
            return np.zeros(0, dtype=np.float32)
        starts, ends = self._starts[rows], self._starts[np.asarray(rows) + 1]
        lengths = ends - starts
        offsets = np.concatenate([[0], np.cumsum(lengths)[:-1]])
        sentences = np.repeat(starts - offsets, lengths) + np.arange(int(lengths.sum()))
        scores = self._score(sentences, vector.reshape(-1).astype(np.float32))
        return np.maximum.reduceat(scores, offsets)

    def _score(self, sentences: np.ndarray, query: np.ndarray) -> np.ndarray:
        """Return the given sentences' scores for query."""
        if self._range is None:
            return np.einsum("ij,j->i", self._decode(sentences), query)
        # An 8-bit code c of a component with range (low, width) stands for low + (c + 0.5) /
        # 255 * width: its score is a product with the codes as they are, no vector decoded.
        low, width = self._range
        scale = query * width / 255.0
        offset = float(query @ (low + 0.5 * width / 255.0))
        # einsum, not @: a matrix product this size wakes BLAS's threads, which then spin
        # against the request threads (measured 51 ms a search against 17 ms).
        return np.einsum("ij,j->i", self._codes[sentences].astype(np.float32), scale) + offset

    def _decode(self, sentences: np.ndarray) -> np.ndarray:
        if not len(sentences):
            return np.zeros((0, self._index.d), dtype=np.float32)
        return self._index.sa_decode(np.ascontiguousarray(self._codes[sentences]))


def _read_shape(path: Path) -> tuple[int, int]:
    with open(path, "rb") as handle:
        shape, _dtype = _header(handle)
    return int(shape[0]), int(shape[1])


def _header(handle: BinaryIO) -> tuple[tuple[int, ...], np.dtype]:
    """Read an .npy file's header: its shape and type (the file is left at its data)."""
    version = np.lib.format.read_magic(handle)
    if version == (1, 0):
        shape, _fortran, dtype = np.lib.format.read_array_header_1_0(handle)
    else:
        shape, _fortran, dtype = np.lib.format.read_array_header_2_0(handle)
    return shape, dtype


def _chunks(path: Path) -> Iterator[np.ndarray]:
    """Yield the float16 vectors file's rows as float32, _LOAD_CHUNK at a time, each into the
    same buffer (copy what is kept): read, not memory-mapped, so that the server never holds
    the whole file, and into one buffer, so that loading leaves no freed chunks behind."""
    with open(path, "rb") as handle:
        shape, dtype = _header(handle)
        count, width = int(shape[0]), int(shape[1])
        raw = np.empty((min(_LOAD_CHUNK, count), width), dtype=dtype)
        converted = np.empty(raw.shape, dtype=np.float32)
        for start in range(0, count, _LOAD_CHUNK):
            rows = min(_LOAD_CHUNK, count - start)
            handle.readinto(raw[:rows].data.cast("B"))
            np.copyto(converted[:rows], raw[:rows])
            yield converted[:rows]


def _empty_index(storage: Storage, dimension: int) -> faiss.Index:
    if storage is Storage.FLOAT32:
        return faiss.IndexFlatIP(dimension)
    kind = {
        Storage.FLOAT16: faiss.ScalarQuantizer.QT_fp16,
        Storage.SQ8: faiss.ScalarQuantizer.QT_8bit,
    }[storage]
    return faiss.IndexScalarQuantizer(dimension, kind, faiss.METRIC_INNER_PRODUCT)

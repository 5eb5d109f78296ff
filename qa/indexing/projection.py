"""A cheap first pass over many unit vectors: each one's projection on the principal axes of
them all, 8-bit scalar quantised in a FAISS index. Scanning 128 one-byte components costs a
fraction of scanning 384 floats; the few vectors it finds are then scored exactly."""

from __future__ import annotations

import faiss
import numpy as np

# Components kept: the top-10 passages found agree with an exact scan's to 0.98 (measured:
# docs/measurements.md).
DIMENSIONS = 128


def principal_axes(sample: np.ndarray, count: int) -> np.ndarray:
    """Return the count directions along which the sample varies most, as columns."""
    centred = sample - sample.mean(axis=0)
    _, vectors = np.linalg.eigh(centred.T @ centred)
    return np.ascontiguousarray(vectors[:, ::-1][:, :count], dtype=np.float32)


class Projection:
    """Vectors' projections on principal axes, searched by inner product."""

    def __init__(self, axes: np.ndarray) -> None:
        self.axes = axes
        # One range for every component: the first pass only has to find the candidates.
        kind = faiss.ScalarQuantizer.QT_8bit_uniform
        self.index = faiss.IndexScalarQuantizer(axes.shape[1], kind, faiss.METRIC_INNER_PRODUCT)

    @classmethod
    def fitted(cls, sample: np.ndarray, dimensions: int = DIMENSIONS) -> Projection:
        """Return an empty projection on the sample's principal axes, trained on its range."""
        projection = cls(principal_axes(sample, dimensions))
        projection.index.train(projection.project(sample))
        return projection

    @classmethod
    def holding(cls, vectors: np.ndarray, step: int = 4) -> Projection:
        """Return a projection fitted on every step-th of the vectors, holding them all."""
        projection = cls.fitted(vectors[::step])
        projection.index.add_sa_codes(projection.codes(vectors))
        return projection

    def project(self, vectors: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
        """Return the vectors' projections (into out when given)."""
        # einsum, not @: a product this size would wake BLAS's threads, which then spin
        # against the request threads.
        return np.einsum("ij,jk->ik", vectors, self.axes, out=out)

    def codes(self, vectors: np.ndarray) -> np.ndarray:
        """Return the vectors' projections as the index's codes."""
        return self.index.sa_encode(self.project(vectors))

    def search(self, vector: np.ndarray, count: int, allowed: np.ndarray | None) -> np.ndarray:
        """Return the ids of up to count vectors nearest vector, among the allowed ids (a
        boolean mask; None: all), nearest first."""
        faiss.omp_set_num_threads(1)
        params = None
        if allowed is not None:
            bits = np.packbits(allowed, bitorder="little")
            selector = faiss.IDSelectorBitmap(bits)  # type: ignore[arg-type,call-arg]
            params = faiss.SearchParameters(sel=selector)  # type: ignore[call-arg]
        query = self.project(vector.reshape(1, -1).astype(np.float32))
        _, ids = self.index.search(query, min(count, self.index.ntotal), params=params)
        return ids[0][ids[0] >= 0]

"""A cheap first pass over many unit vectors: each one's projection on the principal axes of
them all, 8-bit scalar quantised and grouped around centroids in a FAISS inverted-file index.
A search reads the projections in the groups nearest the question, 128 one-byte components
for each vector in them instead of 384 floats for every vector; the few vectors it finds are
then scored exactly."""

from __future__ import annotations

import math

import faiss
import numpy as np

# Components kept: the top-10 passages found agree with an exact scan's to 0.98 (measured:
# docs/measurements.md).
DIMENSIONS = 128
# Vectors a group holds on average, and the share of the groups a search reads unless told:
# on the letters' sentences a quarter finds a scan of every vector's top-10 passages nearly as
# often as a scan of every projection does (0.983 against 0.985), in 60% of its time
# (measured: docs/measurements.md).
GROUP_SIZE = 700
SEARCHED_SHARE = 0.25
# k-means needs this many sample vectors a group to place its centroids (FAISS warns below).
_SAMPLE_PER_GROUP = 39


def principal_axes(sample: np.ndarray, count: int) -> np.ndarray:
    """Return the count directions along which the sample varies most, as columns."""
    centred = sample - sample.mean(axis=0)
    _, vectors = np.linalg.eigh(centred.T @ centred)
    return np.ascontiguousarray(vectors[:, ::-1][:, :count], dtype=np.float32)


class Projection:
    """Vectors' projections on principal axes, in groups, searched by inner product; a
    vector's id is its position in the order the vectors were added."""

    def __init__(self, axes: np.ndarray, groups: int, share: float = SEARCHED_SHARE) -> None:
        self.axes = axes
        # The share of the groups an unfiltered search reads.
        self.share = share
        dimensions = axes.shape[1]
        self._centroids = faiss.IndexFlatIP(dimensions)
        # One range for every component: the first pass only has to find the candidates.
        kind = faiss.ScalarQuantizer.QT_8bit_uniform
        self.index = faiss.IndexIVFScalarQuantizer(
            self._centroids, dimensions, groups, kind, faiss.METRIC_INNER_PRODUCT
        )

    @classmethod
    def fitted(
        cls,
        sample: np.ndarray,
        total: int,
        dimensions: int = DIMENSIONS,
        share: float = SEARCHED_SHARE,
    ) -> Projection:
        """Return an empty projection on the sample's principal axes, its groups and range
        trained on the sample, for total vectors to come, a search reading the share of the
        groups."""
        axes = principal_axes(sample, dimensions)
        groups = max(1, min(total // GROUP_SIZE, len(sample) // _SAMPLE_PER_GROUP))
        projection = cls(axes, groups, share)
        projection.index.train(projection.project(sample))
        return projection

    @classmethod
    def holding(
        cls, vectors: np.ndarray, step: int = 4, share: float = SEARCHED_SHARE
    ) -> Projection:
        """Return a projection fitted on every step-th of the vectors, holding them all, a
        search reading the share of the groups."""
        projection = cls.fitted(vectors[::step], len(vectors), share=share)
        projection.add(projection.encode(vectors))
        return projection

    @property
    def code_size(self) -> int:
        """Return the bytes of one vector's code: its group's number, then its components."""
        return int(self.index.sa_code_size())

    def project(self, vectors: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
        """Return the vectors' projections (into out when given)."""
        # einsum, not @: a product this size would wake BLAS's threads, which then spin
        # against the request threads.
        return np.einsum("ij,jk->ik", vectors, self.axes, out=out)

    def encode(self, vectors: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
        """Return the vectors' codes (projected into out when given), for add."""
        return self.index.sa_encode(self.project(vectors, out=out))

    def add(self, codes: np.ndarray) -> None:
        """Add the vectors so encoded, their ids following on from those already held."""
        # Each group is added whole: FAISS's own adding, a vector at a time, grows each group's
        # array by doubling (27 MB held for the sentences' 21 MB of codes).
        prefix = self.code_size - int(self.index.code_size)
        groups = codes[:, :prefix].astype(np.int64) @ (256 ** np.arange(prefix, dtype=np.int64))
        order = np.argsort(groups, kind="stable")
        bounds = np.searchsorted(groups[order], np.arange(self.index.nlist + 1))
        first = self.index.ntotal
        lists = self.index.invlists
        assert lists is not None, "an inverted-file index holds its groups' lists"
        for group in range(self.index.nlist):
            members = order[bounds[group] : bounds[group + 1]]
            if len(members):
                ids = members.astype(np.int64) + first
                body = np.ascontiguousarray(codes[members, prefix:])
                lists.add_entries(group, len(ids), faiss.swig_ptr(ids), faiss.swig_ptr(body))
        self.index.ntotal = first + len(codes)

    def search(self, vector: np.ndarray, count: int, allowed: np.ndarray | None) -> np.ndarray:
        """Return the ids of up to count vectors nearest vector, among the allowed ids (a
        boolean mask; None: all), nearest first."""
        faiss.omp_set_num_threads(1)
        share = self.share
        selector = None
        if allowed is not None:
            # As many allowed vectors read as an unfiltered search reads: more groups, up to
            # all of them, the fewer vectors are allowed.
            share /= max(float(allowed.mean()), 1e-9) if len(allowed) else 1.0
            selector = faiss.IDSelectorBitmap(np.packbits(allowed, bitorder="little"))  # type: ignore[arg-type,call-arg]
        groups = self.index.nlist
        searched = min(groups, math.ceil(groups * share))
        params = faiss.SearchParametersIVF(sel=selector, nprobe=searched)  # type: ignore[call-arg]
        query = self.project(vector.reshape(1, -1).astype(np.float32))
        _, ids = self.index.search(query, min(count, self.index.ntotal), params=params)
        return ids[0][ids[0] >= 0]

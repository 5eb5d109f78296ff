"""Measure ways to hold the sentence vectors for scanning: memory, scan time and how far each
agrees with float32 on which sentences come first.

    .venv/bin/python scripts/sentence_storage.py --index ~/.cache/qa/full \\
        ../shared/eval/dev-questions.jsonl

The questions are scripts/bench.py's and the question set's; one thread, 1,000 sentences a
scan, as the search makes it.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

import faiss
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench import questions_on_an_index  # noqa: E402

from qa.indexing.sentences import POOL, VECTORS  # noqa: E402

KINDS = {
    "8-bit, a range per dimension": faiss.ScalarQuantizer.QT_8bit,
    "8-bit, one range": faiss.ScalarQuantizer.QT_8bit_uniform,
    "6-bit": faiss.ScalarQuantizer.QT_6bit,
    "4-bit": faiss.ScalarQuantizer.QT_4bit,
    "float16": faiss.ScalarQuantizer.QT_fp16,
}


def _timed(index: faiss.Index, queries: np.ndarray) -> tuple[float, np.ndarray]:
    seconds = []
    for row in range(len(queries)):
        started = time.perf_counter()
        index.search(queries[row : row + 1], POOL)
        seconds.append(time.perf_counter() - started)
    _, found = index.search(queries, POOL)
    return statistics.median(seconds), found


def main(argv: list[str] | None = None) -> int:
    generation, queries = questions_on_an_index(__doc__.splitlines()[0], argv)
    faiss.omp_set_num_threads(1)
    vectors = np.load(generation.path / VECTORS).astype(np.float32)
    flat = faiss.IndexFlatIP(vectors.shape[1])
    flat.add(vectors)
    seconds, truth = _timed(flat, queries)
    print(f"float32 flat: {vectors.nbytes / 2**20:.0f} MB, scan p50 {seconds * 1000:.1f} ms")
    for name, kind in KINDS.items():
        index = faiss.IndexScalarQuantizer(vectors.shape[1], kind, faiss.METRIC_INNER_PRODUCT)
        index.train(vectors)
        index.add(vectors)
        seconds, found = _timed(index, queries)
        pairs = zip(truth, found, strict=True)
        agree = np.mean([len(set(a[:100]) & set(b[:100])) / 100 for a, b in pairs])
        size = index.code_size * index.ntotal / 2**20
        print(
            f"{name}: {size:.0f} MB, scan p50 {seconds * 1000:.1f} ms, top-100 sentences as "
            f"float32's {agree:.3f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())

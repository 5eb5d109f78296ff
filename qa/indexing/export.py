"""Export a sentence-transformers model to ONNX once, at setup, for ONNX Runtime to run.

    models/onnx/all-MiniLM-L6-v2/
        model.onnx       token ids and attention mask in, unit sentence vectors out: the whole
                         pipeline (transformer, mean pooling, normalisation) in one graph
        tokenizer.json   the model's own tokenizer
        export.json      what was exported from where, written last: no file, no export

Runs offline from the model's local files. Needs torch and onnx; running the export needs
only onnxruntime and tokenizers (qa.indexing.embed.OnnxEmbedder).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import warnings
from pathlib import Path
from typing import Any

import numpy as np

from qa.core.errors import QAError
from qa.core.settings import DEFAULT_MODEL
from qa.indexing.embed import (
    EXPORT_FORMAT,
    EXPORT_INFO,
    SentenceTransformerEmbedder,
    model_location,
    onnx_folder,
    read_export,
    weights_file,
)

# Texts of every shape the service meets: a question, a passage, one past the length limit.
_CHECK_TEXTS = [
    "what did inspectors say about neglect?",
    "Leeds. focused visit. 2019. Main findings.\nCare leavers live in suitable homes.",
    "Ünïcödé café — “quoted” résumé, 12.5%",
    "The response to neglect is variable. " * 60,
]
# ONNX Runtime and PyTorch sum in different orders; anything further apart is a wrong export.
MIN_COSINE = 0.9999


def export_onnx(model: str = DEFAULT_MODEL, root: Path | None = None) -> tuple[Path, bool]:
    """Export model to ONNX under root unless an export of the same weights is there already.

    Returns the export's folder and whether it was written now. The export is checked
    against PyTorch on a few texts before it is made visible.

    Raises:
        QAError: the exported model's vectors differ from PyTorch's.
    """
    folder = onnx_folder(model, root)
    weights = weights_file(model_location(model))
    digest = _sha256(weights)
    found = read_export(folder)
    if found is not None and found.get("source_sha256") == digest:
        if not _same_file(found, weights):
            # Same weights reinstalled: note the file's new stamp so runtime accepts it.
            _write_info(folder, found | _stamp(weights))
        return folder, False
    staging = folder.with_name(f".tmp-{folder.name}")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    reference = SentenceTransformerEmbedder(model, attention="eager")
    _export_graph(reference, staging / "model.onnx")
    reference.tokenizer().save(str(staging / "tokenizer.json"))
    info = {
        "format": EXPORT_FORMAT,
        "model": model,
        "dimension": reference.dimension,
        "max_seq_length": reference.max_seq_length,
        "source": str(weights),
        "source_sha256": digest,
        **_stamp(weights),
    }
    _write_info(staging, info)
    _check(reference, staging)
    shutil.rmtree(folder, ignore_errors=True)
    os.replace(staging, folder)
    return folder, True


def _export_graph(reference: SentenceTransformerEmbedder, path: Path) -> None:
    import torch

    class Pipeline(torch.nn.Module):
        def __init__(self, modules: torch.nn.Module) -> None:
            super().__init__()
            self.modules_ = modules

        def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
            features = {"input_ids": input_ids, "attention_mask": attention_mask}
            return self.modules_(features)["sentence_embedding"]

    sample = torch.ones(2, 8, dtype=torch.long)
    axes = {"input_ids": {0: "batch", 1: "tokens"}, "attention_mask": {0: "batch", 1: "tokens"}}
    with torch.no_grad(), warnings.catch_warnings():
        # The tracer warns of branches on shapes; the check against PyTorch after the export
        # covers other batch sizes and lengths. (The TorchScript exporter: dynamo would need
        # onnxscript.)
        warnings.simplefilter("ignore")
        torch.onnx.export(
            Pipeline(reference.model).eval(),
            (sample, sample),
            str(path),
            input_names=["input_ids", "attention_mask"],
            output_names=["sentence_embedding"],
            dynamic_axes=axes | {"sentence_embedding": {0: "batch"}},
            opset_version=17,
            dynamo=False,
        )


def _check(reference: SentenceTransformerEmbedder, staging: Path) -> None:
    from qa.indexing.embed import OnnxEmbedder

    exported = OnnxEmbedder(reference.name, staging)
    cosines = np.sum(reference.embed(_CHECK_TEXTS) * exported.embed(_CHECK_TEXTS), axis=1)
    if cosines.min() < MIN_COSINE:
        raise QAError(
            f"The ONNX export of {reference.name} gives vectors unlike PyTorch's (cosine "
            f"{cosines.min():.6f}, expected at least {MIN_COSINE}); the export was not kept"
        )


def _sha256(path: Path) -> str:
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def _stamp(path: Path) -> dict[str, int]:
    status = path.stat()
    return {"source_size": status.st_size, "source_mtime_ns": status.st_mtime_ns}


def _same_file(info: dict[str, Any], path: Path) -> bool:
    return all(info.get(key) == value for key, value in _stamp(path).items())


def _write_info(folder: Path, info: dict[str, Any]) -> None:
    temporary = folder / f".{EXPORT_INFO}.tmp"
    temporary.write_text(json.dumps(info, indent=1) + "\n")
    os.replace(temporary, folder / EXPORT_INFO)

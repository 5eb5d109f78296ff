"""The model runs in ONNX Runtime when setup exported it, else in PyTorch: the same vectors."""

import json
import logging
import os
import shutil

import numpy as np
import pytest

from qa.core.settings import DEFAULT_MODEL
from qa.indexing import embed
from qa.indexing.embed import (
    EXPORT_INFO,
    OnnxEmbedder,
    SentenceTransformerEmbedder,
    export_problem,
    load_embedder,
    onnx_folder,
)

TEXTS = [
    "what did inspectors say about neglect?",
    "Leeds. focused visit. 2019. Main findings.\nCare leavers live in suitable homes.",
    "• Children are seen alone.\n• Plans are reviewed.",
    "The response to neglect is variable. " * 50,
    "",
]


class _FakeTorch:
    """Stands in for the PyTorch model where a test only asks which embedder was chosen."""

    backend = "torch"

    def __init__(self, model):
        self.name = model


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    """The default model exported afresh, as scripts/setup.sh does, into a temporary folder."""
    from qa.indexing.export import export_onnx

    root = tmp_path_factory.mktemp("onnx")
    folder, written = export_onnx(DEFAULT_MODEL, root)
    assert written
    return root, folder


@pytest.mark.slow
def test_onnx_vectors_match_pytorch(exported):
    root, _folder = exported
    onnx = load_embedder(DEFAULT_MODEL, onnx_root=root)
    assert isinstance(onnx, OnnxEmbedder)
    torch = SentenceTransformerEmbedder(DEFAULT_MODEL)
    ours, theirs = onnx.embed(TEXTS), torch.embed(TEXTS)
    assert ours.shape == theirs.shape == (len(TEXTS), 384)
    assert np.sum(ours * theirs, axis=1).min() >= 0.999
    one_by_one = np.vstack([onnx.embed([text]) for text in TEXTS])
    assert np.allclose(one_by_one, ours, atol=1e-5)


@pytest.mark.slow
def test_export_again_with_the_same_weights_does_nothing(exported):
    from qa.indexing.export import export_onnx

    root, folder = exported
    assert export_onnx(DEFAULT_MODEL, root) == (folder, False)


def test_missing_export_falls_back_to_pytorch_and_says_why(tmp_path, monkeypatch, caplog):
    monkeypatch.setattr(embed, "SentenceTransformerEmbedder", _FakeTorch)
    with caplog.at_level(logging.WARNING, logger="qa.indexing.embed"):
        chosen = load_embedder(DEFAULT_MODEL, onnx_root=tmp_path)
    assert isinstance(chosen, _FakeTorch)
    folder = onnx_folder(DEFAULT_MODEL, tmp_path)
    assert (
        f"No ONNX export of {DEFAULT_MODEL} in {folder}: running {DEFAULT_MODEL} with PyTorch "
        "instead, slower (scripts/setup.sh exports it)"
    ) in caplog.text


@pytest.mark.slow
def test_export_of_other_weights_is_not_used(exported, tmp_path, monkeypatch):
    root, folder = exported
    stale = onnx_folder(DEFAULT_MODEL, tmp_path)
    shutil.copytree(folder, stale)
    info = json.loads((stale / EXPORT_INFO).read_text())
    (stale / EXPORT_INFO).write_text(json.dumps(info | {"source_size": 1}))
    assert "was made from other weights" in export_problem(DEFAULT_MODEL, stale)
    monkeypatch.setattr(embed, "SentenceTransformerEmbedder", _FakeTorch)
    assert isinstance(load_embedder(DEFAULT_MODEL, onnx_root=tmp_path), _FakeTorch)


def test_half_written_export_is_no_export(tmp_path):
    folder = onnx_folder(DEFAULT_MODEL, tmp_path)
    folder.mkdir(parents=True)
    (folder / "model.onnx").write_bytes(b"")
    assert export_problem(DEFAULT_MODEL, folder).startswith("No ONNX export")


def test_hash_model_needs_no_export(tmp_path):
    assert load_embedder("hash", onnx_root=tmp_path).backend == "hash"


@pytest.mark.slow
def test_an_embedder_for_questions_runs_each_on_every_core_and_gives_the_same_vectors(exported):
    root, _folder = exported
    questions = load_embedder(DEFAULT_MODEL, onnx_root=root, questions=True)
    batches = load_embedder(DEFAULT_MODEL, onnx_root=root)
    assert isinstance(questions, OnnxEmbedder) and isinstance(batches, OnnxEmbedder)
    cores = len(os.sched_getaffinity(0))
    assert (questions.workers, batches.workers) == (1, cores)
    assert np.allclose(questions.embed(TEXTS), batches.embed(TEXTS), atol=1e-5)
    assert np.allclose(questions.embed(TEXTS[:1]), batches.embed(TEXTS[:1]), atol=1e-5)

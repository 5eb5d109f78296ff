"""Helpers tests share beyond fixtures: an index built with the test embedder, the index
command started as a process, and a ranker of fixed passages."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np

from qa.indexing.build import UpdateOptions, update_index
from qa.indexing.embed import HashEmbedder
from qa.indexing.summary import Summary
from qa.search.fusion import Ranking
from qa.search.retrievers import Retriever


def build(letters: Path, index: Path, **options) -> Summary:
    """Update index from letters with the test embedder."""
    return update_index(letters, index, "hash", HashEmbedder, UpdateOptions(**options))


def index_process(letters: Path, index: Path, *options: str) -> subprocess.Popen:
    """Start `python -m qa index` with the test embedder; its output comes as text on stdout."""
    return subprocess.Popen(
        [sys.executable, "-m", "qa", "index", "--model", "hash", *options]
        + ["--letters", str(letters), "--index", str(index)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def upload(client, data: bytes, name: str, token: str | None):
    """POST a letter file to /api/letters with the admin token (none: no Authorization)."""
    import io

    headers = {"Authorization": f"Bearer {token}"} if token is not None else {}
    return client.post(
        "/api/letters",
        data={"file": (io.BytesIO(data), name)},
        headers=headers,
        content_type="multipart/form-data",
    )


def files_under(folder: Path) -> list[str]:
    """Return every file under folder as its path relative to it, sorted."""
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


# Ten real English authorities, for comparing as many as the compare form takes.
TEN_AUTHORITIES = (
    "Rutland",
    "Halton",
    "Hartlepool",
    "Darlington",
    "Bury",
    "Torbay",
    "Slough",
    "Sefton",
    "Wirral",
    "York",
)


def build_ten_authorities(folder: Path) -> Path:
    """Write one graded report for each of TEN_AUTHORITIES under folder/letters, a year apart
    from 2015, and index them with the test embedder in folder/index; return the index."""
    from tests.synthetic import write_graded_pdf

    letters, index = folder / "letters", folder / "index"
    letters.mkdir(parents=True, exist_ok=True)
    for n, authority in enumerate(TEN_AUTHORITIES):
        grade = ("Good", "Inadequate", "Requires improvement to be good")[n % 3]
        grades = {"help_and_protection": grade, "overall_effectiveness": grade}
        finding = f"Supervision of social workers in {authority} is regular and reflective."
        dates = f"2 to 13 March {2015 + n}"
        write_graded_pdf(letters / f"{authority}.pdf", authority, dates, grades, [], finding)
    summary = build(letters, index)
    assert not summary.failed, summary.failed
    return index


class FixedRanker:
    """A ranker, named for a retriever, ranking the same passage rows, scored so, whatever the
    question."""

    def __init__(self, name: Retriever, scores: dict[int, float]) -> None:
        self.name = name
        self.scores = scores

    def rank(self, question, allowed, depth: int) -> Ranking:
        rows = sorted(self.scores, key=lambda row: -self.scores[row])[:depth]
        return Ranking(
            np.array(rows, dtype=np.int64),
            np.array([self.scores[row] for row in rows]),
            lambda wanted: np.array([self.scores.get(int(row), 0.0) for row in wanted]),
            name=self.name,
        )

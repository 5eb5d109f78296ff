"""The index command's work: run an update, show progress, print the summary."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

import click

from qa.indexing.build import UpdateOptions, update_index
from qa.indexing.embed import Embedder, load_embedder
from qa.indexing.summary import Summary
from qa.indexing.vectors import Progress
from qa.reading.scan import letter_files


class _Bar:
    """A progress display on a terminal; silent otherwise."""

    def __init__(self) -> None:
        self.enabled = sys.stderr.isatty()
        self.stage = ""
        self.bar: Any = None

    def __call__(self, step: Progress) -> None:
        if not self.enabled or step.total <= 1:
            return
        if step.stage != self.stage:
            self.close()
            from tqdm import tqdm

            self.stage = step.stage
            self.bar = tqdm(
                total=step.total,
                desc=step.stage,
                unit={"embedding": " passages", "sentences": " sentences"}.get(
                    step.stage, " files"
                ),
                leave=False,
            )
        self.bar.n = step.done
        self.bar.refresh()

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None


def print_summary(summary: Summary) -> None:
    """Print what an update did: counts, then each failed or skipped file with its reason."""
    for source, reason in summary.failed:
        click.echo(f"FAILED  {source}: {reason}", err=True)
    for source, reason in summary.skipped:
        click.echo(f"skipped {source}: {reason}", err=True)
    for source, name in summary.unknown_authorities:
        named = f"indexed under {name!r}, " if name else "names no authority; "
        click.echo(f"unknown authority {source}: {named}not in the list of English authorities")
    click.echo(
        f"letters added {len(summary.added)} / updated {len(summary.updated)} / removed "
        f"{len(summary.removed)} / unchanged {len(summary.unchanged)} / failed "
        f"{len(summary.failed)} / skipped {len(summary.skipped)}"
    )
    if not summary.letters:
        kept = "the index is left as it was" if summary.generation else "no index was written"
        click.echo(f"No letter could be read, so {kept}")
        return
    state = f"wrote {summary.generation}" if summary.written else "index unchanged"
    reread = f", {summary.reread} re-read by a newer reader" if summary.reread else ""
    click.echo(
        f"{summary.letters} letters, {summary.passages} passages, {summary.embedded} embedded, "
        f"{summary.sentences} sentences, {summary.sentences_embedded} embedded"
        f"{reread}; {state} in {summary.seconds:.1f} s"
    )


def run_index(
    letters: Path, index: Path, model: str, rebuild: bool = False, watch: bool = False
) -> int:
    """Update the index once (or keep watching); return the exit status."""
    embedder: Embedder | None = None

    def load() -> Embedder:
        nonlocal embedder
        if embedder is None:
            embedder = load_embedder(model)
        return embedder

    try:
        while True:
            bar = _Bar()
            try:
                options = UpdateOptions(progress=bar, rebuild=rebuild, workers=2)
                summary = update_index(letters, index, model, load, options)
            finally:
                bar.close()
            if not watch or summary.changed or summary.failed:
                print_summary(summary)
            if not watch:
                return 1 if summary.failed or not summary.letters else 0
            rebuild = False
            seen = _signature(letters)
            while _signature(letters) == seen:
                time.sleep(WATCH_SECONDS)
    except KeyboardInterrupt:
        return 0


WATCH_SECONDS = 1.0


def _signature(letters: Path) -> list[tuple[str, int, int]]:
    """Return what changes when a letter file is added, removed or rewritten."""
    found = []
    for source, path in letter_files(letters):
        try:
            stat = path.stat()
        except OSError:
            continue
        found.append((source, stat.st_size, stat.st_mtime_ns))
    return found

"""What an update did: what became of each letter file (added, updated, unchanged, failed,
skipped), what was embedded and which generation is current after it, summed up for the index
command, the admin pages and the tests."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from qa.core.models import Letter
from qa.core.places import known_place


@dataclass
class Summary:
    """What an update did, letter by letter."""

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    # Letters naming an authority the gazetteer does not know: (source, the name printed).
    unknown_authorities: list[tuple[str, str]] = field(default_factory=list)
    letters: int = 0
    passages: int = 0
    reread: int = 0
    embedded: int = 0
    sentences: int = 0
    sentences_embedded: int = 0
    seconds: float = 0.0
    generation: str | None = None
    written: bool = False

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed)


@dataclass(frozen=True)
class Outcome:
    """What became of the letter files a step of an update looked at, by source in the order
    it looked: added, updated, unchanged (reread: of them, how many a newer reader read
    again), failed and skipped with the reason."""

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    reread: int = 0

    def then(self, later: Outcome) -> Outcome:
        """Return this outcome followed by a later step's."""
        return Outcome(
            self.added + later.added,
            self.updated + later.updated,
            self.unchanged + later.unchanged,
            self.failed + later.failed,
            self.skipped + later.skipped,
            self.reread + later.reread,
        )


@dataclass(frozen=True)
class Gathered:
    """The letters an update indexes (by source), the indexed ones no file holds any more,
    and what became of each file."""

    letters: list[Letter]
    removed: list[str]
    outcome: Outcome

    @property
    def changed(self) -> bool:
        return bool(self.outcome.added or self.outcome.updated or self.removed)


@dataclass(frozen=True)
class Written:
    """A generation an update wrote: where, and how many passages and sentences it holds and
    embedded (the rest reused)."""

    path: Path
    embedded: int
    sentences: int
    sentences_embedded: int


def unknown_authorities(letters: list[Letter]) -> list[tuple[str, str]]:
    """Return (source, name) for each letter about an authority the gazetteer does not know,
    or that names none ("" for the name)."""
    return [
        (x.source, x.local_authority or "")
        for x in letters
        if not x.local_authority or known_place(x.local_authority) is None
    ]


def summarise(
    gathered: Gathered, written: Written | None, generation: str | None, started: float
) -> Summary:
    """Return what an update did, from what it gathered and wrote (None: nothing) and the
    generation current after it, timed from started (a time.perf_counter reading)."""
    outcome, letters = gathered.outcome, gathered.letters
    return Summary(
        added=outcome.added,
        updated=outcome.updated,
        removed=gathered.removed,
        unchanged=outcome.unchanged,
        failed=sorted(outcome.failed),
        skipped=sorted(outcome.skipped),
        unknown_authorities=unknown_authorities(letters),
        letters=len(letters),
        passages=sum(len(letter.passages) for letter in letters),
        reread=outcome.reread,
        embedded=written.embedded if written else 0,
        sentences=written.sentences if written else 0,
        sentences_embedded=written.sentences_embedded if written else 0,
        generation=generation,
        written=written is not None,
        seconds=time.perf_counter() - started,
    )

"""Narrowing a search to the letters its question names, about a place or from a year, unless
that would leave none; then saying it was not narrowed, and why."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from qa.core.models import Letter
from qa.search.understand import Notice


@dataclass(frozen=True)
class Narrowed:
    """The passage rows a search may answer from (a mask; None: all), what the question named
    that narrowed it to them, and notices of what it named but could not narrow to."""

    allowed: np.ndarray | None
    scope: tuple[str, ...] = ()
    notices: tuple[Notice, ...] = ()


def letter_years(letter: Letter) -> set[int]:
    """Return the years a question may mean a letter by: of its visit and of its publication."""
    dates = [letter.date, letter.published, *(letter.visit_dates or {}).values()]
    return {int(d[:4]) for d in dates if d}


def narrow(
    narrowed: Narrowed, matching: np.ndarray, named: Sequence[object], relation: str
) -> Narrowed:
    """Keep only the passages matching what the question named (a mask over passage rows),
    unless none would be left; with what was named added to the scope, or else a notice that
    the search was not narrowed (relation: how a letter is of it, "about" a place, "from" a
    year)."""
    allowed, scope = narrowed.allowed, narrowed.scope
    kept = matching if allowed is None else matching & allowed
    if kept.any():
        return replace(narrowed, allowed=kept, scope=(*scope, *(str(n) for n in named)))
    what = ", ".join(str(n) for n in named)
    among = [f"about {', '.join(scope)}"] if scope else []
    if allowed is not None and not scope:
        among.append("matching the filters")
    letters = " ".join(["No indexed letter", *among])
    message = f"{letters} is {relation} {what}, so the search was not narrowed to {what}."
    return replace(narrowed, notices=(*narrowed.notices, Notice("scope_not_applied", message)))

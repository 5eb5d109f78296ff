"""Fold text for comparison, so passages, names and words that read the same compare equal: the
one place text is put in lower case and its apostrophes, spacing and punctuation made alike.

Each folding is built from the same few steps (lower_case, straight_apostrophes,
squash_spaces, alphanumeric_runs); the keyword analyser, layout's page furniture and the facts
of a letter fold with them too."""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")
_NOT_ALPHANUMERIC = re.compile(r"[^a-z0-9]+")
_NOT_WORD = re.compile(r"[^a-z0-9']+")
_WORD = re.compile(r"[a-z0-9]+")
_FINAL_S = re.compile(r"(?<![a-z0-9])([a-z0-9]{3,})s(?![a-z0-9])")


def lower_case(text: str) -> str:
    """Return text in lower case with compatibility characters folded (NFKC: "ﬁ" as "fi")."""
    # NFKC leaves ASCII as it is; skipping it there is most of the corpus and far faster.
    return text.lower() if text.isascii() else unicodedata.normalize("NFKC", text).lower()


def straight_apostrophes(text: str) -> str:
    """Return text with each curly apostrophe (’) a straight one (')."""
    return text.replace("’", "'")


def squash_spaces(text: str) -> str:
    """Return text with each run of white space one space and none at either end."""
    return _SPACES.sub(" ", text).strip()


def alphanumeric_runs(text: str, between: str = " ") -> str:
    """Return the runs of a-z and 0-9 in text (already lower case) joined by between."""
    return _NOT_ALPHANUMERIC.sub(between, text).strip(between)


def normalise(text: str) -> str:
    """Fold text for comparison: NFKC, lower case, runs of non-alphanumerics to one space."""
    return alphanumeric_runs(lower_case(text))


def folded_words(text: str) -> list[str]:
    """Return text's words for matching phrases: lower case, a final "s" dropped, so that
    "Officers'" and "officer" read alike."""
    return _WORD.findall(_FINAL_S.sub(r"\1", lower_case(text)))


def fold(text: str) -> str:
    """Return text in lower case with punctuation as spaces, "&" as "and"."""
    text = straight_apostrophes(text.lower()).replace("&", " and ")
    return _NOT_WORD.sub(" ", text).strip()

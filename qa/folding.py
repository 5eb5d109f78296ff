"""Fold text for comparison, so passages that read the same compare equal."""

from __future__ import annotations

import re
import unicodedata


def normalise(text: str) -> str:
    """Fold text for comparison: NFKC, lower case, runs of non-alphanumerics to one space."""
    return re.sub(r"[^a-z0-9]+", " ", unicodedata.normalize("NFKC", text).lower()).strip()


def folded_words(text: str) -> list[str]:
    """Return text's words for matching phrases: lower case, a final "s" dropped, so that
    "Officers'" and "officer" read alike."""
    lowered = text.lower() if text.isascii() else unicodedata.normalize("NFKC", text).lower()
    return _WORD.findall(_FINAL_S.sub(r"\1", lowered))


_WORD = re.compile(r"[a-z0-9]+")
_FINAL_S = re.compile(r"(?<![a-z0-9])([a-z0-9]{3,})s(?![a-z0-9])")

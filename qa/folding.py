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
    return [
        word[:-1] if len(word) > 3 and word.endswith("s") else word
        for word in re.findall(r"[a-z0-9]+", unicodedata.normalize("NFKC", text).lower())
    ]

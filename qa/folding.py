"""Fold text for comparison, so passages that read the same compare equal."""

from __future__ import annotations

import re
import unicodedata


def normalise(text: str) -> str:
    """Fold text for comparison: NFKC, lower case, runs of non-alphanumerics to one space."""
    return re.sub(r"[^a-z0-9]+", " ", unicodedata.normalize("NFKC", text).lower()).strip()

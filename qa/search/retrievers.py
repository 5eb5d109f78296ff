"""Which ranking answers a search: the retrievers, each ranking named for the one that uses it
alone, and "hybrid", which fuses them all."""

from __future__ import annotations

from enum import StrEnum

from qa.core.errors import BadQuery


class Retriever(StrEnum):
    """Which ranking answers: both fused, or one alone (for measuring what each adds)."""

    HYBRID = "hybrid"
    DENSE = "dense"
    KEYWORD = "keyword"
    # A passage ranked by its best sentence alone.
    SENTENCE = "sentence"

    @classmethod
    def from_str(cls, name: str) -> Retriever:
        """Return the retriever called name.

        Raises:
            BadQuery: no retriever has that name.
        """
        try:
            return cls(name.strip().lower())
        except ValueError:
            choices = ", ".join(r.value for r in cls)
            raise BadQuery("retriever", f"No retriever {name!r}; choose {choices}") from None

"""What a search found: the hits and what the question was understood as, and the response
with answer sentences that the web pages, the JSON API and the CLI render."""

from __future__ import annotations

from dataclasses import dataclass, field

from qa.core.models import Hit, Letter
from qa.search.answer import AnswerSentence
from qa.search.understand import Notice


@dataclass(frozen=True)
class Found:
    """What a search found and what it understood: ranked hits, the scope it narrowed to, the
    letters of the authorities the question named (newest first), and its notices."""

    hits: list[Hit]
    scope: str | None = None
    named_letters: list[Letter] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
    # The question as searched (misspellings put right); "" for the question as asked.
    query: str = ""
    # False when no passage found answers the question: they are only the nearest.
    answered: bool = True


@dataclass(frozen=True)
class SearchResponse:
    """What a search found: ranked hits and up to three answer sentences."""

    query: str
    hits: list[Hit]
    answer: list[AnswerSentence]
    scope: str | None = None
    generation: str | None = None
    notices: list[Notice] = field(default_factory=list)
    named_letters: list[Letter] = field(default_factory=list)

    @property
    def answered(self) -> bool:
        """Return False when no passage found answers the question (they are the nearest)."""
        return all(notice.code != "no_answer" for notice in self.notices)

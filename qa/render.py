"""Plain data (for JSON) from search responses and letters."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from qa.models import Citation, Letter
from qa.search import SearchResponse
from qa.shapes import (
    LetterBody,
    LetterSummary,
    SearchBody,
    letter_brief,
    letter_facts,
    passage_body,
    plain,
    result,
)


def response_json(response: SearchResponse) -> dict[str, Any]:
    """Return a search response as the /search JSON body."""
    return plain(
        SearchBody(
            response.query,
            response.scope,
            response.generation or "",
            list(response.notices),
            [letter_brief(x) for x in response.named_letters],
            list(response.answer),
            [result(hit) for hit in response.hits],
        )
    )


def letter_summary_json(letter: Letter) -> dict[str, Any]:
    """Return a letter's facts with its passage count, as /api/letters lists it."""
    return plain(LetterSummary(**letter_facts(letter), passages=len(letter.passages)))


def letter_json(letter: Letter) -> dict[str, Any]:
    """Return a letter's facts and passages in reading order, as /api/letters/<id> shows it."""
    passages = [passage_body(p) for p in letter.passages]
    return plain(LetterBody(**letter_facts(letter), passages=passages))


def citation_line(citation: Citation, show_date: Callable[[str], str] = str) -> str:
    """Return the citation as one line: authority · type · date · section · paragraph · page.

    A passage the letter does not number is named by where it sits, never by a number.
    """
    parts = [
        citation.local_authority or "unknown authority",
        citation.type or "letter",
        show_date(citation.date) if citation.date else "undated",
        citation.section,
    ]
    if citation.paragraph is not None:
        parts.append(f"paragraph {citation.paragraph}")
    elif citation.place:
        parts.append(citation.place)
    if citation.page is not None:
        parts.append(f"page {citation.page}")
    return " · ".join(parts)

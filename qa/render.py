"""Plain data (for JSON) from search responses and letters."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict
from typing import Any

from qa.models import Citation, Letter
from qa.search import SearchResponse


def response_json(response: SearchResponse) -> dict[str, Any]:
    """Return a search response as the /search JSON body."""
    return {
        "query": response.query,
        "scope": response.scope,
        "generation": response.generation,
        "notices": [{"code": n.code, "message": n.message} for n in response.notices],
        "letters": [letter_brief_json(x) for x in response.named_letters],
        "answer": [
            {"text": a.text, "result": a.result, "section": a.section} for a in response.answer
        ],
        "results": [
            {
                "rank": hit.rank,
                "score": hit.score,
                "text": hit.text,
                "highlights": list(hit.highlights),
                "citation": asdict(hit.citation),
            }
            for hit in response.hits
        ],
    }


def letter_brief_json(letter: Letter) -> dict[str, Any]:
    """Return who a letter is about, when, what kind and its grades."""
    return {
        "letter_id": letter.letter_id,
        "local_authority": letter.local_authority,
        "date": letter.date,
        "type": letter.type,
        "judgements": None if letter.judgements is None else dict(letter.judgements),
    }


def letter_summary_json(letter: Letter) -> dict[str, Any]:
    """Return a letter's facts with its passage count, as /api/letters lists it."""
    return letter.facts() | {"passages": len(letter.passages)}


def letter_json(letter: Letter) -> dict[str, Any]:
    """Return a letter's facts and passages in reading order, as /api/letters/<id> shows it."""
    return letter.facts() | {
        "passages": [
            {
                "paragraph": p.paragraph,
                "position": p.position,
                "place": p.place,
                "page": p.page,
                "section": p.section,
                "text": p.text,
                "anchor": p.anchor,
                "numbered": p.numbered,
            }
            for p in letter.passages
        ]
    }


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

"""Plain data (for JSON) from search responses and letters."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from qa.api.shapes import (
    AuthorityList,
    CompareBody,
    CompareGroup,
    LetterBody,
    LetterSummary,
    SearchBody,
    SimilarBody,
    authority_summary,
    letter_brief,
    letter_facts,
    passage_body,
    plain,
    result,
)
from qa.catalogue.authorities import Authority
from qa.catalogue.compare import Comparison
from qa.catalogue.trends import TrendsBody
from qa.core.models import Citation, Hit, Letter
from qa.reading.improvements import ImprovementHit, read_improvements
from qa.search.found import SearchResponse
from qa.search.similar import Similar


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


def comparison_json(comparison: Comparison) -> dict[str, Any]:
    """Return a comparison as the /api/compare JSON body."""
    groups = [
        CompareGroup(letter_brief(g.letter), [result(hit) for hit in g.hits], g.note)
        for g in comparison.groups
    ]
    return plain(CompareBody(comparison.query, groups))


def similar_json(found: Similar) -> dict[str, Any]:
    """Return similar findings as the /api/similar JSON body."""
    return plain(SimilarBody(result(found.passage), [result(hit) for hit in found.hits]))


def authorities_json(found: list[Authority]) -> dict[str, Any]:
    """Return the authorities as the /api/authorities JSON body."""
    return plain(AuthorityList([authority_summary(authority) for authority in found]))


def letter_summary_json(letter: Letter) -> dict[str, Any]:
    """Return a letter's facts with its passage count, as /api/letters lists it."""
    return plain(LetterSummary(**letter_facts(letter), passages=len(letter.passages)))


def letter_json(letter: Letter) -> dict[str, Any]:
    """Return a letter's facts, passages in reading order and improvement points, as
    /api/letters/<id> shows it."""
    passages = [passage_body(p) for p in letter.passages]
    body = LetterBody(
        **letter_facts(letter), passages=passages, improvements=read_improvements(letter)
    )
    return plain(body)


def csv_text(rows: Iterable[dict[str, Any]], columns: Sequence[str]) -> str:
    """Return rows as CSV with a header row of columns (RFC 4180 line ends, UTF-8 byte order
    mark so that spreadsheets read the apostrophes and dashes right), no cell a spreadsheet
    would run as a formula."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.DictWriter(out, fieldnames=list(columns), extrasaction="ignore")
    writer.writeheader()
    writer.writerows({k: _cell(v) for k, v in row.items()} for row in rows)
    return out.getvalue()


# A text cell starting with one of these is a formula to Excel, LibreOffice and Sheets (OWASP's
# CSV injection advice): a leading apostrophe makes it text, shown as written.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def search_row(hit: Hit, url: str) -> dict[str, Any]:
    """Return a search hit and its citation as one flat row (for CSV), url its absolute link."""
    citation = plain(hit.citation) | {"url": url}
    return {"rank": hit.rank, "score": hit.score, "text": hit.text, **citation}


SEARCH_COLUMNS = (
    "rank",
    "score",
    "letter_id",
    "title",
    "local_authority",
    "date",
    "published",
    "type",
    "section",
    "paragraph",
    "position",
    "place",
    "page",
    "text",
    "source",
    "url",
)


def improvement_row(hit: ImprovementHit) -> dict[str, Any]:
    """Return an improvement point and its citation as one flat row (for CSV)."""
    return {
        "text": hit.text,
        "outcome": hit.outcome,
        "report": hit.report,
        **plain(hit.citation),
    }


IMPROVEMENT_COLUMNS = (
    "letter_id",
    "local_authority",
    "date",
    "published",
    "type",
    "text",
    "outcome",
    "report",
    "position",
    "paragraph",
    "page",
    "section",
    "source",
    "url",
)


def trend_rows(body: TrendsBody) -> list[dict[str, Any]]:
    """Return topics over time as flat rows (for CSV): one per year and phrase."""
    return [
        {
            "year": year.year,
            "year_from": body.year_from,
            "letters": year.letters,
            "phrase": count.phrase,
            "mentions": count.letters,
            "share": count.share,
        }
        for year in body.years
        for count in year.counts
    ]


TREND_COLUMNS = ("year", "year_from", "letters", "phrase", "mentions", "share")


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
    # A numbered paragraph has a place only in a second report bound into the file ("LSCB
    # review"), whose paragraph 1 is not the first report's.
    if citation.place:
        parts.append(citation.place)
    if citation.paragraph is not None:
        parts.append(f"paragraph {citation.paragraph}")
    if citation.page is not None:
        parts.append(f"page {citation.page}")
    return " · ".join(parts)

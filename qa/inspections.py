"""Inspections as data: one row per letter that prints judgements, with its dates and each
area's grade as printed, filtered and sorted for the table and its CSV."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields, replace

from qa.errors import BadQuery
from qa.judgements import GRADE_RANK, JUDGEMENT_AREAS
from qa.models import Letter, newest_first
from qa.request import Choices, LetterFilter, Params
from qa.schema import (
    LETTER_ID,
    LOCAL_AUTHORITY,
    PUBLISHED,
    PUBLISHED_FROM,
    VISIT_END,
    PublishedFrom,
    described,
)

_GRADE = "As the letter prints it, lower case; null where it prints none."


@dataclass(frozen=True)
class InspectionRow:
    """One graded inspection."""

    letter_id: str = described(**LETTER_ID)
    local_authority: str | None = described(LOCAL_AUTHORITY)
    type: str | None = described()
    date: str | None = described(VISIT_END, format="date")
    published: str | None = described(PUBLISHED, format="date")
    published_from: PublishedFrom | None = described(PUBLISHED_FROM)
    visit_start: str | None = described("The first day of the visit.", format="date")
    visit_end: str | None = described("The last day of the visit.", format="date")
    overall_effectiveness: str | None = described(_GRADE)
    impact_of_leaders: str | None = described(_GRADE)
    help_and_protection: str | None = described(_GRADE)
    children_in_care: str | None = described(_GRADE)
    care_leavers: str | None = described(_GRADE)
    source: str = described("The file's path inside the letters folder.")


COLUMNS = tuple(f.name for f in fields(InspectionRow))
# Columns a table may be sorted by (grades from best to worst).
SORTABLE = (
    "local_authority",
    "type",
    "date",
    "published",
    "visit_start",
    "visit_end",
    *JUDGEMENT_AREAS,
)


def inspection_row(letter: Letter) -> InspectionRow | None:
    """Return the letter's row, or None when it prints no judgement."""
    grades = letter.judgements or {}
    if not any(grades.values()):
        return None
    visit = letter.visit_dates or {}
    return InspectionRow(
        letter_id=letter.letter_id,
        local_authority=letter.local_authority,
        type=letter.type,
        date=letter.date,
        published=letter.published,
        published_from=letter.published_from,
        visit_start=visit.get("start"),
        visit_end=visit.get("end"),
        source=letter.source,
        **{area: grades.get(area) for area in JUDGEMENT_AREAS},
    )


@dataclass(frozen=True)
class InspectionQuery:
    """Which inspections to list and in what order."""

    filters: LetterFilter = LetterFilter()
    latest: bool = False
    sort: str = "date"
    descending: bool = True

    @classmethod
    def parse(cls, params: Params, choices: Choices) -> InspectionQuery:
        """Read the filters, latest=true|false, sort=<column> and order=asc|desc.

        Raises:
            BadQuery: naming the parameter that is wrong.
        """
        latest = _flag(params.get("latest"), "latest")
        sort = params.get("sort") or "date"
        if sort not in SORTABLE:
            raise BadQuery("sort", f"sort must be one of {', '.join(SORTABLE)}; not {sort!r}")
        order = params.get("order") or ("desc" if sort == "date" else "asc")
        if order not in ("asc", "desc"):
            raise BadQuery("order", f"order must be asc or desc, not {order!r}")
        return cls(LetterFilter.parse(params, choices), latest, sort, order == "desc")


def list_inspections(letters: Iterable[Letter], query: InspectionQuery) -> list[InspectionRow]:
    """Return the rows of the letters the query admits, sorted by the query's column (rows
    without a value last). With latest, each authority's newest graded inspection within the
    other filters is taken before the grades are filtered: "authorities whose latest
    inspection found help and protection inadequate"."""
    letter_filter = replace(query.filters, judgements=())
    rows = [(x, row) for x in letters if letter_filter.admits(x) and (row := inspection_row(x))]
    if query.latest:
        row_of = {row.letter_id: row for _, row in rows}
        newest: dict[str | None, tuple[Letter, InspectionRow]] = {}
        for letter in newest_first(x for x, _ in rows):
            newest.setdefault(letter.local_authority, (letter, row_of[letter.letter_id]))
        rows = list(newest.values())
    rows = [(x, row) for x, row in rows if query.filters.admits(x)]
    listed = [row for _, row in rows]
    listed.sort(key=lambda r: (r.local_authority or "", r.date or "", r.source))
    present = [r for r in listed if getattr(r, query.sort) is not None]
    absent = [r for r in listed if getattr(r, query.sort) is None]
    present.sort(key=lambda r: _sort_key(getattr(r, query.sort)), reverse=query.descending)
    return present + absent


def _sort_key(value: str) -> tuple[int, str]:
    return (GRADE_RANK.get(value, -1), value)


def _flag(value: str | None, name: str) -> bool:
    if value not in (None, "", "true", "false"):
        raise BadQuery(name, f"{name} must be true or false, not {value!r}")
    return value == "true"

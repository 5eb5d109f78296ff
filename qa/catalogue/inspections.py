"""Inspections as data: one row per letter that prints judgements, with its dates and each
area's grade as printed, filtered and sorted for the table and its CSV."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields, replace

from pydantic import Field, ValidationInfo, field_validator

from qa.core.errors import BadQuery
from qa.core.fields import (
    LETTER_ID,
    LOCAL_AUTHORITY,
    PUBLISHED,
    PUBLISHED_FROM,
    VISIT_END,
    PublishedFrom,
    described,
)
from qa.core.filters import Choices, LetterFilter
from qa.core.grades import GRADE_RANK, JUDGEMENT_AREAS
from qa.core.models import Letter, newest_first
from qa.core.params import MAX_QUERY, Params, ParamSet, within_length

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
    # The areas of JUDGEMENT_AREAS, in its order (a test keeps them so), written out: fields
    # made from it (make_dataclass, as qa/api/shapes.py's Judgements) would make this a class
    # mypy cannot see into, every field of every row untyped.
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


class InspectionParams(ParamSet):
    """The table's own request parameters (its filters are FilterParams)."""

    latest: str = Field(
        "false",
        description="Only each authority's newest graded inspection.",
        json_schema_extra={"enum": ["", "true", "false"]},
    )
    sort: str = Field(
        "date",
        description="The column to sort by (date, newest first, unless order says).",
        json_schema_extra={"enum": ["", *SORTABLE]},
    )
    order: str = Field(
        "",
        description="asc or desc; empty: newest first by date, else ascending.",
        json_schema_extra={"enum": ["", "asc", "desc"]},
    )

    @field_validator("latest", mode="before")
    @classmethod
    def _latest(cls, value: str | None) -> str:
        if value not in (None, "", "true", "false"):
            raise BadQuery("latest", f"latest must be true or false, not {value!r}")
        return value or "false"

    @field_validator("sort", mode="before")
    @classmethod
    def _sort(cls, value: str | None) -> str:
        sort = value or "date"
        if sort not in SORTABLE:
            raise BadQuery("sort", f"sort must be one of {', '.join(SORTABLE)}; not {sort!r}")
        return sort

    @field_validator("order", mode="before")
    @classmethod
    def _order(cls, value: str | None, info: ValidationInfo) -> str:
        order = value or ("desc" if info.data["sort"] == "date" else "asc")
        if order not in ("asc", "desc"):
            raise BadQuery("order", f"order must be asc or desc, not {order!r}")
        return order


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
        asked = InspectionParams.read(params)
        filters = LetterFilter.parse(params, choices)
        return cls(filters, asked.latest == "true", asked.sort, asked.order == "desc")


class ImprovementParams(ParamSet):
    """The improvement points' own request parameters (their filters are FilterParams)."""

    q: str = Field(
        "", max_length=MAX_QUERY, description="Only points holding every word of this (stemmed)."
    )

    @field_validator("q", mode="before")
    @classmethod
    def _words(cls, value: str | None) -> str:
        return within_length(value or "", "q", cls.bounds("q")[1])


@dataclass(frozen=True)
class ImprovementQuery:
    """Which improvement points to list: the letters' filters, and words each must hold."""

    filters: LetterFilter = LetterFilter()
    words: str = ""

    @classmethod
    def parse(cls, params: Params, choices: Choices) -> ImprovementQuery:
        """Read the filters, then q (the words): the first wrong one is the one reported.

        Raises:
            BadQuery: naming the parameter that is wrong.
        """
        filters = LetterFilter.parse(params, choices)
        return cls(filters, ImprovementParams.read(params).q)


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

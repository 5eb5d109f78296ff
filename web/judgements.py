"""The pages of judgements as data: the table of graded inspections and the improvement points
across letters, each with its filters and a link to the CSV of exactly what it shows."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, render_template, request, url_for
from flask.typing import ResponseReturnValue

from qa.catalogue.inspections import ImprovementParams, InspectionQuery
from qa.core.filters import FILTER_NAMES
from qa.core.grades import GRADE_CHOICES, JUDGEMENT_AREAS, area_label
from qa.core.params import MAX_QUERY
from qa.reading.improvements import ImprovementHit
from qa.search.searcher import Searcher
from web.context import current_searcher
from web.resources import InspectionTable, improvement_points, inspection_table, read_or_error
from web.search_form import read_page_number

bp = Blueprint("judgements", __name__)

# The improvement points a page shows; Previous and Next page through the rest, and the CSV
# holds them all.
SHOWN_POINTS = 200
# The filters' fields: a grade per area, not judgement=<area>:<grade>.
_FIELDS = tuple(name for name in FILTER_NAMES if name != "judgement")


# The table's columns: (field, heading).
_COLUMNS = [
    ("local_authority", "Local authority"),
    ("type", "Type"),
    ("date", "Inspected"),
    ("published", "Published"),
    *((area, area_label(area)) for area in JUDGEMENT_AREAS),
]


@bp.get("/judgements")
def judgements_page() -> ResponseReturnValue:
    """Show graded inspections as a table: filtered, sorted, downloadable as CSV."""
    searcher = current_searcher()
    form = _form(("latest", "sort", "order"))
    table, error = read_or_error(
        lambda: inspection_table(searcher, request.args), InspectionTable(InspectionQuery(), [])
    )
    query = table.query
    return render_template(
        "judgements/judgements.html",
        form=form,
        rows=table.rows,
        error=error,
        query=query,
        columns=_COLUMNS,
        sort_link=lambda column: _sort_link(form, query, column),
        csv_href=url_for("api.judgements_csv", **_given(form)),
        filtered=any(form[key] for key in (*_FIELDS, "latest")),
        **_choices(searcher),
    ), (400 if error else 200)


@bp.get("/improvements")
def improvements_page() -> ResponseReturnValue:
    """Show what letters say needs to improve, point by point, filtered and cited."""
    searcher = current_searcher()
    form = _form(("q",))
    points, error = read_or_error(lambda: _points(searcher), list[ImprovementHit]())
    if error and error["field"] == "q":
        # The form's own words: its field is "Words", not the parameter q.
        error["text"] = f"Words must be {MAX_QUERY} characters or fewer"
    last = max(1, -(-len(points) // SHOWN_POINTS))
    page = read_page_number(request.args.get("page"), last)
    start = (page - 1) * SHOWN_POINTS
    return render_template(
        "judgements/improvements.html",
        form=form,
        points=points[start : start + SHOWN_POINTS],
        first=start + 1,
        total=len(points),
        pagination=_points_pagination(form, page, last),
        error=error,
        csv_href=url_for("api.improvements_csv", **_given(form)),
        filtered=any(form[key] for key in _FIELDS),
        **_choices(searcher),
    ), (400 if error else 200)


def _points(searcher: Searcher) -> list[ImprovementHit]:
    # The form's own order: its words before its filters (the API checks the filters first).
    ImprovementParams.read(request.args)
    return improvement_points(searcher, request.args)


def _points_pagination(form: dict[str, str], page: int, last: int) -> dict[str, Any] | None:
    """Return govukPagination's options for the improvement points' pages: previous, next."""
    links: dict[str, Any] = {}
    for key, number in (("previous", page - 1), ("next", page + 1)):
        if 1 <= number <= last:
            first = (number - 1) * SHOWN_POINTS + 1
            args: dict[str, Any] = _given(form) | {"page": number}
            href = url_for("judgements.improvements_page", **args)
            label = f"Points {first} to {first + SHOWN_POINTS - 1}"
            links[key] = {"href": href + "#count", "labelText": label}
    return links or None


def _form(extra: tuple[str, ...]) -> dict[str, str]:
    return {key: request.args.get(key, "") for key in (*extra, *_FIELDS)}


def _given(form: dict[str, str]) -> dict[str, Any]:
    return {key: value for key, value in form.items() if value}


def _choices(searcher: Searcher) -> dict[str, Any]:
    return {
        "authorities": searcher.authorities,
        "types": searcher.types,
        "areas": JUDGEMENT_AREAS,
        "grades": GRADE_CHOICES,
    }


def _sort_link(form: dict[str, str], query: InspectionQuery, column: str) -> dict[str, str]:
    """Return the href sorting by column (the other way when it is the current sort) and the
    column's aria-sort value."""
    current = query.sort == column
    descending = not query.descending if current else column == "date"
    args: dict[str, Any] = _given(form) | {"sort": column, "order": "desc" if descending else "asc"}
    state = ("descending" if query.descending else "ascending") if current else "none"
    return {"href": url_for("judgements.judgements_page", **args), "aria_sort": state}

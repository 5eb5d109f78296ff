"""The pages of authorities over time: the list, one authority's letters with its grades
charted, and one question put to several letters."""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from qa.catalogue.authorities import find_authority, grade_points
from qa.catalogue.compare import Comparison, Group
from qa.catalogue.compare_request import MAX_AUTHORITIES, MAX_PER_LETTER, PER_LETTER
from qa.core.grades import JUDGEMENT_AREAS
from web.chart import STYLES, grade_chart
from web.context import current_searcher
from web.resources import authority_list, comparison, read_or_error

bp = Blueprint("authorities", __name__)
# The compare form offers this many authority fields at first, and one more for each "Add
# another authority", up to MAX_AUTHORITIES.
FORM_AUTHORITIES = 3


@bp.get("/authorities")
def authorities_page() -> str:
    """List every authority with its number of letters and its newest letter."""
    return render_template(
        "authorities/authorities.html", authorities=authority_list(current_searcher())
    )


@bp.get("/authorities/<slug>")
def authority_page(slug: str) -> ResponseReturnValue:
    """Show one authority's letters, oldest first, its grades over time and its points."""
    searcher = current_searcher()
    authority = find_authority(searcher.letters, slug)
    if authority.slug != slug:
        return redirect(url_for("authorities.authority_page", slug=authority.slug), 301)
    points = grade_points(authority)
    return render_template(
        "authorities/authority.html",
        authority=authority,
        indexed=set(searcher.authorities),
        chart=grade_chart(points),
        points=points,
        areas=JUDGEMENT_AREAS,
        styles=STYLES,
        improvements={x.letter_id: searcher.improvements(x) for x in authority.letters},
        others=[name for name in searcher.authorities if name != authority.name],
    )


@bp.get("/compare")
def compare_page() -> ResponseReturnValue:
    """Put one question to the letters of the authorities named, as a timeline for each."""
    searcher = current_searcher()
    named = request.args.getlist("local_authority")
    # "Add another authority" submits the form for one more field: no script needed.
    adding = "add" in request.args and len(named) < MAX_AUTHORITIES
    fields = (named + [""] * FORM_AUTHORITIES)[: max(FORM_AUTHORITIES, len(named))]
    fields += [""] * adding
    found: Comparison | None = None
    error = None
    if "q" in request.args and not adding:
        found, error = read_or_error(lambda: comparison(searcher, request.args), None)
    return render_template(
        "authorities/compare.html",
        q=request.args.get("q", ""),
        fields=fields,
        per_letter=request.args.get("per_letter", str(PER_LETTER)),
        max_per_letter=MAX_PER_LETTER,
        comparison=found,
        timelines=_timelines(found),
        scoped=bool([n for n in named if n]),
        error=error,
        authority_names=searcher.authorities,
        can_add=len(fields) < MAX_AUTHORITIES,
        max_authorities=MAX_AUTHORITIES,
    ), (400 if error else 200)


def _timelines(found: Comparison | None) -> dict[str, list[Group]]:
    """Return the comparison's groups by authority, in the order they came."""
    timelines: dict[str, list[Group]] = {}
    for group in found.groups if found else []:
        timelines.setdefault(group.letter.local_authority or "Unknown authority", []).append(group)
    return timelines

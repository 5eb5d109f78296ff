"""The topics-over-time page: phrases counted in each year's letters, as a chart drawn on the
server and a table whose counts link to the passages, with the CSV of the same figures."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, render_template, request, url_for
from flask.typing import ResponseReturnValue

from qa.catalogue.trends import MAX_PHRASES, TrendsBody
from web.context import current_searcher
from web.resources import read_or_error, trend_counts
from web.trend_chart import trend_chart

bp = Blueprint("trends", __name__)
_FILTERS = ("local_authority", "type")


@bp.get("/trends")
def trends_page() -> ResponseReturnValue:
    """Show how many letters of each year mention each phrase: a chart, a table, a CSV."""
    searcher = current_searcher()
    asked = [q for q in request.args.getlist("q") if q.strip()]
    phrases = (asked + [""] * MAX_PHRASES)[: max(MAX_PHRASES, len(asked))]
    form = {key: request.args.get(key, "") for key in _FILTERS}
    body: TrendsBody | None = None
    error = None
    if asked:
        body, error = read_or_error(lambda: trend_counts(searcher, request.args), None)
    given: dict[str, Any] = {"q": asked, **{k: v for k, v in form.items() if v}}
    return render_template(
        "trends/trends.html",
        phrases=phrases,
        form=form,
        body=body,
        chart=trend_chart(body) if body else None,
        error=error,
        csv_href=url_for("api.trends_csv", **given),
        json_href=url_for("api.trends", **given),
        passages_href=lambda phrase, year: _passages_href(form, phrase, year),
        authorities=searcher.authorities,
        types=searcher.types,
    ), (400 if error else 200)


def _passages_href(form: dict[str, str], phrase: str, year: int) -> str:
    """Return the link to the search for the phrase, quoted, in the year's letters."""
    given: dict[str, Any] = {k: v for k, v in form.items() if v}
    return url_for(
        "pages.search_page",
        q=f"“{phrase}”",
        date_from=f"{year}-01-01",
        date_to=f"{year}-12-31",
        **given,
    )

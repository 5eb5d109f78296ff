"""Every result exportable: /search.csv, the search page paging past 50, /improvements paging."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import replace

import pytest

from qa.api.render import csv_text
from qa.search.request import MAX_EXPORT, SearchRequest
from qa.search.searcher import Searcher
from web.context import current_searcher


def _table(response) -> list[dict[str, str]]:
    text = response.get_data(as_text=True)
    assert text.startswith("\ufeff"), "a byte order mark, so spreadsheets read UTF-8"
    return list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))


def test_search_csv_holds_the_searchs_passages_in_order_with_every_citation_field(client):
    hits = client.get("/search?q=children&k=12").get_json()["results"]
    response = client.get("/search.csv?q=children&k=12")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert response.headers["Content-Disposition"] == "attachment; filename=search.csv"
    table = _table(response)
    assert [row["rank"] for row in table] == [str(hit["rank"]) for hit in hits]
    assert [row["text"] for row in table] == [hit["text"] for hit in hits]
    first, cited = table[0], hits[0]["citation"]
    for field in cited:
        if field != "url":
            shown = "" if cited[field] is None else str(cited[field])
            assert first[field] == shown, field
    assert first["url"] == "http://localhost" + cited["url"]


def test_search_csv_takes_up_to_the_export_limit_that_json_search_refuses(client):
    assert client.get("/search?q=children&k=51").status_code == 400
    many = _table(client.get(f"/search.csv?q=children&k={MAX_EXPORT}"))
    assert len(many) == len(client.get("/search?q=children&k=50").get_json()["results"])
    too_many = client.get(f"/search.csv?q=children&k={MAX_EXPORT + 1}")
    assert too_many.status_code == 400
    assert too_many.get_json() == {
        "error": f"k must be from 1 to {MAX_EXPORT}, not {MAX_EXPORT + 1}"
    }


def test_search_csv_keeps_the_filters(client):
    table = _table(client.get("/search.csv?q=children&k=100&local_authority=Marshfield"))
    assert table and {row["local_authority"] for row in table} == {"Marshfield"}


@pytest.mark.parametrize("text", ["=HYPERLINK(1)", "+1", "-2", "@SUM(A1)", "\tx", "\rx"])
def test_no_csv_cell_starts_a_formula(text):
    rows = list(csv.reader(io.StringIO(csv_text([{"a": text, "b": 3}], ["a", "b"])[1:])))
    assert rows[1] == ["'" + text, "3"]


def test_a_deeper_search_ranks_its_first_passages_as_a_shallow_one_does(app):
    with app.app_context():
        searcher = current_searcher()
    shallow = searcher.search(SearchRequest.parse({"q": "children", "k": "5"}, searcher))
    deep = searcher.search(
        SearchRequest.parse({"q": "children", "k": "1000"}, searcher, max_k=MAX_EXPORT)
    )
    assert deep.hits[:5] == shallow.hits


def _fake_answer(count: int):
    """A Searcher.answer giving count hits however many are asked for, up to k."""
    real = Searcher.answer

    def answer(self, request):
        response = real(self, replace(request, k=1))
        hit = response.hits[0]
        hits = [replace(hit, rank=n, text=f"{hit.text} {n}") for n in range(1, count + 1)]
        return replace(response, hits=hits[: request.k])

    return answer


def test_the_search_page_pages_on_past_fifty_results(client, monkeypatch):
    monkeypatch.setattr(Searcher, "answer", _fake_answer(2000))
    html = client.get("/?q=neglect&page=10").get_data(as_text=True)
    assert "Passages 91 to 100 for “neglect”" in html
    assert 'id="result-91"' in html and 'id="result-90"' not in html
    assert 'href="/?q=neglect&amp;page=11#results-heading" rel="next"' in html
    last = client.get("/?q=neglect&page=100").get_data(as_text=True)
    assert "Passages 991 to 1000" in last and 'rel="next"' not in last
    assert "Only the 1000 best-matching passages are shown" in last


def test_the_search_page_offers_its_results_as_csv(client):
    html = client.get("/?q=children&local_authority=Marshfield").get_data(as_text=True)
    link = re.search(r'<a class="govuk-link" href="([^"]+)" download>Download these results', html)
    assert link, "a download link"
    href = link.group(1).replace("&amp;", "&")
    assert href.startswith("/search.csv?") and f"k={MAX_EXPORT}" in href
    assert "local_authority=Marshfield" in href
    assert _table(client.get(href))


def test_the_improvements_page_pages_through_every_point(client, monkeypatch):
    monkeypatch.setattr("web.judgements.SHOWN_POINTS", 1)
    total = len(client.get("/api/improvements").get_json()["improvements"])
    assert total > 1
    seen, url = [], "/improvements"
    for _ in range(total):
        html = client.get(url).get_data(as_text=True)
        seen += re.findall(r'<p class="govuk-body govuk-!-margin-bottom-1 app-point">', html)
        following = re.search(
            r'<a class="govuk-link govuk-pagination__link" href="([^"]+)" rel="next"', html
        )
        if not following:
            break
        url = following.group(1).replace("&amp;", "&")
    assert len(seen) == total, "the last point is reached by paging"
    assert f"points {total} to {total} are shown" in html

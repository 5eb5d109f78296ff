"""Each resource's page, JSON and CSV render one data function's result, so they agree."""

from __future__ import annotations

import csv
import io

from qa.core.filters import LetterFilter
from qa.core.params import MAX_QUERY
from web.context import current_searcher


def _csv_rows(client, url: str) -> list[dict[str, str]]:
    response = client.get(url)
    assert response.status_code == 200, response.get_data(as_text=True)
    return list(csv.DictReader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))


def _cell(value: object) -> str:
    return "" if value is None else str(value)


def test_search_json_and_csv_list_the_same_passages_in_the_same_order(client):
    results = client.get("/search?q=neglect&k=10").get_json()["results"]
    rows = _csv_rows(client, "/search.csv?q=neglect&k=10")
    assert results
    assert [
        (r["rank"], r["citation"]["letter_id"], _cell(r["citation"]["paragraph"])) for r in results
    ] == [(int(r["rank"]), r["letter_id"], r["paragraph"]) for r in rows]


def test_the_judgements_page_json_and_csv_list_the_same_inspections_in_order(client):
    url = "?sort=local_authority&order=desc"
    listed = client.get(f"/api/judgements{url}").get_json()["inspections"]
    rows = _csv_rows(client, f"/api/judgements.csv{url}")
    html = client.get(f"/judgements{url}").get_data(as_text=True)
    assert listed and [x["letter_id"] for x in listed] == [r["letter_id"] for r in rows]
    assert [html.index(f"/letters/{x['letter_id']}") for x in listed] == sorted(
        html.index(f"/letters/{x['letter_id']}") for x in listed
    )


def test_the_letters_page_lists_what_the_letter_filter_admits(app):
    client = app.test_client()
    with app.test_request_context():
        searcher = current_searcher()
        wanted = {
            name: sum(LetterFilter(local_authority=name).admits(x) for x in searcher.letters)
            for name in searcher.authorities
        }
    for name, count in wanted.items():
        html = client.get("/letters", query_string={"local_authority": name}).get_data(as_text=True)
        # A row per letter under the table's row of headings.
        assert html.count('<tr class="govuk-table__row">') == count + 1, name


def test_words_too_long_are_told_in_the_pages_words_and_in_the_apis(client):
    words = "a" * (MAX_QUERY + 1)
    page = client.get(f"/improvements?q={words}")
    assert page.status_code == 400
    assert f"Words must be {MAX_QUERY} characters or fewer" in page.get_data(as_text=True)
    api = client.get(f"/api/improvements?q={words}")
    assert api.status_code == 400
    assert api.get_json() == {
        "error": f"q is {MAX_QUERY + 1} characters long; the limit is {MAX_QUERY}"
    }

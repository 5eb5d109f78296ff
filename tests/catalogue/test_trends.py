"""Topics over time: each year's letters and how many mention each phrase, counted exactly;
the API, the page (chart and table) and the CSV agree."""

from __future__ import annotations

import csv
import io
import re

import pytest

from qa.catalogue.trends import phrase_forms
from qa.core.analyser import word_stems
from qa.indexing.abbreviations import Abbreviations


def _body(client, query: str, status: int = 200) -> dict:
    response = client.get("/api/trends" + query)
    assert response.status_code == status, response.get_json()
    return response.get_json()


def _holds(text: str, phrase: str) -> bool:
    """Independent of the trends code: the phrase's stems in a row among the text's."""
    stems, wanted = word_stems(text), word_stems(phrase)
    return any(stems[i : i + len(wanted)] == wanted for i in range(len(stems)))


def _letters_holding(client, phrase: str) -> set[str]:
    held = set()
    for letter in client.get("/api/letters").get_json()["letters"]:
        body = client.get(f"/api/letters/{letter['letter_id']}").get_json()
        if letter["date"] and any(_holds(p["text"], phrase) for p in body["passages"]):
            held.add(letter["letter_id"])
    return held


@pytest.mark.parametrize("phrase", ["children", "social workers", "kinship care"])
def test_the_years_counts_sum_to_the_letters_with_a_passage_holding_the_phrase(client, phrase):
    body = _body(client, f"?q={phrase}")
    assert body["year_from"] == "date"
    total = sum(year["counts"][0]["letters"] for year in body["years"])
    assert total == len(_letters_holding(client, phrase)) == body["phrases"][0]["letters"]
    letters = client.get("/api/letters").get_json()["letters"]
    assert sum(year["letters"] for year in body["years"]) == sum(1 for x in letters if x["date"])
    for year in body["years"]:
        count = year["counts"][0]
        assert count["share"] == round(count["letters"] / year["letters"], 4)


def test_two_phrases_are_compared_in_one_call_in_the_order_asked(client):
    body = _body(client, "?q=kinship care&q=children")
    assert [p["phrase"] for p in body["phrases"]] == ["kinship care", "children"]
    for year in body["years"]:
        assert [c["phrase"] for c in year["counts"]] == ["kinship care", "children"]
    years = [y["year"] for y in body["years"]]
    assert years == sorted(years)


def test_an_abbreviation_and_its_long_form_count_as_one_phrase():
    abbreviations = Abbreviations({"CSE": "child sexual exploitation"})
    assert phrase_forms("CSE", abbreviations) == ["CSE", "child sexual exploitation"]
    assert phrase_forms("Child Sexual Exploitation", abbreviations) == [
        "Child Sexual Exploitation",
        "CSE",
    ]
    assert phrase_forms("county lines", abbreviations) == ["county lines"]


def test_the_filters_of_search_narrow_the_letters_counted(client):
    letters = client.get("/api/letters").get_json()["letters"]
    authority = next(x["local_authority"] for x in letters if x["local_authority"])
    body = _body(client, f"?q=children&local_authority={authority}")
    own = sum(1 for x in letters if x["local_authority"] == authority and x["date"])
    assert sum(year["letters"] for year in body["years"]) == own


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("", "Missing phrase (q)"),
        ("?q=a&q=b&q=c&q=d&q=e&q=f", "Compare at most 5 phrases at a time"),
        ("?q=%E2%80%94", "q has no word to count"),
        ("?q=x&date_from=2020-01-01&date_to=2019-01-01", "date_from 2020-01-01 is after"),
    ],
)
def test_a_bad_trends_request_is_a_400_naming_what_is_wrong(client, query, message):
    assert message in _body(client, query, 400)["error"]


def test_the_page_its_table_and_its_csv_agree_with_the_api(client):
    query = "?q=kinship+care&q=children"
    body = _body(client, query)
    html = client.get("/trends" + query).get_data(as_text=True)
    assert "Topics over time" in html and "<svg" in html
    cells = re.findall(r'data-phrase="([^"]+)" data-letters="(\d+)"', html)
    expected = [(c["phrase"], str(c["letters"])) for y in body["years"] for c in y["counts"]]
    assert cells == expected
    marks = re.findall(r'data-phrase="([^"]+)" data-year="(\d+)" data-share="([\d.]+)"', html)
    assert sorted(marks) == sorted(
        (c["phrase"], str(y["year"]), str(c["share"])) for y in body["years"] for c in y["counts"]
    )
    csv_link = re.search(r'href="([^"]+)" download>Download these figures as CSV', html)
    response = client.get(csv_link.group(1).replace("&amp;", "&"))
    text = response.get_data(as_text=True)
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    assert [(r["phrase"], r["mentions"]) for r in rows] == expected
    assert {r["year_from"] for r in rows} == {"date"}


def test_each_count_links_to_the_passages_of_that_year(client):
    body = _body(client, "?q=children")
    year = next(y for y in body["years"] if y["counts"][0]["letters"])
    html = client.get("/trends?q=children").get_data(as_text=True)
    links = re.findall(r'<a class="govuk-link" href="(/\?q=[^"]+)">(\d+)<', html)
    href = next(h for h, n in links if f"date_from={year['year']}-01-01" in h)
    href = href.replace("&amp;", "&")
    assert f"date_to={year['year']}-12-31" in href
    results = client.get(href.replace("/?", "/search?")).get_json()["results"]
    assert results and all(r["citation"]["date"].startswith(str(year["year"])) for r in results)
    assert all(_holds(r["text"], "children") for r in results)
    letters = {r["citation"]["letter_id"] for r in results}
    assert len(letters) == year["counts"][0]["letters"]

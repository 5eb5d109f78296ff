"""Authorities over time and one question across letters: the API, the pages (the chart's
figures are the table's), the search page's link, the CLI, and the seeds with the real model."""

import re

import pytest
from click.testing import CliRunner

from qa.cli import main
from tests.synthetic import write_graded_pdf


@pytest.fixture(scope="module")
def over_time(tmp_path_factory):
    from tests.helpers import build

    letters = tmp_path_factory.mktemp("over-time")
    for name, authority, dates, grade, point, finding in [
        (
            "ashby 2016.pdf",
            "Ashby",
            "4 to 15 January 2016",
            "Requires improvement",
            "Supervision of social workers.",
            "Supervision is irregular and rarely reflective.",
        ),
        (
            "ashby 2019.pdf",
            "Ashby",
            "4 to 15 March 2019",
            "Inadequate",
            "Management oversight.",
            "Children wait too long for their plans to be reviewed.",
        ),
        (
            "ashby 2024.pdf",
            "Ashby",
            "13 to 24 May 2024",
            "Good",
            "Care leavers' housing.",
            "Supervision is now regular and reflective.",
        ),
        (
            "corby 2023.pdf",
            "Corby",
            "6 to 17 March 2023",
            "Outstanding",
            "Nothing of note.",
            "Managers give supervision every month.",
        ),
    ]:
        grades = {"help_and_protection": grade, "overall_effectiveness": grade}
        path = letters / name
        write_graded_pdf(path, authority, dates, grades, [point], finding)
    index = tmp_path_factory.mktemp("over-time-index")
    assert not build(letters, index).failed
    return index


@pytest.fixture(scope="module")
def client(over_time):
    from web import create_app

    return create_app(
        {"TESTING": True, "INDEX": str(over_time), "RELOAD_SECONDS": 0.0}
    ).test_client()


def test_authorities_are_listed_with_their_count_and_newest_letter(client):
    found = client.get("/api/authorities").get_json()["authorities"]
    assert [(a["name"], a["slug"], a["letters"]) for a in found] == [
        ("Ashby", "ashby", 3),
        ("Corby", "corby", 1),
    ]
    latest = found[0]["latest"]
    assert latest["date"] == "2024-05-24" and latest["judgements"]["help_and_protection"] == "good"
    assert list(latest) == ["letter_id", "date", "published", "type", "judgements"]
    assert "/authorities/ashby" in client.get("/authorities").get_data(as_text=True)


def test_an_authority_page_shows_its_letters_oldest_first_with_grades_and_points(client):
    html = client.get("/authorities/ashby").get_data(as_text=True)
    dates = re.findall(r"(\d+ \w+ 20\d\d): [A-Z][a-z ]*</a>", html)
    assert dates == ["15 January 2016", "15 March 2019", "24 May 2024"]
    assert "Supervision of social workers." in html and "Management oversight." in html
    assert client.get("/authorities/nowhere").status_code == 404


def test_the_charts_figures_are_the_tables(client):
    html = client.get("/authorities/ashby").get_data(as_text=True)
    charted = set(
        re.findall(r'data-date="([\d-]+)" data-area="(\w+)" data-grade="([a-z ]+)"', html)
    )
    table = html[html.index('class="govuk-table app-grades"') :]
    rows = re.findall(r'<tr class="govuk-table__row" data-date="([\d-]+)">(.*?)</tr>', table, re.S)
    tabled = {
        (day, area, grade)
        for day, cells in rows
        for area, grade in re.findall(r'data-area="(\w+)">([^<]+)</td>', cells)
        if grade != "–"
    }
    assert charted == tabled
    assert ("2019-03-15", "help_and_protection", "inadequate") in charted
    assert len(charted) == 6
    # Each row of the chart is the row of its grade: inadequate lowest.
    heights = {
        g: float(y)
        for g, y in re.findall(
            r'data-grade="([a-z ]+)"[^>]*>\s*<circle cx="[\d.]+" cy="([\d.]+)"', html
        )
    }
    assert heights["good"] < heights["requires improvement"] < heights["inadequate"]


def _groups(client, query):
    response = client.get("/api/compare" + query)
    assert response.status_code == 200, response.get_json()
    return response.get_json()["groups"]


def test_compare_gives_every_letter_of_each_authority_oldest_first(client):
    groups = _groups(client, "?q=supervision&local_authority=Corby&local_authority=Ashby")
    assert [(g["letter"]["local_authority"], g["letter"]["date"][:4]) for g in groups] == [
        ("Corby", "2023"),
        ("Ashby", "2016"),
        ("Ashby", "2019"),
        ("Ashby", "2024"),
    ]
    texts = [r["text"] for r in groups[1]["results"]]
    assert "Supervision is irregular and rarely reflective." in texts
    assert groups[1]["results"][0]["citation"]["url"].startswith("/letters/")
    # The 2019 letter says nothing on supervision: no results, and a note saying so.
    assert groups[2]["results"] == [] and "no passage" in groups[2]["note"]
    assert groups[1]["note"] is None
    assert all(len(g["results"]) <= 2 for g in groups)
    assert (
        len(_groups(client, "?q=supervision&local_authority=Ashby&per_letter=1")[0]["results"]) == 1
    )


def test_compare_without_authorities_takes_the_letters_that_answer_best(client):
    groups = _groups(client, "?q=supervision+reflective")
    assert groups[0]["letter"]["local_authority"] == "Ashby"
    assert {g["letter"]["date"][:4] for g in groups} >= {"2016", "2024"}
    assert all(g["results"] for g in groups)


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("?local_authority=Ashby", "Missing question"),
        ("?q=supervision&local_authority=Nowhere", "No letters with local authority 'Nowhere'"),
        ("?q=supervision&per_letter=0", "per_letter must be a whole number from 1 to 10"),
        ("?q=supervision&per_letter=x", "per_letter must be a whole number from 1 to 10"),
    ],
)
def test_a_bad_comparison_is_a_400_naming_the_parameter(client, query, message):
    response = client.get("/api/compare" + query)
    assert response.status_code == 400 and message in response.get_json()["error"]


def test_the_compare_page_lays_out_a_timeline_per_authority(client):
    html = client.get(
        "/compare?q=supervision&local_authority=Ashby&local_authority=Corby"
    ).get_data(as_text=True)
    assert html.index(">Ashby</h3>") < html.index(">Corby</h3>")
    assert html.index("15 January 2016") < html.index("24 May 2024")
    assert "<mark>" in html and "This letter has no passage" in html


def test_the_search_page_offers_to_compare_when_a_question_names_an_authority(client):
    html = client.get("/?q=supervision+in+Ashby").get_data(as_text=True)
    link = re.search(r'href="(/compare\?[^"]+)"[^>]*>Compare across letters', html)
    assert link and "local_authority=Ashby" in link.group(1)
    assert "Compare across letters</a>" not in client.get("/?q=supervision").get_data(as_text=True)


def test_the_cli_compares_by_authority_oldest_first(over_time):
    result = CliRunner().invoke(
        main, ["compare", "--index", str(over_time), "--local-authority", "Ashby", "supervision"]
    )
    assert result.exit_code == 0, result.output
    assert result.output.index("2016-01-15") < result.output.index("2024-05-24")
    assert "Supervision is now regular and reflective." in result.output
    assert "(This letter has no passage with the question’s words.)" in result.output


@pytest.mark.slow
def test_seeds_compare_supervision_for_stockton_2024_then_2026(shared_letters, tmp_path):
    from qa.build import update_index
    from qa.compare import CompareRequest, compare
    from qa.embed import DEFAULT_MODEL, shared_embedder
    from qa.search import Searcher

    update_index(
        shared_letters / "seeds", tmp_path, DEFAULT_MODEL, lambda: shared_embedder(DEFAULT_MODEL)
    )
    searcher = Searcher.open(tmp_path)
    request = CompareRequest.parse(
        {"q": "supervision", "local_authority": "Stockton-on-Tees"}, searcher
    )
    groups = compare(searcher, request).groups
    assert [g.letter.published[:7] for g in groups] == ["2024-10", "2026-01"]
    for group in groups:
        assert "supervision" in group.hits[0].text.lower()

"""Authorities over time and one question across letters: the API, the pages (the chart's
figures are the table's), the search page's link, the CLI, and the seeds with the real model."""

import re

import pytest
from click.testing import CliRunner

from qa.cli.commands import main
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


def test_the_charts_description_says_where_the_grade_of_2012_to_2013_is_drawn(client):
    html = client.get("/authorities/ashby").get_data(as_text=True)
    said = "Adequate, the grade of 2012 to 2013, is drawn on the row of requires improvement."
    assert said in html


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
    # Each letter's grade as the heading goes on with it, in lower case.
    assert '<span class="govuk-body-s">(requires improvement)</span>' in html


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
    from qa.catalogue.compare import compare
    from qa.catalogue.compare_request import CompareRequest
    from qa.core.settings import DEFAULT_MODEL
    from qa.indexing.build import update_index
    from qa.indexing.embed import shared_embedder
    from qa.search.searcher import Searcher

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


@pytest.fixture(scope="module")
def ten(tmp_path_factory):
    from tests.helpers import build_ten_authorities
    from web import create_app

    index = build_ten_authorities(tmp_path_factory.mktemp("ten"))
    config = {"TESTING": True, "INDEX": str(index), "RELOAD_SECONDS": 0.0}
    return create_app(config).test_client()


def _query(names) -> str:
    return "&".join(f"local_authority={name}" for name in names)


def test_compare_with_ten_authorities_renders_ten_timelines(ten):
    from tests.helpers import TEN_AUTHORITIES

    html = ten.get(f"/compare?q=supervision&{_query(TEN_AUTHORITIES)}").get_data(as_text=True)
    assert html.count('<section class="app-compare-authority"') == 10
    headings = re.findall(r'<h3 class="govuk-heading-m" id="authority-\d+">([^<]+)</h3>', html)
    assert headings == list(TEN_AUTHORITIES)
    assert "Add another authority" not in html
    assert "You can compare up to 10 authorities at a time." in html


def test_add_another_authority_gives_the_form_one_more_field_without_script(ten):
    from tests.helpers import TEN_AUTHORITIES

    three = _query(TEN_AUTHORITIES[:3])
    html = ten.get(f"/compare?q=supervision&{three}").get_data(as_text=True)
    assert len(re.findall(r'<select class="govuk-select" id="local_authority', html)) == 3
    button = re.search(r'<button[^>]*name="add"[^>]*>', html)
    assert button and 'formaction="/compare#local_authority-4"' in button.group(0)
    assert html.index(">\n  Compare\n</button>") < button.start(), "Enter still compares"

    added = ten.get(f"/compare?q=supervision&{three}&add=another").get_data(as_text=True)
    selects = re.findall(r'<select class="govuk-select" id="(local_authority[-\d]*)"', added)
    assert selects == ["local_authority", *(f"local_authority-{n}" for n in range(2, 5))]
    assert added.count("selected>") == 3, "the authorities chosen stay chosen"
    assert "app-compare-authority" not in added, "adding a field does not compare yet"


def test_an_authority_page_offers_to_compare_it_with_others(client):
    html = client.get("/authorities/ashby").get_data(as_text=True)
    picker = re.search(r'<select class="govuk-select" id="compare-with".*?</select>', html, re.S)
    assert picker and ">Corby</option>" in picker.group(0)
    assert ">Ashby</option>" not in picker.group(0)
    assert 'href="/compare?local_authority=Ashby#local_authority-2"' in html
    both = client.get("/api/compare?q=supervision&local_authority=Ashby&local_authority=Corby")
    assert {g["letter"]["local_authority"] for g in both.get_json()["groups"]} == {"Ashby", "Corby"}


def test_a_letter_whose_passages_with_the_words_are_off_topic_says_so(client, monkeypatch):
    from qa.catalogue.compare import NO_WORDS, OFF_TOPIC
    from qa.search.answerable import THRESHOLDS

    query = "?q=supervision&local_authority=Ashby"
    shown = [(g["note"], len(g["results"])) for g in _groups(client, query)]
    assert shown[1] == (NO_WORDS, 0) and shown[0][1] and shown[2][1]
    # Above any cosine: the passages holding "supervision" are not about it.
    monkeypatch.setitem(THRESHOLDS, "hash", 2.0)
    groups = _groups(client, query)
    assert [(g["note"], g["results"]) for g in groups] == [
        (OFF_TOPIC, []),
        (NO_WORDS, []),
        (OFF_TOPIC, []),
    ]
    page = client.get("/compare" + query).get_data(as_text=True)
    assert "This letter has passages with the question’s words, but none about it." in page


def test_each_point_sits_exactly_on_its_grades_row_and_the_legend_draws_its_shape(client):
    html = client.get("/authorities/ashby").get_data(as_text=True)
    rows = re.findall(r'<line class="app-chart__row"[^>]* y1="([\d.]+)"', html)
    labels = re.findall(r'<tspan x="[\d.]+" dy="\d+">([^<]+)</tspan>', html)
    assert labels == ["Outstanding", "Good", "Requires", "improvement", "Inadequate"]
    grades = ["outstanding", "good", "requires improvement", "inadequate"]
    on_row = dict(zip(grades, rows, strict=True))
    marks = re.findall(r'data-grade="([a-z ]+)" data-shape="(\w+)"[^>]*>(<\w+[^>]*>)', html)
    assert len(marks) == 6
    for grade, shape, drawn in marks:
        centre = {
            "circle": r'cy="([\d.]+)"',
            "square": r'y="([\d.]+)"',
            "diamond": r'points="[\d.]+,[\d.]+ [\d.]+,([\d.]+)',
        }
        if shape in centre:
            y = float(re.search(centre[shape], drawn).group(1)) + (4.5 if shape == "square" else 0)
            assert y == float(on_row[grade]), (grade, shape)
    legend = re.findall(r'<li data-shape="(\w+)"><svg[^>]*><g[^>]*><(\w+)', html)
    drawn = {"circle": "circle", "square": "rect", "diamond": "polygon", "triangle": "polygon"}
    assert [element for _, element in legend] == [drawn.get(shape, "path") for shape, _ in legend]
    assert {shape for shape, _ in legend} == {"circle", "square", "diamond", "triangle", "cross"}


def test_the_grades_table_scrolls_in_its_own_box(client):
    html = client.get("/authorities/ashby").get_data(as_text=True)
    assert re.search(
        r'<div class="app-table-scroll" tabindex="0" role="region"[^>]*>\s*'
        r'<table class="govuk-table app-grades">',
        html,
    )

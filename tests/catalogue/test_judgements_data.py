"""Judgements and improvement points as data: the JSON and CSV endpoints, their filters, the
pages, the judgement filter of /search and the CLI."""

import csv
import io

import pytest
from click.testing import CliRunner

from qa.cli.commands import main
from tests.synthetic import write_graded_pdf

RI = "requires improvement to be good"


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    from tests.helpers import build

    letters = tmp_path_factory.mktemp("graded")
    write_graded_pdf(
        letters / "marshfield 2019.pdf",
        "Marshfield",
        "4 to 15 March 2019",
        {
            "impact_of_leaders": "Inadequate",
            "help_and_protection": "Inadequate",
            "children_in_care": "Requires improvement to be good",
            "care_leavers": "Good",
            "overall_effectiveness": "Inadequate",
        },
        ["Management oversight of children's plans.", "The quality of supervision."],
    )
    write_graded_pdf(
        letters / "marshfield 2024.pdf",
        "Marshfield",
        "13 to 24 May 2024",
        {
            "impact_of_leaders": "Good",
            "help_and_protection": RI.capitalize(),
            "children_in_care": "Good",
            "care_leavers": "Outstanding",
            "overall_effectiveness": "Good",
        },
        ["The timeliness of initial health assessments."],
    )
    write_graded_pdf(
        letters / "northbrook 2026.pdf",
        "Northbrook",
        "2 to 13 March 2026",
        {
            "impact_of_leaders": "Good",
            "help_and_protection": "Inadequate",
            "children_in_care": "Good",
            "care_leavers": "Good",
        },
        ["Supervision of social workers. (outcome 1, national framework)"],
    )
    index = tmp_path_factory.mktemp("graded-index")
    summary = build(letters, index)
    assert not summary.failed, summary.failed
    return index


@pytest.fixture(scope="module")
def client(graded):
    from web import create_app

    return create_app({"TESTING": True, "INDEX": str(graded), "RELOAD_SECONDS": 0.0}).test_client()


def _rows(client, query=""):
    response = client.get("/api/judgements" + query)
    assert response.status_code == 200, response.get_json()
    return response.get_json()["inspections"]


def test_each_graded_letter_is_one_row_with_its_grades_as_printed_newest_first(client):
    rows = _rows(client)
    assert [(r["local_authority"], r["date"][:4]) for r in rows] == [
        ("Northbrook", "2026"),
        ("Marshfield", "2024"),
        ("Marshfield", "2019"),
    ]
    assert list(rows[0]) == [
        "letter_id",
        "local_authority",
        "type",
        "date",
        "published",
        "published_from",
        "visit_start",
        "visit_end",
        "overall_effectiveness",
        "impact_of_leaders",
        "help_and_protection",
        "children_in_care",
        "care_leavers",
        "source",
    ]
    assert rows[0]["overall_effectiveness"] is None
    assert rows[0]["help_and_protection"] == "inadequate"
    assert (rows[0]["visit_start"], rows[0]["visit_end"]) == ("2026-03-02", "2026-03-13")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?help_and_protection=inadequate", [("Northbrook", "2026"), ("Marshfield", "2019")]),
        ("?latest=true", [("Northbrook", "2026"), ("Marshfield", "2024")]),
        ("?latest=true&help_and_protection=inadequate", [("Northbrook", "2026")]),
        ("?help_and_protection=requires+improvement", [("Marshfield", "2024")]),
        ("?local_authority=Marshfield&date_to=2020-01-01", [("Marshfield", "2019")]),
        ("?judgement=overall_effectiveness:good", [("Marshfield", "2024")]),
        (
            "?sort=local_authority",
            [("Marshfield", "2019"), ("Marshfield", "2024"), ("Northbrook", "2026")],
        ),
        (
            "?sort=help_and_protection&order=desc",
            [("Marshfield", "2019"), ("Northbrook", "2026"), ("Marshfield", "2024")],
        ),
    ],
)
def test_inspections_are_filtered_and_sorted(client, query, expected):
    assert [(r["local_authority"], r["date"][:4]) for r in _rows(client, query)] == expected


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("?help_and_protection=bad", "help_and_protection grade must be one of"),
        ("?latest=maybe", "latest must be true or false"),
        ("?sort=grade", "sort must be one of"),
        ("?order=up", "order must be asc or desc"),
        ("?judgement=leaders:good", "judgement must be <area>:<grade>"),
        ("?local_authority=Nowhere", "No letters with local authority 'Nowhere'"),
    ],
)
def test_a_bad_filter_is_a_400_naming_it(client, query, parameter):
    for path in ("/api/judgements", "/api/judgements.csv", "/api/improvements"):
        if "sort" in query or "order" in query or "latest" in query:
            if path == "/api/improvements":
                continue
        response = client.get(path + query)
        assert response.status_code == 400
        assert parameter in response.get_json()["error"]


def test_the_csv_reads_back_as_the_same_rows_and_columns(client):
    response = client.get("/api/judgements.csv?latest=true")
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    table = list(csv.DictReader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    rows = _rows(client, "?latest=true")
    assert [list(r) for r in table] == [list(r) for r in rows]
    assert table == [{k: "" if v is None else v for k, v in r.items()} for r in rows]


def test_improvement_points_list_across_letters_with_citations(client):
    points = client.get("/api/improvements").get_json()["improvements"]
    assert [p["text"] for p in points] == [
        "Supervision of social workers. (outcome 1, national framework)",
        "The timeliness of initial health assessments.",
        "Management oversight of children's plans.",
        "The quality of supervision.",
    ]
    assert points[0]["outcome"] == "outcome 1, national framework"
    assert points[0]["citation"]["section"] == "What needs to improve?"
    assert points[0]["citation"]["url"].startswith("/letters/")


def test_improvement_points_are_found_by_their_words_and_filtered_by_grade(client):
    found = client.get("/api/improvements?q=supervise&help_and_protection=inadequate").get_json()
    assert [p["citation"]["local_authority"] for p in found["improvements"]] == [
        "Northbrook",
        "Marshfield",
    ]
    response = client.get("/api/improvements.csv?q=supervision")
    table = list(csv.DictReader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert [r["local_authority"] for r in table] == ["Northbrook", "Marshfield"]
    assert table[0]["outcome"] == "outcome 1, national framework"
    assert table[0]["report"] == "local authority"
    assert set(table[0]) >= {"text", "letter_id", "date", "section", "page", "url"}


def test_a_letter_lists_its_improvement_points(client):
    letter_id = _rows(client, "?local_authority=Marshfield&date_to=2020-01-01")[0]["letter_id"]
    body = client.get(f"/api/letters/{letter_id}").get_json()
    assert [(p["text"], p["outcome"]) for p in body["improvements"]] == [
        ("Management oversight of children's plans.", None),
        ("The quality of supervision.", None),
    ]
    assert {p["report"] for p in body["improvements"]} == {"local authority"}
    position = body["improvements"][0]["position"]
    assert body["passages"][position - 1]["section"] == "What needs to improve?"
    page = client.get(f"/letters/{letter_id}").get_data(as_text=True)
    assert "What needs to improve" in page and "The quality of supervision." in page


def test_search_takes_judgement_filters_and_all_must_hold(client):
    def authorities(query):
        response = client.get("/search?q=children+in+care&k=10" + query)
        assert response.status_code == 200, response.get_json()
        return {
            r["citation"]["local_authority"] + r["citation"]["date"][:4]
            for r in response.get_json()["results"]
        }

    assert authorities("&judgement=help_and_protection:inadequate") == {
        "Northbrook2026",
        "Marshfield2019",
    }
    assert authorities("&judgement=help_and_protection:inadequate&judgement=care_leavers:good") == {
        "Northbrook2026",
        "Marshfield2019",
    }
    assert authorities(
        "&judgement=help_and_protection:inadequate&judgement=overall_effectiveness:inadequate"
    ) == {"Marshfield2019"}


def test_the_cli_search_takes_a_judgement_filter(graded):
    runner = CliRunner()
    found = runner.invoke(
        main, ["search", "--index", str(graded), "--judgement", "care_leavers:outstanding", "homes"]
    )
    assert found.exit_code == 0, found.output
    assert "Marshfield · standard inspection · 2024" in found.output
    assert "Northbrook" not in found.output
    wrong = runner.invoke(main, ["search", "--index", str(graded), "--judgement", "x:y", "homes"])
    assert wrong.exit_code != 0 and "judgement must be <area>:<grade>" in wrong.output


def test_the_judgements_page_sorts_by_links_and_offers_the_csv_of_what_it_shows(client):
    page = client.get("/judgements?help_and_protection=inadequate&sort=local_authority")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert html.index("Marshfield") < html.index("Northbrook")
    assert 'aria-sort="ascending"' in html
    assert "/api/judgements.csv?" in html and "help_and_protection=inadequate" in html
    assert "2 inspections" in html
    bad = client.get("/judgements?help_and_protection=bad")
    assert bad.status_code == 400 and "There is a problem" in bad.get_data(as_text=True)


def test_the_improvements_page_shows_points_with_citations(client):
    page = client.get("/improvements?q=supervision")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "2 points" in html and "Supervision of social workers." in html
    assert "/api/improvements.csv?q=supervision" in html

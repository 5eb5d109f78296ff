"""Authorities as identities: every letter filed under the gazetteer's name for its authority
(its own spelling kept), one entry and one page per authority, filters that take any of its
names, former and successor authorities linked, and names the gazetteer does not know said."""

import pytest

from qa.catalogue.authorities import authorities, find_authority
from qa.core.filters import LetterFilter
from qa.core.grades import NOT_GRADED, grade_summary
from qa.core.places import english_authorities, known_place, named_places, predecessors
from qa.reading.reader import read_letter
from tests.synthetic import write_graded_pdf

GOOD = {"overall_effectiveness": "Good", "help_and_protection": "Good"}
INADEQUATE = {"overall_effectiveness": "Inadequate", "help_and_protection": "Inadequate"}
# 2026 reports grade four areas and print no overall judgement.
FOUR_AREAS = {
    "impact_of_leaders": "Good",
    "help_and_protection": "Good",
    "children_in_care": "Good",
    "care_leavers": "Good",
}


@pytest.fixture(scope="module")
def named_differently(tmp_path_factory):
    """An index of letters naming Hull three ways, Cumbria and its successor, and a place
    the gazetteer does not know."""
    from tests.helpers import build

    letters = tmp_path_factory.mktemp("names")
    for name, authority, dates, grades in [
        ("hull 2015.pdf", "Kingston Upon Hull", "3 to 14 November 2014", INADEQUATE),
        ("hull 2019.pdf", "Hull", "4 to 15 March 2019", INADEQUATE),
        ("hull 2023.pdf", "Kingston upon Hull", "6 to 17 March 2023", GOOD),
        ("cumbria 2019.pdf", "Cumbria", "4 to 15 February 2019", GOOD),
        ("cumberland 2024 - 26 november 2024.pdf", "Cumberland", "2 to 13 September 2024", GOOD),
        ("riverby 2026.pdf", "Riverby", "2 to 13 March 2026", FOUR_AREAS),
    ]:
        write_graded_pdf(letters / name, authority, dates, grades, ["Supervision."])
    index = tmp_path_factory.mktemp("names-index")
    summary = build(letters, index)
    assert not summary.failed
    return index, summary


@pytest.fixture(scope="module")
def client(named_differently):
    from web import create_app

    index, _ = named_differently
    app = create_app({"TESTING": True, "INDEX": str(index), "RELOAD_SECONDS": 0.0})
    return app.test_client()


def test_a_letter_is_filed_under_the_gazetteers_name_and_keeps_its_own_spelling(tmp_path):
    path = write_graded_pdf(
        tmp_path / "r.pdf", "Kingston Upon Hull", "4 to 15 March 2019", GOOD, []
    )
    letter = read_letter(path, "r.pdf")
    assert (letter.local_authority, letter.named_as) == ("Kingston upon Hull", "Kingston Upon Hull")


@pytest.mark.parametrize(
    ("printed", "name"),
    [
        ("Hull", "Kingston upon Hull"),
        ("St. Helens", "St Helens"),
        ("City of Westminster", "Westminster"),
        ("Hammersmith & Fulham", "Hammersmith and Fulham"),
        ("East Riding", "East Riding of Yorkshire"),
        ("Newcastle", "Newcastle upon Tyne"),
        ("London Corporation", "City of London"),
    ],
)
def test_every_other_name_of_an_authority_finds_it_in_the_gazetteer(printed, name):
    place = known_place(printed)
    assert place is not None and place.name == name


def test_former_authorities_know_their_successors_and_successors_their_predecessors():
    cumbria = known_place("Cumbria")
    assert cumbria is not None and not cumbria.current
    assert cumbria.successors == ("Cumberland", "Westmorland and Furness")
    assert predecessors("Cumberland") == ("Cumbria",)
    assert predecessors("Bournemouth, Christchurch and Poole") == ("Bournemouth", "Poole")
    assert predecessors("North Northamptonshire") == ("Northamptonshire",)


def test_the_api_lists_one_authority_for_letters_naming_it_three_ways(client):
    found = client.get("/api/authorities").get_json()["authorities"]
    assert [(a["name"], a["slug"], a["letters"]) for a in found] == [
        ("Cumberland", "cumberland", 1),
        ("Cumbria", "cumbria", 1),
        ("Kingston upon Hull", "kingston-upon-hull", 3),
        ("Riverby", "riverby", 1),
    ]
    hull = found[2]
    assert hull["named_as"] == ["Hull", "Kingston Upon Hull"] and hull["known"]
    assert hull["latest"]["date"] == "2023-03-17"
    assert found[0]["predecessors"] == ["Cumbria"] and found[1]["successors"] == [
        "Cumberland",
        "Westmorland and Furness",
    ]
    assert not found[3]["known"]


def test_an_authority_page_shows_all_its_letters_and_its_other_names(client):
    html = client.get("/authorities/kingston-upon-hull").get_data(as_text=True)
    assert html.count('class="app-timeline__item"') == 3
    assert "“Hull”, “Kingston Upon Hull”" in html


def test_an_other_name_in_the_address_leads_to_the_authoritys_page(client):
    response = client.get("/authorities/hull")
    assert response.status_code == 301
    assert response.headers["Location"].endswith("/authorities/kingston-upon-hull")


def test_an_authority_page_links_its_predecessor_and_successors(client):
    cumberland = client.get("/authorities/cumberland").get_data(as_text=True)
    assert 'href="/authorities/cumbria">Cumbria</a>' in cumberland
    cumbria = client.get("/authorities/cumbria").get_data(as_text=True)
    assert 'href="/authorities/cumberland">Cumberland</a>' in cumbria
    assert "Westmorland and Furness (no letters in this index)" in cumbria


def test_a_name_the_gazetteer_does_not_know_is_kept_and_reported(named_differently, client):
    _, summary = named_differently
    assert summary.unknown_authorities == [("riverby 2026.pdf", "Riverby")]
    page = client.get("/authorities/riverby").get_data(as_text=True)
    assert "does not know it" in page


@pytest.mark.parametrize("name", ["Hull", "hull", "Kingston Upon Hull", "kingston upon hull"])
def test_filters_take_any_name_of_an_authority(client, name):
    rows = client.get(f"/api/judgements?local_authority={name}").get_json()["inspections"]
    assert len(rows) == 3 and {r["local_authority"] for r in rows} == {"Kingston upon Hull"}


def test_latest_takes_each_authoritys_newest_inspection_whatever_it_was_named(client):
    query = "/api/judgements?latest=true&overall_effectiveness=inadequate"
    # Hull's 2015 and 2019 inspections were inadequate, its newest (named otherwise) good.
    assert client.get(query).get_json()["inspections"] == []
    rows = client.get("/api/judgements?latest=true").get_json()["inspections"]
    newest = {r["local_authority"]: r["date"] for r in rows}
    assert newest["Kingston upon Hull"] == "2023-03-17"


def test_a_question_naming_another_name_is_scoped_to_the_authority(client):
    body = client.get("/search?q=supervision in Hull").get_json()
    assert body["results"]
    assert {r["citation"]["local_authority"] for r in body["results"]} == {"Kingston upon Hull"}


def test_authorities_group_letters_by_the_gazetteers_name(named_differently):
    from qa.indexing.store import read_generation

    index, _ = named_differently
    letters = read_generation(index).letters
    assert [a.name for a in authorities(letters)].count("Kingston upon Hull") == 1
    assert find_authority(letters, "hull").name == "Kingston upon Hull"
    choices = type("Choices", (), {"authorities": ["Kingston upon Hull"], "types": []})()
    assert LetterFilter.parse({"local_authority": "HULL"}, choices).local_authority == (
        "Kingston upon Hull"
    )


@pytest.mark.parametrize(
    ("judgements", "words"),
    [
        (None, NOT_GRADED),
        ({"overall_effectiveness": None, "help_and_protection": None}, NOT_GRADED),
        ({"overall_effectiveness": "good", "help_and_protection": "good"}, "good"),
        (
            {**dict.fromkeys(FOUR_AREAS, "good"), "overall_effectiveness": None},
            "no overall judgement; 4 areas graded",
        ),
    ],
)
def test_a_letters_grade_in_words_says_what_it_prints(judgements, words):
    assert grade_summary(judgements) == words


def test_a_letter_grading_areas_without_an_overall_judgement_is_not_called_not_graded(client):
    page = client.get("/authorities").get_data(as_text=True)
    assert "No overall judgement; 4 areas graded" in page
    assert "No grade" not in page and "Not graded" not in page


@pytest.mark.parametrize(
    "folder",
    [
        "80477_kingston upon hull",
        "80525_newcastle upon tyne",
        "80519_westminster",
        "80497_hammersmith and fulham",
        "80560_st helens",
        "80466_east riding of yorkshire",
    ],
)
def test_every_real_report_in_an_authoritys_folder_is_filed_under_one_name(shared_letters, folder):
    paths = sorted((shared_letters / "ofsted-ilacs" / folder).glob("*.pdf"))
    names = {read_letter(path, path.name).local_authority for path in paths}
    assert len(paths) >= 2 and len(names) == 1 and known_place(names.pop()) is not None


@pytest.mark.parametrize(
    ("source", "inspected", "published"),
    [
        (
            "80500_havering/children's services inspection - 16 february 2024.pdf",
            "2023-12-22",
            "2024-02-16",
        ),
        (
            "80569_tameside/children's services inspection - 13 february 2024.pdf",
            "2023-12-15",
            "2024-02-13",
        ),
        (
            "80537_peterborough/children's services inspection - 30 january 2024.pdf",
            "2023-12-08",
            "2024-01-30",
        ),
    ],
)
def test_real_reports_inspected_in_2023_are_found_by_their_2024_publication(
    shared_letters, source, inspected, published
):
    letter = read_letter(shared_letters / "ofsted-ilacs" / source, source)
    assert (letter.date, letter.published, letter.published_from) == (
        inspected,
        published,
        "file name",
    )
    in_2024 = LetterFilter(published_since="2024-01-01", published_until="2024-12-31")
    assert in_2024.admits(letter)
    assert not LetterFilter(date_from="2024-01-01", date_to="2024-12-31").admits(letter)


def test_a_real_report_printing_its_publication_date_is_dated_from_the_print(shared_letters):
    source = "80535_oldham/children's services inspection - 03 august 2015.pdf"
    letter = read_letter(shared_letters / "ofsted-ilacs" / source, source)
    assert (letter.published, letter.published_from) == ("2015-08-03", "print")


def test_the_publication_date_says_where_it_was_read(client):
    letters = {x["source"]: x for x in client.get("/api/letters").get_json()["letters"]}
    named = letters["cumberland 2024 - 26 november 2024.pdf"]
    assert (named["date"], named["published"], named["published_from"]) == (
        "2024-09-13",
        "2024-11-26",
        "file name",
    )
    unnamed = letters["cumbria 2019.pdf"]
    assert (unnamed["date"], unnamed["published"], unnamed["published_from"]) == (
        "2019-02-15",
        None,
        None,
    )


def test_the_service_ships_every_english_authority_current_and_former():
    places = english_authorities()
    assert sum(p.current for p in places) == 153
    assert {"Cumbria", "Northamptonshire", "Bournemouth", "Poole"} <= {
        p.name for p in places if not p.current
    }
    assert [p.name for p in named_places("neglect in Hull and in Stockton")] == [
        "Kingston upon Hull",
        "Stockton-on-Tees",
    ]


def test_everyday_words_name_a_place_only_when_capitalised():
    assert named_places("what they are reading at bath time") == []
    assert [p.name for p in named_places("neglect in Reading")] == ["Reading"]

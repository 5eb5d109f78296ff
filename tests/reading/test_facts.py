import pytest

from qa.reading.blocks import FACT_LINE
from qa.reading.facts import council_name, date_range, letter_type, parse_date
from qa.reading.reader import read_letter
from tests.synthetic import FOCUSED_VISIT, write_inspection_pdf


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("13 to 24 May 2024", "2024-05-13", "2024-05-24"),
        ("22 May 2015 – 18 June 2015", "2015-05-22", "2015-06-18"),
        ("15 – 19 July 2013", "2013-07-15", "2013-07-19"),
        ("9 and 10 December 2025", "2025-12-09", "2025-12-10"),
        ("27 February to 3 March 2023", "2023-02-27", "2023-03-03"),
        ("30 December to 10 January 2020", "2019-12-30", "2020-01-10"),
        ("18 Feb 2014 – 12 March 2014", "2014-02-18", "2014-03-12"),
    ],
)
def test_date_ranges_are_read_as_printed(text, start, end):
    assert date_range(text) == {"start": start, "end": end}


def test_impossible_date_is_none():
    assert parse_date("31 February 2024") is None


@pytest.mark.parametrize(
    ("council", "name"),
    [
        ("Oldham Borough Council", "Oldham"),
        ("Stockton-on-Tees Borough Council", "Stockton-on-Tees"),
        ("London Borough of Tower Hamlets", "Tower Hamlets"),
        ("Kent County Council", "Kent"),
        ("Kingston upon Hull City Council", "Kingston upon Hull"),
    ],
)
def test_council_names_become_authority_names(council, name):
    assert council_name(council) == name


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("Focused visit to Stockton-on-Tees children's services", "focused visit"),
        ("Monitoring visit to Birmingham children's services", "monitoring visit"),
        ("Inspection of Oldham local authority children’s services", "inspection"),
        ("Joint targeted area inspection of Leeds", "joint targeted area inspection"),
    ],
)
def test_letter_type_comes_from_the_title(title, kind):
    assert letter_type(title) == kind


def test_text_letter_facts(tmp_path):
    path = tmp_path / "visit.txt"
    path.write_text(FOCUSED_VISIT, encoding="utf-8")
    letter = read_letter(path, "visit.txt")
    assert letter.facts() | {"letter_id": None} == {
        "letter_id": None,
        "source": "visit.txt",
        "title": "Focused visit to Rutland children's services",
        "local_authority": "Rutland",
        "date": "2025-02-05",
        "type": "focused visit",
        "named_as": "Rutland",
        "published": "2025-03-14",
        "published_from": "print",
        "visit_dates": {"start": "2025-02-04", "end": "2025-02-05"},
        "lead_inspector": "Alex Carter",
        "inspectors": ["Alex Carter", "Sam Patel"],
        "judgements": None,
        "pages": None,
    }


def test_pdf_report_facts_and_judgements(tmp_path):
    letter = read_letter(write_inspection_pdf(tmp_path / "r.pdf"), "r.pdf")
    assert letter.type == "standard inspection"
    assert letter.title == "Inspection of Marshfield local authority children's services"
    assert letter.local_authority == "Marshfield"
    assert letter.date == "2024-05-24"
    assert letter.lead_inspector == "Morgan Ellis"
    assert letter.judgements == {
        "overall_effectiveness": "good",
        "impact_of_leaders": "good",
        "help_and_protection": "requires improvement to be good",
        "children_in_care": "good",
        "care_leavers": "outstanding",
    }


def test_lead_and_team_come_from_the_inspection_team_section(tmp_path):
    from tests.synthetic import heading, numbered, para, write_pdf

    elements = [
        numbered(1, "Children are safe. " * 5),
        heading("The inspection team"),
        para("Lead inspector: Helen Cawston"),
        para("Deputy lead inspector: Sheena Doyle"),
        para("Team inspectors: Amanda Maxwell, Pauline Turner and Nick Stacey"),
        para("Senior data analyst: Neil Powling"),
    ]
    path = write_pdf(
        tmp_path / "sif.pdf",
        "Kent County Council",
        ["Inspection date: 15 – 19 July 2013"],
        elements,
    )
    letter = read_letter(path, "sif.pdf")
    assert letter.lead_inspector == "Helen Cawston"
    assert letter.inspectors == (
        "Helen Cawston",
        "Sheena Doyle",
        "Amanda Maxwell",
        "Pauline Turner",
        "Nick Stacey",
    )


def test_numeric_dates_are_read_as_day_month_year():
    from qa.reading.facts import spell_dates

    assert spell_dates("Inspection date: 12/09/2016 to 06/10/2016") == (
        "Inspection date: 12 September 2016 to 6 October 2016"
    )
    assert date_range(spell_dates("1/06/2015 – 25/06/2015")) == {
        "start": "2015-06-01",
        "end": "2015-06-25",
    }


def test_a_word_starting_like_a_month_is_not_a_month():
    assert parse_date("12 Decisions were made in 2020") is None


def _title_page(path, rows, sentence=None):
    """Write a 2014-style title page: the grid printed without rules, grades in a right column."""
    import pymupdf

    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    page.insert_text((71, 120), "Testshire County Council", fontsize=26)
    y = 200
    if sentence:
        page.insert_text((71, y), sentence, fontsize=14, fontname="hebo")
        y += 40
    for label, grade in rows:
        if label:
            page.insert_text((71, y), label, fontsize=12, fontname="hebo")
        if grade:
            page.insert_text((388, y), grade, fontsize=12)
        y += 18
    for line in range(12):
        page.insert_text(
            (71, 500 + line * 15), "Inspectors found that help is given promptly. " * 2, fontsize=12
        )
    doc.save(path)
    return path


def test_unruled_grid_with_two_line_grades_is_read(tmp_path):
    rows = [
        ("", "Requires"),
        ("1. Children who need help and protection", ""),
        ("", "improvement"),
        ("2. Children looked after and achieving permanence", "Good"),
        ("2.2 Experiences and progress of care leavers", "Good"),
        ("3. Leadership, management and governance", "Inadequate"),
    ]
    sentence = "The overall judgement is requires improvement"
    letter = read_letter(_title_page(tmp_path / "t.pdf", rows, sentence), "t.pdf")
    assert letter.judgements == {
        "overall_effectiveness": "requires improvement",
        "impact_of_leaders": "inadequate",
        "help_and_protection": "requires improvement",
        "children_in_care": "good",
        "care_leavers": "good",
    }


def test_combined_care_judgement_grades_both_and_not_judged_is_null(tmp_path):
    rows = [
        ("The experiences and progress of children in care and care leavers", "Outstanding"),
        ("Help and protection", "Not judged"),
    ]
    letter = read_letter(_title_page(tmp_path / "c.pdf", rows), "c.pdf")
    assert (
        letter.judgements["children_in_care"] == letter.judgements["care_leavers"] == "outstanding"
    )
    assert letter.judgements["help_and_protection"] is None


def test_letter_without_grades_has_no_judgements(tmp_path):
    path = tmp_path / "visit.txt"
    path.write_text(FOCUSED_VISIT, encoding="utf-8")
    assert read_letter(path, "visit.txt").judgements is None


@pytest.mark.parametrize(
    ("dates", "kind"),
    [
        ("13 to 17 June 2022", "short inspection"),
        ("13 to 24 June 2022", "standard inspection"),
        ("30 September to 11 October 2024 and 13 to 16 January 2025", "inspection"),
        ("10 to 14 March 2014", "inspection"),
    ],
)
def test_inspection_kind_follows_its_weeks_on_site(tmp_path, dates, kind):
    from tests.synthetic import numbered, write_pdf

    title = "Inspection of Testshire local authority children's services"
    elements = [numbered(1, "Children are safe. " * 5)]
    path = write_pdf(tmp_path / "r.pdf", title, [f"Inspection dates: {dates}"], elements)
    assert read_letter(path, "r.pdf").type == kind


@pytest.mark.parametrize(
    ("line", "fact"),
    [
        ("Report published: 3 August 2015", True),
        ("Published: 4 May 2015", True),
        ("Lead inspector: Alex Carter", True),
        ("Inspection dates: 13 to 24 May 2024", True),
        ("published in August 2014. The judgements for the local authority were:", False),
        ("published data shows that most children are seen quickly", False),
        ("lead inspector attended by both the director for children’s services and", False),
    ],
)
def test_only_a_title_pages_fact_line_is_read_as_a_fact_not_text(line, fact):
    assert bool(FACT_LINE.match(line)) is fact

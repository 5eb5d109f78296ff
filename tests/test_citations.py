"""Citations a reader can check against the printed letter: a paragraph number only where the
letter prints it, every passage's position, where an unnumbered one sits, and sections as
printed (never a table's header row or a grade)."""

from collections import Counter

import pytest

from qa.models import Citation
from qa.reader import read_letter
from qa.render import citation_line
from tests.synthetic import (
    bullet,
    graded_heading,
    heading,
    numbered,
    page_break,
    para,
    table,
    write_pdf,
)

JUDGEMENT = "The experiences and progress of children who need help and protection"
LEADERSHIP = "Leadership, management and governance"
FILLER = "Inspectors read the records of many children and spoke with their social workers. "


def _report_2014(path):
    """A report laid out as 2013-2017 reports are: an unnumbered summary and improvement points
    before paragraph 1, a judgement table set in the text, graded headings, sub-headings."""
    elements = [
        para("Children's services in Northbrook require improvement to be good overall."),
        heading("What needs to improve?"),
        bullet("The quality of plans for children in need."),
        bullet("Manageable caseloads for social workers."),
        bullet("The timeliness of strategy discussions."),
        heading("Summary of findings"),
        numbered(1, "Assessments are mostly thorough and consider the child's history."),
        page_break(),
        numbered(2, FILLER * 3),
        page_break(),
        numbered(3, FILLER * 3),
        page_break(),
        heading(JUDGEMENT),
        table(
            ("Key judgement", "Judgement grade"),
            (JUDGEMENT, "Requires improvement"),
            bold_header=True,
        ),
        heading("Summary"),
        numbered(4, "Early help is well coordinated through family hubs in every town."),
        heading("Inspection findings"),
        numbered(5, "Strategy discussions are timely and include the police and health."),
        graded_heading(LEADERSHIP, "Good"),
        heading("Summary"),
        numbered(6, "Leaders know their services well and act on what audits find."),
        heading("Information about this inspection"),
        para("Inspectors looked closely at the experiences of children and young people."),
        para("The inspection was carried out under section 136 of the Education Act 2006."),
    ]
    return write_pdf(
        path,
        "Inspection of Northbrook local authority children's services",
        ["Inspection dates: 2 to 13 June 2014", "Lead inspector: Robin Hale"],
        elements,
        header="Inspection of Northbrook local authority children's services",
    )


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    path = _report_2014(tmp_path_factory.mktemp("report") / "northbrook 2014.pdf")
    return read_letter(path, path.name)


def _passage(letter, start):
    return next(p for p in letter.passages if p.text.startswith(start))


def test_unnumbered_passages_of_a_numbered_letter_have_no_paragraph_number(report):
    unnumbered = [p for p in report.passages if not p.numbered]
    assert len(unnumbered) == 6
    assert all(p.paragraph is None for p in unnumbered)
    assert [p.paragraph for p in report.passages if p.numbered] == [1, 2, 3, 4, 5, 6]


def test_no_paragraph_number_names_two_paragraphs(report):
    first_parts = Counter(p.paragraph for p in report.passages if p.anchor.count("-") == 0)
    assert not [n for n, count in first_parts.items() if n is not None and count > 1]


def test_positions_count_every_passage_in_reading_order(report):
    assert [p.position for p in report.passages] == list(range(1, len(report.passages) + 1))


def test_opening_summary_and_improvement_points_say_where_they_sit(report):
    opening = _passage(report, "Children's services in Northbrook")
    assert (opening.place, opening.section) == ("opening summary", report.title)
    points = [p for p in report.passages if p.section == "What needs to improve?"]
    assert [p.place for p in points] == ["point 1", "point 2", "point 3"]
    assert _passage(report, "Inspectors looked closely").place is None


def test_unnumbered_passages_keep_their_old_anchors(report):
    assert [p.anchor for p in report.passages if not p.numbered] == [
        "u1", "u2", "u3", "u4", "u11", "u12"
    ]  # fmt: skip
    assert _passage(report, "Early help").anchor == "p4"


def test_judgement_table_header_is_never_a_section(report):
    sections = {p.section for p in report.passages}
    assert not [s for s in sections if "Judgement grade" in s or "Key judgement" in s]
    assert _passage(report, "Early help").section == JUDGEMENT


def test_summary_and_findings_sit_under_their_judgement(report):
    assert _passage(report, "Strategy discussions").section == JUDGEMENT
    assert "Summary" not in {p.section for p in report.passages}


def test_grade_printed_beside_a_heading_is_not_part_of_the_section(report):
    assert _passage(report, "Leaders know").section == LEADERSHIP


def _citation(paragraph, place, section="What needs to improve?"):
    return Citation(
        "0123456789abcdef",
        "Inspection of Bury local authority children's services",
        "Bury",
        "2021-12-17",
        "standard inspection",
        section,
        paragraph,
        4,
        place,
        2,
        "bury.pdf",
        "/letters/0123456789abcdef#u4",
    )


def test_citation_line_names_a_point_not_a_paragraph_number():
    line = citation_line(_citation(None, "point 3"))
    assert line == (
        "Bury · standard inspection · 2021-12-17 · What needs to improve? · point 3 · page 2"
    )


def test_citation_line_of_an_unplaced_unnumbered_passage_names_section_and_page():
    line = citation_line(_citation(None, None, "Information about this inspection"))
    assert "paragraph" not in line
    assert line.endswith("Information about this inspection · page 2")


def test_citation_line_of_a_numbered_paragraph_names_its_number():
    assert " · paragraph 6 · page 2" in citation_line(_citation(6, None))

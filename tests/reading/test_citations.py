"""Citations a reader can check against the printed letter: a paragraph number only where the
letter prints it, every passage's position, where an unnumbered one sits, and sections as
printed (never a table's header row or a grade)."""

from collections import Counter

import pytest

from qa.api.render import citation_line
from qa.core.models import Citation
from qa.reading.reader import read_letter
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
        "2022-01-28",
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


# Sections as printed, pages and anchors a reader can check against the PDF (issue 22).

TITLE = "Inspection of Northbrook local authority children's services"


def _letter(tmp_path, elements, name="letter.pdf"):
    path = write_pdf(tmp_path / name, TITLE, [], elements)
    return read_letter(path, name)


def test_heading_printing_its_grade_after_a_colon_is_the_section_whole(tmp_path):
    printed = f"{JUDGEMENT}: Requires improvement"
    letter = _letter(
        tmp_path,
        [
            heading(printed),
            numbered(1, "Early help is well coordinated through family hubs in every town."),
            graded_heading("The experiences and progress of care leavers:", "Good"),
            numbered(2, "Care leavers are helped to obtain a passport."),
        ],
    )
    assert _passage(letter, "Early help").section == printed
    assert _passage(letter, "Care leavers").section == (
        "The experiences and progress of care leavers: Good"
    )


@pytest.mark.parametrize(
    "elements",
    [
        [heading("Overall effectiveness"), heading("Grade 4 (Inadequate)")],
        [graded_heading("Overall effectiveness", "Inadequate Grade 4")],
    ],
)
def test_grade_line_under_or_beside_a_judgement_is_never_the_section(tmp_path, elements):
    letter = _letter(
        tmp_path,
        [*elements, numbered(1, "The judgement for overall effectiveness is inadequate.")],
    )
    assert [(p.section, p.text) for p in letter.passages] == [
        ("Overall effectiveness", "The judgement for overall effectiveness is inadequate.")
    ]


def test_inspectors_line_under_the_lead_inspector_heads_nothing(tmp_path):
    import pymupdf

    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    page.insert_text((72, 120), "London Borough of Northbrook", fontsize=26)
    page.insert_text((72, 160), TITLE, fontsize=14, fontname="hebo")
    page.insert_text((72, 200), "Lead inspector: Dawn Godfrey", fontsize=12, fontname="hebo")
    page.insert_text((176, 214.4), "Her Majesty's Inspector", fontsize=12, fontname="hebo")
    page.insert_text((84, 260), "There has been a significant improvement since 2014.", fontsize=12)
    page.insert_text((72, 300), "What needs to improve", fontsize=14, fontname="hebo")
    page.insert_text((72, 330), "1. Plans for children are reviewed regularly.", fontsize=12)
    path = tmp_path / "signed.pdf"
    doc.save(path)
    letter = read_letter(path, "signed.pdf")
    summary = _passage(letter, "There has been")
    assert (summary.section, summary.place) == (letter.title, "opening summary")
    assert not [p for p in letter.passages if "Majesty" in p.section + p.text]


def test_lscb_findings_after_its_recommendations_sit_under_their_own_heading(tmp_path):
    letter = _letter(
        tmp_path,
        [
            heading(LEADERSHIP),
            numbered(1, "Leaders know their services well and act on what audits find."),
            heading("Review of the Local Safeguarding Children Board"),
            heading("Recommendations"),
            bullet("Ensure that partners attend the board."),
            bullet("Improve the analysis of performance data."),
            heading("Inspection findings"),
            numbered(2, "The board meets its statutory responsibilities."),
        ],
    )
    assert _passage(letter, "• Ensure that partners").section == "Recommendations"
    assert _passage(letter, "The board meets").section == "Inspection findings"


def test_second_report_bound_into_the_file_has_its_own_anchors_and_place(tmp_path):
    letter = _letter(
        tmp_path,
        [
            heading(LEADERSHIP),
            numbered(1, "Leaders know their services well and act on what audits find."),
            numbered(2, "Caseloads are manageable and staff stay."),
            page_break(),
            heading("Inspection judgement about the LSCB"),
            numbered(1, "Governance arrangements between the LSCB and the council are clear."),
            numbered(2, "The board monitors partners' work closely."),
            heading("Information about the LSCB inspection"),
            para("This review was carried out under section 15A of the Children Act 2004."),
        ],
    )
    anchors = [p.anchor for p in letter.passages]
    assert len(anchors) == len(set(anchors))
    first = _passage(letter, "Leaders know")
    bound = _passage(letter, "Governance arrangements")
    assert (first.paragraph, first.anchor, first.place) == (1, "p1", None)
    assert (bound.paragraph, bound.anchor, bound.place) == (1, "lscb-p1", "LSCB review")
    assert _passage(letter, "This review").place == "LSCB review"
    line = citation_line(Citation.of(letter, bound))
    assert " · LSCB review · paragraph 1 · page 2" in line


def test_part_of_a_split_paragraph_cites_the_page_its_own_text_starts_on(tmp_path):
    import pymupdf

    from qa.core.text import normalise

    letter = _letter(tmp_path, [numbered(1, FILLER * 26), numbered(2, FILLER * 24)])
    parts = [(p.anchor, p.page) for p in letter.passages if p.paragraph == 2]
    assert parts == [("p2", 1), ("p2-2", 2)]
    with pymupdf.open(tmp_path / "letter.pdf") as pdf:
        for passage in letter.passages:
            first_words = normalise(" ".join(passage.text.split()[:8]))
            assert first_words in normalise(pdf[passage.page - 1].get_text()), passage.anchor


def test_corpus_report_checks_sections_and_pages_against_the_pdf_itself(tmp_path):
    from dataclasses import replace

    from scripts.printed_citations import check_citations

    letter = _letter(
        tmp_path,
        [
            heading(f"{JUDGEMENT}: Requires improvement"),
            numbered(1, FILLER * 26),
            numbered(2, " ".join(f"Inspectors read the records of child {n}." for n in range(50))),
            heading("Recommendations"),
            bullet("Ensure that partners attend the board."),
            heading("Inspection findings"),
            numbered(3, "The board meets its statutory responsibilities."),
        ],
    )
    path = tmp_path / "letter.pdf"
    assert check_citations(letter, path) == {
        "wrong_section": [],
        "findings_as_recommendations": [],
        "wrong_page": [],
    }
    wrong = {
        "p1": {"section": "Her Majesty's Inspector"},
        "p1-2": {"section": "Grade 4 (Inadequate)"},
        "p2": {"section": f"{JUDGEMENT}:"},
        "p2-2": {"page": 1},
        "p3": {"section": "Recommendations"},
    }
    passages = tuple(replace(p, **wrong.get(p.anchor, {})) for p in letter.passages)
    found = check_citations(replace(letter, passages=passages), path)
    assert [(anchor, kind) for anchor, _, kind in found["wrong_section"]] == [
        ("p1", "inspector"),
        ("p1-2", "grade"),
        ("p2", "cut"),
    ]
    assert found["findings_as_recommendations"] == ["p3"]
    assert [anchor for anchor, *_ in found["wrong_page"]] == ["p2-2"]

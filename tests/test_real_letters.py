"""Regression tests on real Ofsted letters from ../shared/letters (skipped when it is absent)."""

import pytest

from qa.errors import NotALetter
from qa.layout import furniture_key
from qa.reader import read_letter

ILACS = "ofsted-ilacs"


@pytest.fixture(scope="module")
def read(shared_letters):
    def read_source(source):
        return read_letter(shared_letters / source, source)

    return read_source


def _numbers(letter):
    return sorted({p.paragraph for p in letter.passages if p.numbered})


@pytest.mark.parametrize(
    ("source", "broken_at", "continued"),
    [
        (
            "seeds/000_85d7de56613a308d.txt",
            "Equally, the quality of supervision is",
            "inconsistent. In the main",
        ),
        (
            "seeds/003_f0d718ede4b3de89.txt",
            "appropriate child protection",
            "planning actions are taken",
        ),
    ],
)
def test_seed_paragraph_cut_by_a_page_break_is_one_passage(read, source, broken_at, continued):
    letter = read(source)
    [passage] = [p for p in letter.passages if broken_at in p.text]
    assert f"{broken_at} {continued}" in passage.text


def test_seed_neglect_paragraph_is_one_passage_under_main_findings(read):
    letter = read("seeds/003_f0d718ede4b3de89.txt")
    [passage] = [
        p for p in letter.passages if p.text.startswith("The response to neglect is variable.")
    ]
    assert passage.section == "Main findings"
    assert passage.text.endswith("Tools for assessing neglect are not consistently used.")
    assert (letter.local_authority, letter.date, letter.type) == (
        "Stockton-on-Tees",
        "2026-01-27",
        "focused visit",
    )


@pytest.mark.parametrize(
    ("source", "last"),
    [
        (f"{ILACS}/80535_oldham/children's services inspection - 12 july 2024.pdf", 62),
        (f"{ILACS}/80535_oldham/children's services inspection - 03 august 2015.pdf", 184),
        (f"{ILACS}/80533_nottingham/children's services inspection - 05 september 2022.pdf", 58),
        (
            f"{ILACS}/80442_buckinghamshire/children's services inspection - 29 january 2018.pdf",
            100,
        ),
        (f"{ILACS}/80532_northumberland/children's services inspection - 14 april 2016.pdf", 119),
        (f"{ILACS}/80470_gloucestershire/children's services inspection - 04 august 2025.pdf", 59),
        (f"{ILACS}/80451_wakefield/children's services inspection - 05 january 2022.pdf", 43),
    ],
)
def test_real_report_numbering_is_complete(read, source, last):
    assert _numbers(read(source)) == list(range(1, last + 1))


def test_real_report_passages_hold_no_running_header_or_footer(read, shared_letters):
    source = f"{ILACS}/80535_oldham/children's services inspection - 12 july 2024.pdf"
    letter = read(source)
    footer = furniture_key(
        "Inspection of Oldham local authority children’s services 13 to 24 May 2024"
    )
    for passage in letter.passages:
        assert footer not in furniture_key(passage.text)


def test_real_report_facts(read):
    letter = read(f"{ILACS}/80535_oldham/children's services inspection - 12 july 2024.pdf")
    assert letter.title == "Inspection of Oldham local authority children’s services"
    assert (letter.local_authority, letter.type, letter.date) == (
        "Oldham",
        "standard inspection",
        "2024-05-24",
    )
    assert letter.visit_dates == {"start": "2024-05-13", "end": "2024-05-24"}
    assert letter.lead_inspector == "Rebekah Tucker"
    assert letter.judgements["overall_effectiveness"] == "good"


def test_real_paragraph_across_a_page_break_is_whole(read):
    letter = read(f"{ILACS}/80535_oldham/children's services inspection - 12 july 2024.pdf")
    [passage] = [p for p in letter.passages if p.anchor == "p4"]
    assert passage.page == 2
    assert "helps social workers to determine a clear threshold for action." in passage.text


def test_2015_report_sections_are_its_judgements_without_the_grade_beside_them(read):
    source = f"{ILACS}/80535_oldham/children's services inspection - 03 august 2015.pdf"
    letter = read(source)
    assert (letter.local_authority, letter.date) == ("Oldham", "2015-08-03")
    sections = {p.section for p in letter.passages}
    # The grade is printed in a cell beside the judgement; "Summary" and "Inspection
    # findings" sit under it.
    assert "The experiences and progress of children who need help and protection" in sections
    assert "Leadership, management and governance" in sections
    assert not sections & {"Summary", "Inspection findings"}
    assert not [s for s in sections if s.endswith(("Requires improvement", ": Good"))]


def test_saved_report_not_found_pages_are_not_letters(shared_letters):
    source = f"{ILACS}/80429_birmingham/children's services inspection - 19 october 2012.pdf"
    with pytest.raises(NotALetter):
        read_letter(shared_letters / source, source)


def test_bury_2021_improvement_point_is_cited_by_its_place_not_a_printed_number(read):
    source = f"{ILACS}/80443_bury/children's services inspection - 17 december 2021.pdf"
    letter = read(source)
    caseloads = next(
        p for p in letter.passages if p.text == "• Manageable caseloads for social workers."
    )
    assert (caseloads.section, caseloads.paragraph, caseloads.place, caseloads.page) == (
        "What needs to improve?",
        None,
        "point 3",
        2,
    )
    # Paragraph 6 is the one the PDF prints as 6.
    sixth = [p for p in letter.passages if p.paragraph == 6]
    assert sixth and all(p.numbered for p in sixth)
    assert sixth[0].text.startswith("Assessments are mostly overly focused on adults")
    opening = letter.passages[0]
    assert opening.text.startswith("There are serious failures which leave too many children")
    assert (opening.paragraph, opening.place) == (None, "opening summary")
    assert [p.position for p in letter.passages] == list(range(1, len(letter.passages) + 1))


def test_barnsley_2014_paragraphs_sit_under_their_judgement_not_the_table_header(read):
    source = f"{ILACS}/80426_barnsley/children's services inspection - 08 august 2014.pdf"
    letter = read(source)
    section = {p.paragraph: p.section for p in letter.passages if p.numbered}
    assert section[52] == "The experiences and progress of children who need help and protection"
    assert section[80] == (
        "The experiences and progress of children looked after and achieving permanence"
    )
    assert section[124] == "Leadership, management and governance"
    assert not [p for p in letter.passages if "Judgement Grade" in p.section]
    # The table's row naming the judgement again is not a passage of the letter.
    assert not [p for p in letter.passages if p.text.startswith("The experiences and progress")]
    numbers = [p.paragraph for p in letter.passages if p.paragraph is not None]
    assert all(p.numbered for p in letter.passages if p.paragraph is not None)
    assert len(set(numbers)) == len({p.anchor.split("-")[0] for p in letter.passages if p.numbered})

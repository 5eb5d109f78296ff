"""Regression tests on real Ofsted letters from ../shared/letters (skipped when it is absent)."""

import pytest

from qa.core.errors import NotALetter
from qa.core.text import normalise
from qa.reading.layout import furniture_key
from qa.reading.reader import read_letter

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
    assert (letter.local_authority, letter.date, letter.published, letter.type) == (
        "Stockton-on-Tees",
        "2025-12-10",
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
    assert (letter.local_authority, letter.date, letter.published) == (
        "Oldham",
        "2015-06-18",
        "2015-08-03",
    )
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


# Sections as printed, pages and anchors (issue 22), checked on the letters the issue names.


@pytest.mark.parametrize(
    "source",
    [
        "80511_newham/children's services inspection - 25 march 2019.pdf",
        "80438_brighton and hove/children's services inspection - 21 august 2018.pdf",
        "80546_windsor & maidenhead/children's services inspection - 24 february 2020.pdf",
    ],
)
def test_opening_summary_sits_under_the_title_not_the_inspectors_line(read, source):
    letter = read(f"{ILACS}/{source}")
    opening = letter.passages[0]
    assert (opening.section, opening.place) == (letter.title, "opening summary")
    assert not [p for p in letter.passages if "Majesty" in p.section]


@pytest.mark.parametrize(
    ("folder", "published"),
    [
        ("80522_medway", "23 august"),
        ("80549_sandwell", "02 august"),
        ("80418_norfolk", "16 august"),
        ("80476_kent", "23 august"),
    ],
)
def test_2013_report_sections_are_the_heading_above_the_grade_line(read, folder, published):
    letter = read(f"{ILACS}/{folder}/children's services inspection,  pdf - {published} 2013.pdf")
    sections = {p.section for p in letter.passages}
    assert "Overall effectiveness of services for looked after children and young people" in (
        sections
    )
    # Neither the grade line under a judgement ("Grade 4 (Inadequate)") nor a row of the
    # record of main findings ("Quality of provision Inadequate Grade 4").
    assert not [s for s in sections if s.startswith("Grade") or s.endswith(("Grade 3", "Grade 4"))]


def test_heading_printing_its_grade_after_the_colon_is_cited_whole(read):
    letter = read(f"{ILACS}/80511_newham/children's services inspection - 25 march 2019.pdf")
    [first] = [p for p in letter.passages if p.anchor == "p1"]
    assert first.section == (
        "The experiences and progress of children who need help and protection: "
        "Requires improvement"
    )
    assert not [p for p in letter.passages if p.section.endswith(":")]


@pytest.mark.parametrize(
    ("source", "paragraph"),
    [
        ("80562_stockport/children's services inspection - 25 august 2017.pdf", 89),
        ("80584_worcestershire/children's services inspection - 24 january 2017.pdf", 127),
        ("80544_kensington and chelsea/children's services inspection - 29 march 2016.pdf", 137),
        ("80556_south gloucestershire/children's services inspection - 13 february 2017.pdf", 143),
    ],
)
def test_lscb_review_findings_are_not_filed_under_recommendations(read, source, paragraph):
    letter = read(f"{ILACS}/{source}")
    [finding] = [p for p in letter.passages if p.anchor == f"p{paragraph}"]
    assert finding.section == "Inspection findings"


def test_part_of_a_split_paragraph_cites_the_page_its_text_is_on(read):
    letter = read(f"{ILACS}/80473_hartlepool/children's services inspection - 11 february 2014.pdf")
    [part] = [p for p in letter.passages if p.text.startswith("Formal supervision which includes")]
    assert (part.anchor, part.page) == ("p148-2", 26)


HULL_2015 = (
    f"{ILACS}/80477_kingston upon hull/"
    "single inspection of la children's services as pdf - 10 february 2015.pdf"
)


def test_hull_2015_lscb_review_bound_after_the_report_has_its_own_anchors(read):
    from qa.api.render import citation_line
    from qa.core.models import Citation

    letter = read(HULL_2015)
    anchors = [p.anchor for p in letter.passages]
    assert len(anchors) == len(set(anchors))
    [first] = [p for p in letter.passages if p.anchor == "p1"]
    [review] = [p for p in letter.passages if p.anchor == "lscb-p1"]
    assert (first.paragraph, first.place, first.page) == (1, None, 4)
    assert (review.paragraph, review.place, review.page) == (1, "LSCB review", 41)
    assert review.text.startswith("Governance arrangements between the LSCB")
    assert "· LSCB review · paragraph 1 · page 41" in citation_line(Citation.of(letter, review))


@pytest.mark.parametrize(
    "source",
    [
        HULL_2015,
        f"{ILACS}/80473_hartlepool/children's services inspection - 11 february 2014.pdf",
        f"{ILACS}/80522_medway/children's services inspection,  pdf - 23 august 2013.pdf",
        f"{ILACS}/80562_stockport/children's services inspection - 25 august 2017.pdf",
    ],
)
def test_every_passage_starts_on_the_page_it_cites(read, shared_letters, source):
    import pymupdf

    letter = read(source)
    with pymupdf.open(shared_letters / source) as pdf:
        pages = ["".join(normalise(page.get_text()).split()) for page in pdf]
    for passage in letter.passages:
        # Letters and digits only: the PDF's line breaks and hyphens set aside. A passage
        # whose first words run over a page break starts at the foot of its page.
        first = "".join(normalise(" ".join(passage.text.split()[:8])).split())
        here = pages[passage.page - 1]
        assert first in here or first[:12] in here[-400:], (passage.anchor, passage.page)


@pytest.mark.parametrize(
    ("source", "line"),
    [
        (
            f"{ILACS}/80442_buckinghamshire/children's services inspection - 29 january 2018.pdf",
            "published in August 2014. The judgements for the local authority were:",
        ),
        (
            f"{ILACS}/80554_solihull/children's services inspection - 13 january 2023.pdf",
            "report published in May 2022, following the death of Arthur Labinjo-Hughes",
        ),
    ],
)
def test_a_line_of_text_starting_with_published_is_kept(read, source, line):
    letter = read(source)
    assert any(line in " ".join(p.text.split()) for p in letter.passages)


def test_the_grading_scale_of_a_2013_report_is_its_paragraph_not_a_heading(read):
    letter = read(f"{ILACS}/80522_medway/children's services inspection,  pdf - 23 august 2013.pdf")
    assert not [p for p in letter.passages if "(Grade" in p.section]
    [scale] = [p for p in letter.passages if p.paragraph == 3]
    assert scale.section == "The inspection judgements and what they mean"
    assert scale.text.rstrip().endswith(
        "Inadequate (Grade 4) A service that does not meet minimum requirements"
    )

"""Improvement points read from each layout: 2026 reports with national framework references,
2013-2017 reports (recommendations under sub-headings, "no priority actions", numbered however
worded and across page breaks, the LSCB review's marked as its own), sub-points, focused
visits, an outstanding authority's one paragraph; the corpus report's own reading of the
printed numbers; and real letters when ../shared/letters is there."""

import pytest

from qa.reading.improvements import read_improvements
from qa.reading.ingest import read_document
from qa.reading.reader import read_letter
from scripts.printed_points import missing_points, printed_points
from tests.synthetic import bullet, heading, numbered, page_break, para, write_pdf

FINDING = "Inspectors read the records of many children and spoke with their social workers."


def _read(tmp_path, name, title, facts, elements):
    path = write_pdf(tmp_path / name, title, facts, elements)
    return read_letter(path, name)


def _texts(letter):
    return [(p.text, p.outcome) for p in read_improvements(letter)]


def test_a_2026_report_gives_its_points_with_their_national_framework_references(tmp_path):
    letter = _read(
        tmp_path,
        "eastmoor 2026.pdf",
        "Inspection of Eastmoor local authority children's services",
        ["Inspection dates: 2 to 13 March 2026", "Lead inspector: Robin Hale"],
        [
            para("Children in Eastmoor receive help that makes a difference."),
            heading("What needs to improve?"),
            bullet("The quality of plans for children in need. (outcome 1, national framework)"),
            bullet("Supervision of social workers [Enabler 2, National Framework]."),
            bullet("The sufficiency of homes for children in care."),
            heading("The experiences and progress of children who need help and protection"),
            para(FINDING),
            para("Ensure is not how findings begin, but this one happens to."),
        ],
    )
    assert _texts(letter) == [
        (
            "The quality of plans for children in need. (outcome 1, national framework)",
            "outcome 1, national framework",
        ),
        (
            "Supervision of social workers [Enabler 2, National Framework].",
            "Enabler 2, National Framework",
        ),
        ("The sufficiency of homes for children in care.", None),
    ]
    positions = [p.position for p in read_improvements(letter)]
    assert [letter.passages[n - 1].section for n in positions] == ["What needs to improve?"] * 3


def test_a_2014_report_gives_recommendations_under_their_sub_headings_and_no_none(tmp_path):
    letter = _read(
        tmp_path,
        "northbrook 2014.pdf",
        "Inspection of services for children in need of help and protection, children looked "
        "after and care leavers: Northbrook",
        ["Inspection dates: 2 to 13 June 2014", "Lead inspector: Robin Hale"],
        [
            para("The overall judgement is that children's services require improvement."),
            heading("Priority and immediate action"),
            para("There are no priority actions."),
            heading("Areas for improvement"),
            heading("Outcomes for care leavers"),
            numbered(1, "Ensure that each care leaver has a pathway plan that is up to date."),
            numbered(2, "Improve the number of care leavers in education or training."),
            heading("The quality of social work practice"),
            numbered(3, "Strengthen management oversight of assessments and plans."),
            heading("The local authority's strengths"),
            numbered(4, "Early help services are well targeted and coordinated."),
            numbered(5, FINDING),
        ],
    )
    assert [text for text, _ in _texts(letter)] == [
        "Ensure that each care leaver has a pathway plan that is up to date.",
        "Improve the number of care leavers in education or training.",
        "Strengthen management oversight of assessments and plans.",
    ]


def test_a_focused_visit_gives_its_points_and_stops_at_the_prose_after_them(tmp_path):
    letter = _read(
        tmp_path,
        "westvale visit.pdf",
        "Focused visit to Westvale children's services",
        ["Date of visit: 4 and 5 May 2024", "Lead inspector: Robin Hale"],
        [
            para("This letter summarises the findings of the focused visit."),
            heading("What needs to improve in this area of social work practice?"),
            bullet("The quality and frequency of supervision."),
            bullet("Management oversight of older children's plans."),
            para("Ofsted will take the findings from this focused visit into account."),
            heading("Findings"),
            para(FINDING),
        ],
    )
    assert [text for text, _ in _texts(letter)] == [
        "The quality and frequency of supervision.",
        "Management oversight of older children's plans.",
    ]


def test_an_outstanding_authoritys_one_paragraph_is_its_point(tmp_path):
    letter = _read(
        tmp_path,
        "southfield 2023.pdf",
        "Inspection of Southfield local authority children's services",
        ["Inspection dates: 2 to 13 March 2023", "Lead inspector: Robin Hale"],
        [
            para("Children in Southfield receive outstanding help."),
            heading("What needs to improve?"),
            para("There are a very few areas of variability in otherwise excellent practice."),
            heading("The experiences and progress of children in care"),
            para(FINDING),
        ],
    )
    assert [text for text, _ in _texts(letter)] == [
        "There are a very few areas of variability in otherwise excellent practice."
    ]


def test_recommendations_printed_without_their_heading_are_points(tmp_path):
    letter = _read(
        tmp_path,
        "eastbrook 2015.pdf",
        "Inspection of services for children in need of help and protection: Eastbrook",
        ["Inspection dates: 2 to 13 June 2015", "Lead inspector: Robin Hale"],
        [
            heading("Outcomes for care leavers"),
            numbered(1, "Ensure that care leavers have an up-to-date pathway plan."),
            numbered(2, "Develop the range of accommodation for care leavers."),
            numbered(3, "Review the support for care leavers in custody."),
            heading("Summary of findings"),
            numbered(4, FINDING),
        ],
    )
    assert len(read_improvements(letter)) == 3


REAL = [
    (
        "ofsted-ilacs/2637539_north northamptonshire/"
        "children's services inspection - 07 july 2026.pdf",
        "The quality of the support and plans for children in need, including disabled children.",
        "outcome 1, national framework",
    ),
    (
        "ofsted-ilacs/80442_buckinghamshire/children's services inspection - 08 august 2014.pdf",
        "Review all unallocated cases that have been closed without the child’s needs being",
        None,
    ),
    (
        "seeds/000_85d7de56613a308d.txt",
        "The quality and frequency of social work supervision, including management oversight",
        None,
    ),
]


@pytest.mark.parametrize(
    ("source", "first", "outcome"), REAL, ids=["2026", "2014", "focused visit"]
)
def test_real_letters_give_their_first_point_verbatim(shared_letters, source, first, outcome):
    letter = read_letter(shared_letters / source, source)
    points = read_improvements(letter)
    assert points[0].text.startswith(first)
    assert points[0].outcome == outcome
    for point in points:
        assert point.text in letter.passages[point.position - 1].text


LSCB_TITLE = (
    "Inspection of services for children in need of help and protection, children looked "
    "after and care leavers and Review of the effectiveness of the Local Safeguarding "
    "Children Board: Eastbrook"
)
LSCB_FACTS = ["Inspection dates: 2 to 13 June 2016", "Lead inspector: Robin Hale"]


def test_numbered_recommendations_are_points_however_they_are_worded(tmp_path):
    letter = _read(
        tmp_path,
        "eastbrook 2016.pdf",
        LSCB_TITLE,
        LSCB_FACTS,
        [
            heading("Executive summary"),
            para("Children's services in Eastbrook require improvement to be good."),
            heading("Recommendations"),
            numbered(1, "Ensure that every child in need has a plan that says what must change."),
            numbered(2, "The local authority should strengthen management oversight of plans."),
            numbered(3, "The trust should ensure that supervision is regular and reflective."),
            numbered(4, "Support improved outcomes for children looked after by better plans."),
            numbered(5, "Align performance information with the quality assurance framework."),
            numbered(6, "Caseloads in the assessment teams need to be reduced."),
            heading("Summary for children and young people"),
            bullet("Most children get the help they need when they need it."),
            heading("The experiences and progress of children who need help and protection"),
            numbered(7, FINDING),
        ],
    )
    assert [text for text, _ in _texts(letter)] == [
        "Ensure that every child in need has a plan that says what must change.",
        "The local authority should strengthen management oversight of plans.",
        "The trust should ensure that supervision is regular and reflective.",
        "Support improved outcomes for children looked after by better plans.",
        "Align performance information with the quality assurance framework.",
        "Caseloads in the assessment teams need to be reduced.",
    ]


def test_a_list_continuing_across_a_page_break_is_read_to_its_end(tmp_path):
    points = [
        f"The local authority should improve the {n}th part of its practice."
        for n in (1, 2, 3, 4, 5)
    ]
    letter = _read(
        tmp_path,
        "westbrook 2016.pdf",
        LSCB_TITLE.replace("Eastbrook", "Westbrook"),
        LSCB_FACTS,
        [
            heading("Executive summary"),
            para("Children's services in Westbrook require improvement to be good."),
            heading("Recommendations"),
            *[numbered(n, text) for n, text in enumerate(points[:3], 1)],
            page_break(),
            *[numbered(n, text) for n, text in enumerate(points[3:], 4)],
            heading("Summary for children and young people"),
            bullet("Most children get the help they need when they need it."),
        ],
    )
    assert [text for text, _ in _texts(letter)] == points


def test_the_corpus_reports_own_reading_finds_the_printed_numbers_and_no_point_missing(
    tmp_path,
):
    points = [
        f"The local authority should improve the {n}th part of its practice." for n in range(1, 6)
    ]
    path = write_pdf(
        tmp_path / "eastmoor 2016.pdf",
        LSCB_TITLE.replace("Eastbrook", "Eastmoor"),
        LSCB_FACTS,
        [
            heading("Executive summary"),
            para("Children's services in Eastmoor require improvement to be good."),
            heading("Recommendations"),
            *[numbered(n, text) for n, text in enumerate(points[:3], 1)],
            page_break(),
            *[numbered(n, text) for n, text in enumerate(points[3:], 4)],
            heading("Summary for children and young people"),
            para(FINDING),
        ],
        header="Inspection report: Eastmoor, 2 to 13 June 2016",
    )
    printed = printed_points(read_document(path), {"Inspection report: Eastmoor, # to # June #"})
    assert [(p.number, p.text, p.lscb) for p in printed] == [
        (n, text, False) for n, text in enumerate(points, 1)
    ]
    read = [p.text for p in read_improvements(read_letter(path, path.name))]
    assert missing_points(printed, read) == []
    assert missing_points(printed, read[:4]) == printed[4:]


def test_a_points_sub_bullets_are_listed_under_it_in_its_text(tmp_path):
    letter = _read(
        tmp_path,
        "southbrook 2019.pdf",
        "Inspection of Southbrook local authority children's services",
        ["Inspection dates: 2 to 13 September 2019", "Lead inspector: Robin Hale"],
        [
            para("Children in Southbrook benefit from good services."),
            heading("What needs to improve"),
            bullet("The provision of accommodation for homeless young people, including:"),
            para("sufficiency of accommodation"),
            para("management oversight of the use of any unregulated provision."),
            bullet("The quality and timeliness of life-story work for children."),
            heading("The experiences and progress of children who need help and protection"),
            para(FINDING),
        ],
    )
    assert [text for text, _ in _texts(letter)] == [
        "The provision of accommodation for homeless young people, including:\n"
        "• sufficiency of accommodation\n"
        "• management oversight of the use of any unregulated provision.",
        "The quality and timeliness of life-story work for children.",
    ]


def test_the_lscbs_recommendations_are_marked_as_the_lscbs_and_its_findings_are_not_points(
    tmp_path,
):
    letter = _read(
        tmp_path,
        "northbrook 2016.pdf",
        LSCB_TITLE.replace("Eastbrook", "Northbrook"),
        LSCB_FACTS,
        [
            heading("Executive summary"),
            para("Children's services in Northbrook require improvement to be good."),
            heading("Recommendations"),
            numbered(1, "Ensure that every child in need has a plan that says what must change."),
            numbered(2, "The local authority should strengthen management oversight of plans."),
            heading("Summary for children and young people"),
            bullet("Most children get the help they need when they need it."),
            heading("The Local Safeguarding Children Board (LSCB)"),
            heading("Executive summary"),
            para("The board is well led and meets its statutory responsibilities."),
            heading("Recommendations"),
            numbered(3, "Ensure that the board evaluates the impact of its training."),
            numbered(4, "The board should review its performance dataset."),
            heading("Inspection findings"),
            numbered(5, "The board meets its statutory responsibilities and is chaired well."),
            numbered(6, "Partners attend the board regularly and are suitably senior."),
            numbered(7, "Audit is regular, and partners use its findings to improve practice."),
        ],
    )
    assert [(p.text, p.report) for p in read_improvements(letter)] == [
        (
            "Ensure that every child in need has a plan that says what must change.",
            "local authority",
        ),
        ("The local authority should strengthen management oversight of plans.", "local authority"),
        ("Ensure that the board evaluates the impact of its training.", "LSCB"),
        ("The board should review its performance dataset.", "LSCB"),
    ]


def test_findings_filed_under_the_lscbs_recommendations_are_not_points(tmp_path):
    # The LSCB's recommendations as bullets, its findings numbered after them: were their
    # "Inspection findings" heading lost, the findings would sit in the same section.
    letter = _read(
        tmp_path,
        "southmoor 2017.pdf",
        LSCB_TITLE.replace("Eastbrook", "Southmoor"),
        LSCB_FACTS,
        [
            heading("Executive summary"),
            para("Children's services in Southmoor are good."),
            heading("Recommendations"),
            numbered(1, "Ensure that every child in need has a plan that says what must change."),
            heading("The Local Safeguarding Children Board (LSCB)"),
            heading("Executive summary"),
            para("The board is well led and meets its statutory responsibilities."),
            heading("Recommendations"),
            bullet("Review partners' contribution to the board."),
            bullet("Improve the focus and analysis of key performance data."),
            numbered(89, "The board meets its statutory responsibilities and is chaired well."),
            numbered(90, "Partners should attend more often, as the board has told them."),
            numbered(91, "Ensure is not how findings begin, but this one happens to."),
        ],
    )
    assert [(p.text, p.report) for p in read_improvements(letter)] == [
        (
            "Ensure that every child in need has a plan that says what must change.",
            "local authority",
        ),
        ("Review partners' contribution to the board.", "LSCB"),
        ("Improve the focus and analysis of key performance data.", "LSCB"),
    ]


ILACS = "ofsted-ilacs/{}/children's services inspection - {}.pdf"
# The numbers printed on each report's recommendations: the local authority's, then the LSCB's.
PRINTED = [
    (ILACS.format("80567_surrey", "16 may 2018"), range(1, 19), range(0)),
    (ILACS.format("80462_doncaster", "27 november 2015"), range(1, 21), range(147, 156)),
    (ILACS.format("80535_oldham", "03 august 2015"), range(1, 16), range(160, 167)),
    (ILACS.format("80523_middlesbrough", "19 february 2016"), range(1, 17), range(117, 123)),
    (ILACS.format("80518_wandsworth", "20 july 2018"), range(1, 10), range(0)),
]


@pytest.mark.parametrize(
    ("source", "local_authority", "lscb"),
    PRINTED,
    ids=["surrey 2018", "doncaster 2015", "oldham 2015", "middlesbrough 2016", "wandsworth 2018"],
)
def test_real_letters_give_every_numbered_recommendation_they_print(
    shared_letters, source, local_authority, lscb
):
    letter = read_letter(shared_letters / source, source)
    points = read_improvements(letter)
    for report, printed in (("local authority", local_authority), ("LSCB", lscb)):
        passages = [letter.passages[p.position - 1] for p in points if p.report == report]
        assert [p.paragraph for p in passages] == list(printed)
        assert all(p.numbered for p in passages)


def test_cornwall_2019_gives_its_three_points_with_the_first_ones_sub_points(shared_letters):
    source = ILACS.format("80454_cornwall", "05 november 2019")
    points = read_improvements(read_letter(shared_letters / source, source))
    assert len(points) == 3
    assert points[0].text.split("\n• ") == [
        "The provision of suitable accommodation for 16- and 17-year-old homeless young "
        "people, including:",
        "sufficiency of accommodation",
        "assessment and support available to young people",
        "management oversight of the use of any unregulated provision.",
    ]
    assert points[2].text.startswith("The quality of plans for children across the service")

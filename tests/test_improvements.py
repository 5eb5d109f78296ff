"""Improvement points read from each layout: 2026 reports with national framework references,
2013-2017 reports (recommendations under sub-headings, "no priority actions"), focused visits,
an outstanding authority's one paragraph; and real letters when ../shared/letters is there."""

import pytest

from qa.improvements import read_improvements
from qa.reader import read_letter
from tests.synthetic import bullet, heading, numbered, para, write_pdf

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

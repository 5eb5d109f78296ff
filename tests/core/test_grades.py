"""Grades (qa/core/grades.py): one wording of each grade and of no grade, on every page."""

import pytest

from qa.catalogue.authorities import GradePoint
from qa.core.grades import (
    GLUED_GRADE,
    GRADE_LEVELS,
    GRADE_LINE,
    GRADE_SCALE_ROW,
    NOT_GRADED,
    asked_grade,
    grade_label,
)
from web.chart import grade_chart
from web.template_helpers import area_grade


@pytest.mark.parametrize(
    ("words", "grade"),
    [
        ("Inadequate", "inadequate"),
        ("require improvement", "requires improvement"),
        ("Requires Improvement", "requires improvement"),
    ],
)
def test_a_grade_a_question_names_is_one_of_the_four_levels(words, grade):
    assert asked_grade(words) == grade
    assert grade in GRADE_LEVELS


@pytest.mark.parametrize(
    ("pattern", "text", "found"),
    [
        (GRADE_LINE, "Grade 4 (Inadequate)", True),
        (GRADE_LINE, "Requires improvement to be good grade 3", True),
        (GRADE_LINE, "Grade 4 (poor)", False),
        (
            GRADE_SCALE_ROW,
            "Adequate (Grade 3) A service that only meets requirements",
            True,
        ),
        (GLUED_GRADE, "Help and protection Requires improvement to be good", True),
        (GLUED_GRADE, "Help and protection good", False),
    ],
)
def test_grades_as_letters_print_them_are_read(pattern, text, found):
    assert bool(pattern.search(text)) == found


def test_an_area_without_a_grade_is_read_out_as_not_graded():
    assert NOT_GRADED in str(area_grade(None))
    assert str(area_grade("good")) == "good"


def test_a_letter_that_prints_no_judgement_says_not_graded(client):
    letters = client.get("/api/letters").get_json()["letters"]
    ungraded = next(x for x in letters if not any((x["judgements"] or {}).values()))
    page = client.get(f"/letters/{ungraded['letter_id']}").get_data(as_text=True)
    assert grade_label(NOT_GRADED) in page


def test_the_charts_rows_are_the_grades_labelled():
    chart = grade_chart([GradePoint("x", "2020-01-01", "overall_effectiveness", "good", 1)])
    labels = [" ".join(lines) for _, lines in chart.rows]
    assert labels == [grade_label(grade) for grade in GRADE_LEVELS]

"""Grades (qa/core/grades.py): one wording of each grade and of no grade, on every page."""

import ast
import re
from dataclasses import fields
from pathlib import Path

import pytest

from qa.catalogue.authorities import GradePoint
from qa.catalogue.inspections import InspectionRow
from qa.core.grades import (
    AREA_LABELS,
    GLUED_GRADE,
    GRADE_LEVELS,
    GRADE_LINE,
    GRADE_SCALE_ROW,
    JUDGEMENT_AREAS,
    NOT_GRADED,
    NOT_PRINTED,
    area_label,
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


def test_an_area_a_graded_letter_prints_no_grade_for_is_read_out_as_none_printed():
    assert str(area_grade(None)) == '–<span class="govuk-visually-hidden"> none printed</span>'
    assert NOT_PRINTED in str(area_grade(None))
    assert str(area_grade("good")) == "good"


def test_every_judgement_area_has_a_label_and_other_columns_are_named_in_words():
    assert list(AREA_LABELS) == list(JUDGEMENT_AREAS)
    assert area_label("help_and_protection") == "Help and protection"
    assert area_label("visit_start") == "Visit start"


def test_the_inspection_rows_areas_are_the_judgement_areas_in_order():
    names = [f.name for f in fields(InspectionRow)]
    assert [name for name in names if name in JUDGEMENT_AREAS] == list(JUDGEMENT_AREAS)
    assert names[names.index("overall_effectiveness") :][: len(JUDGEMENT_AREAS)] == list(
        JUDGEMENT_AREAS
    )


def test_a_letter_that_prints_no_judgement_says_not_graded(client):
    letters = client.get("/api/letters").get_json()["letters"]
    ungraded = next(x for x in letters if not any((x["judgements"] or {}).values()))
    page = client.get(f"/letters/{ungraded['letter_id']}").get_data(as_text=True)
    assert grade_label(NOT_GRADED) in page


def test_the_charts_rows_are_the_grades_labelled():
    chart = grade_chart([GradePoint("x", "2020-01-01", "overall_effectiveness", "good", 1)])
    labels = [" ".join(lines) for _, lines in chart.rows]
    assert labels == [grade_label(grade) for grade in GRADE_LEVELS]


def _string_constants(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
    }
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
    ]


def test_the_grades_wording_is_written_in_qa_core_grades_alone():
    root = Path(__file__).resolve().parents[2]
    wording = re.compile(
        r"requires improvement to be good|not graded|none printed|no overall judgement", re.I
    )
    found = []
    for path in [*(root / "qa").rglob("*.py"), *(root / "web").rglob("*.py")]:
        if path != root / "qa" / "core" / "grades.py":
            found += [f"{path.name}: {s!r}" for s in _string_constants(path) if wording.search(s)]
    for path in (root / "web" / "templates").rglob("*.html"):
        text = re.sub(r"{#.*?#}", "", path.read_text(encoding="utf-8"), flags=re.S)
        found += [f"{path.name}: {m.group(0)!r}" for m in wording.finditer(text)]
    assert not found

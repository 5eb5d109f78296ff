"""The grades inspectors give and the areas they judge: their names, how a letter's grade is
said in words and shown, and how letters print them; the one place their wording is written."""

from __future__ import annotations

import re
from collections.abc import Iterable

GRADES = (
    "requires improvement to be good",
    "requires improvement",
    "inadequate",
    "outstanding",
    "adequate",
    "good",
)

# The four-point scale from best to worst, one name a grade: a chart's rows, what a question
# asks about.
GRADE_LEVELS = ("outstanding", "good", "requires improvement", "inadequate")

# The grade of 2012-2013 inspections that "requires improvement" replaced (and ranks with).
FORMER_GRADE = "adequate"
# The grades of inspections since 2013.
GRADES_SINCE_2013 = tuple(grade for grade in GRADES if grade != FORMER_GRADE)

# How a filter on a grade reads its name, said wherever such a filter is described.
ONE_GRADE_UNDER_TWO_NAMES = '"requires improvement" takes in "requires improvement to be good"'

# Grades as the filters offer them: "requires improvement" takes in "… to be good".
GRADE_CHOICES = [grade for grade in GRADES if grade != "requires improvement to be good"]

# A grade as a question words it, for a regular expression (any case): "require improvement"
# is a slip people make.
GRADE_WORDS = "|".join(grade.replace("requires ", "requires? ") for grade in GRADE_LEVELS)


# Each grade's place from best (0) to worst; a grade's older name ("adequate", 2012-2013, and
# "requires improvement" before "… to be good") shares its place.
GRADE_RANK = {
    "outstanding": 0,
    "good": 1,
    "adequate": 2,
    "requires improvement": 2,
    "requires improvement to be good": 2,
    "inadequate": 3,
}


JUDGEMENT_AREAS = {
    "overall_effectiveness": re.compile(r"overall effectiveness", re.I),
    "impact_of_leaders": re.compile(r"impact of leaders|leadership\W+(?:and\s+)?management", re.I),
    "help_and_protection": re.compile(r"help and protection", re.I),
    "children_in_care": re.compile(
        r"children in care|children looked after|looked after children", re.I
    ),
    "care_leavers": re.compile(r"care leavers", re.I),
}
# Each area's name for people: a table's heading, a list's label, a filter's description.
AREA_LABELS = {
    "overall_effectiveness": "Overall effectiveness",
    "impact_of_leaders": "Impact of leaders",
    "help_and_protection": "Help and protection",
    "children_in_care": "Children in care",
    "care_leavers": "Care leavers",
}


# What a letter that prints no judgement (a monitoring or focused visit) is, everywhere.
NOT_GRADED = "not graded"
# What a screen reader hears behind the dash for an area a graded letter prints no grade for
# (the letter is graded, so "not graded" would say the wrong thing).
NOT_PRINTED = "none printed"


def grade_summary(judgements: dict[str, str | None] | None) -> str:
    """Return a letter's grade in words: its overall judgement as printed; "no overall
    judgement; 4 areas graded" where it grades areas but prints no overall judgement (2026
    reports); NOT_GRADED where it prints no judgement."""
    graded = {area: grade for area, grade in (judgements or {}).items() if grade}
    if not graded:
        return NOT_GRADED
    if overall := graded.get("overall_effectiveness"):
        return overall
    count = len(graded)
    return f"no overall judgement; {count} area{'s' if count != 1 else ''} graded"


def grade_label(words: str) -> str:
    """Return a grade, or a grade in words, as a label or a sentence starts it: "Requires
    improvement", "Not graded"."""
    return words[:1].upper() + words[1:]


def area_label(area: str) -> str:
    """Return a judgement area's name for people ("help_and_protection" → "Help and
    protection"); any other column's name in words the same way ("visit_start" → "Visit
    start")."""
    return AREA_LABELS.get(area) or area.replace("_", " ").capitalize()


def grades_pattern(grades: Iterable[str]) -> str:
    """Return a regular expression matching any of grades as written, longest first."""
    return "|".join(re.escape(grade) for grade in sorted(grades, key=len, reverse=True))


def asked_grade(words: str) -> str:
    """Return the grade of GRADE_LEVELS that words matched by GRADE_WORDS name."""
    words = words.lower()
    return "requires improvement" if words.startswith("require") else words


def same_grade(printed: str | None, wanted: str) -> bool:
    """Return True when a printed grade is the one wanted ("requires improvement" and
    "requires improvement to be good" are one grade, named differently over the years)."""
    return printed is not None and _grade_family(printed) == _grade_family(wanted)


def _grade_family(grade: str) -> str:
    return "requires improvement" if grade.startswith("requires improvement") else grade


# How letters print grades, for reading them.
# The first piece of "Requires improvement" when its cell wraps ("Requires" / "improvement"),
# or the slip "Require": no grade until the piece below it is read.
GRADE_OPENING = re.compile(r"requires?", re.I)
# A judgement table's grade cell, or a piece of one: a cell's text wraps ("Requires" /
# "improvement" / "to be good"), so the pieces stay written out here, beside "not judged".
GRADE_CELL = re.compile(
    r"(outstanding|(to be )?good|adequate|inadequate|not judged"
    rf"|{GRADE_OPENING.pattern}( improvement( to be good)?)?|improvement)\.?",
    re.I,
)
# A grade glued to a judgement heading from the table cell beside it ("… protection Good"):
# printed headings that state a grade do so in lower case or as a sentence.
GLUED_GRADE = re.compile(
    rf"\s+({grades_pattern(grade_label(grade) for grade in GRADES_SINCE_2013)})$"
)
# A grade printed on a line of its own under or beside its judgement ("Grade 4 (Inadequate)",
# "Inadequate Grade 4"): part of neither the heading nor the text.
_PRINTED = f"({grades_pattern(GRADES)})"
GRADE_LINE = re.compile(
    rf"^(grade\s*\d\s*\(\s*{_PRINTED}\s*\)|{_PRINTED}\s*\(?\s*grade\s*\d\s*\)?)\.?$",
    re.I,
)
# A row of the four-point grading scale 2012-2013 reports print ("Adequate (Grade 3) A service
# that only meets minimum requirements"): the scale's text, never a heading.
GRADE_SCALE_ROW = re.compile(rf"^{_PRINTED}\s*\(\s*grade\s*\d\s*\)\s+\S", re.I)

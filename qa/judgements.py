"""Read a letter's judgements: the grade of each area from its judgement table (ruled or not),
or the overall grade it states as a sentence; lower case as printed."""

from __future__ import annotations

import re

from qa.ingest import Document, Table
from qa.layout import printed_rows

GRADES = (
    "requires improvement to be good",
    "requires improvement",
    "inadequate",
    "outstanding",
    "adequate",
    "good",
)
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
# What a letter that prints no judgement (a monitoring or focused visit) is, everywhere.
NOT_GRADED = "not graded"


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


# 2013-2017 reports state the overall grade as a sentence above the table.
_OVERALL = re.compile(
    r"(?:children[’']s services in .+?\s+(?:are|is|require|requires)"
    r"|overall judgement is(?: that children[’']s services (?:are|is|require|requires))?)"
    r"\s+(?P<grade>outstanding|good|inadequate|(?:requires )?improvement(?: to be good)?)\b",
    re.I,
)


def _unruled_table(doc: Document, last_page: int | None) -> list[Table]:
    """Return the title page's judgement grid when it is printed without rules.

    Each printed row becomes (label, grade): text left of the grade column, and the grade.
    Only the rows from the first grade to the last are kept.
    """
    if doc.kind != "pdf":
        return []
    pages = [ln for ln in doc.lines if last_page is None or (ln.page or 0) <= last_page]
    cells = []
    for row in printed_rows(pages):
        left = " ".join(ln.text for ln in row if ln.x0 < 250)
        right = " ".join(ln.text for ln in row if ln.x0 >= 250)
        cells.append((left, right))
    graded = [i for i, (_, right) in enumerate(cells) if _grade_fragment(right)]
    if not graded:
        return []
    kept = tuple(cells[graded[0] - 1 : graded[-1] + 1])
    return [Table(page=1, bbox=(0, 0, 0, 0), rows=kept)]


def _grade_fragment(text: str) -> bool:
    text = text.lower().strip(" .")
    return text in ("requires", "require", "improvement") or bool(_grade(text))


def _graded_labels(tables: list[Table]) -> list[tuple[str, str]]:
    """Return (label, grade) pairs from judgement tables, row by row.

    2013-2015 reports centre a two-line grade on its label, so "Requires" can sit in the row
    above the label and "improvement" in the row below it.
    """
    pairs: list[tuple[str, str]] = []
    waiting: list[str] = []
    opened = False
    for table in tables:
        for row in table.rows:
            cells = [re.sub(r"\s+", " ", c).strip() for c in row if c and c.strip()]
            if not cells:
                continue
            last = cells[-1].lower().strip(" .")
            fragment = _grade_fragment(last)
            label = " ".join(cells[:-1] if fragment else cells)
            if label:
                waiting.append(label)
            if not fragment:
                continue
            if last in ("requires", "require"):
                opened = True
                continue
            grade = _grade(
                f"requires {last}" if opened and last.startswith("improvement") else last
            )
            opened = False
            if grade and waiting:
                pairs.append((waiting[-1], grade))
            waiting = []
    return pairs


def _grade(text: str) -> str | None:
    text = re.sub(r"^require\b", "requires", text.lower().strip(" ."))
    if text.startswith("improvement"):
        text = "requires " + text
    return next((g for g in GRADES if text.startswith(g)), None)


def read_judgements(doc: Document, front: str) -> dict[str, str | None] | None:
    """Return each judgement's grade, lower case as printed, from the title page's table or
    the overall grade the front text (first pages) states; None where none is printed."""
    found: dict[str, str | None] = {}
    pairs = _graded_labels([*doc.tables, *_unruled_table(doc, last_page=2)])
    # 2012-2013 inspections of services for looked after children grade them further on.
    for label, grade in pairs or _graded_labels(_unruled_table(doc, last_page=None)):
        # "Children in care and care leavers" is one judgement of both (2018-2023).
        for key, pattern in JUDGEMENT_AREAS.items():
            if pattern.search(label):
                found.setdefault(key, grade)
    stated = _OVERALL.search(re.sub(r"\s+", " ", front))
    if "overall_effectiveness" not in found and stated:
        found["overall_effectiveness"] = _grade(stated.group("grade"))
    if not found:
        return None
    return {key: found.get(key) for key in JUDGEMENT_AREAS}

"""Read a letter's judgements: the grade of each area from its judgement table (ruled or not),
or the overall grade it states as a sentence; lower case as printed."""

from __future__ import annotations

import re

from qa.core.grades import (
    GRADE_OPENING,
    GRADES,
    GRADES_SINCE_2013,
    JUDGEMENT_AREAS,
    grades_pattern,
)
from qa.core.text import squash_spaces
from qa.reading.ingest import Document, Table
from qa.reading.layout import printed_rows

# A grade as the sentence words it: "… require improvement" leaves "improvement" to the grade.
_STATED = grades_pattern(
    dict.fromkeys(grade.removeprefix(p) for grade in GRADES_SINCE_2013 for p in ("", "requires "))
)
# 2013-2017 reports state the overall grade as a sentence above the table.
_OVERALL = re.compile(
    r"(?:children[’']s services in .+?\s+(?:are|is|require|requires)"
    r"|overall judgement is(?: that children[’']s services (?:are|is|require|requires))?)"
    rf"\s+(?P<grade>{_STATED})\b",
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
    return bool(GRADE_OPENING.fullmatch(text) or _grade(text))


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
            cells = [squash_spaces(c) for c in row if c and c.strip()]
            if not cells:
                continue
            last = cells[-1].lower().strip(" .")
            fragment = _grade_fragment(last)
            label = " ".join(cells[:-1] if fragment else cells)
            if label:
                waiting.append(label)
            if not fragment:
                continue
            if GRADE_OPENING.fullmatch(last):
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
    stated = _OVERALL.search(squash_spaces(front))
    if "overall_effectiveness" not in found and stated:
        found["overall_effectiveness"] = _grade(stated.group("grade"))
    if not found:
        return None
    return {key: found.get(key) for key in JUDGEMENT_AREAS}

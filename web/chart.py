"""The grades of one authority over time as an SVG chart drawn on the server: a row per grade,
a point per judgement, a line per area; the same figures go in a table beside it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from qa.catalogue.authorities import GradePoint
from qa.core.grades import FORMER_GRADE, GRADE_LEVELS, GRADE_RANK, JUDGEMENT_AREAS, grade_label

# Narrow and with large type, so that it reads at a phone's width (375 px): the labels are
# 18 units high, the chart drawn 420 px wide at the least: 13 px (the figure scrolls, not the page).
WIDTH, HEIGHT = 580, 300
LEFT, RIGHT, TOP, BOTTOM = 140, 30, 20, 44
# Areas told apart by colour and by shape (the legend draws the same shapes). Each point sits
# exactly on its grade's row; areas graded the same on the same day are set a few units apart
# along the time axis, never up or down, so that each shows and none reads as another grade.
DODGE = 7
STYLES = {
    "overall_effectiveness": ("#1d70b8", "circle"),
    "impact_of_leaders": ("#00703c", "square"),
    "help_and_protection": ("#d4351c", "diamond"),
    "children_in_care": ("#6f3c97", "triangle"),
    "care_leavers": ("#b58840", "cross"),
}


@dataclass(frozen=True)
class Mark:
    """One judgement placed on the chart."""

    point: GradePoint
    x: float
    y: float
    colour: str
    shape: str


@dataclass(frozen=True)
class Chart:
    """What the template draws: marks, the lines joining an area's marks, the axes' labels."""

    marks: list[Mark]
    lines: dict[str, str]
    years: list[tuple[float, str]]
    rows: list[tuple[float, list[str]]]
    # The grade of 2012-2013 has no row of its own: the row it is drawn on, as the chart's
    # description says.
    former_grade: str = FORMER_GRADE
    former_row: str = GRADE_LEVELS[GRADE_RANK[FORMER_GRADE]]
    width: int = WIDTH
    height: int = HEIGHT
    # The plotting area's edges.
    left: int = LEFT
    right: int = WIDTH - RIGHT
    top: int = TOP
    bottom: int = HEIGHT - BOTTOM


def _label_lines(label: str) -> list[str]:
    """Return the label as lines: a label of two words or more over 12 characters on two."""
    words = label.split()
    if len(label) <= 12 or len(words) == 1:
        return [label]
    return [" ".join(words[:-1]), words[-1]]


def _day(text: str) -> float:
    return date.fromisoformat(text).toordinal()


def grade_chart(points: list[GradePoint]) -> Chart | None:
    """Return the chart of the points, or None when there are none."""
    if not points:
        return None
    first = min(_day(p.date) for p in points)
    last = max(_day(p.date) for p in points)
    start_year = date.fromordinal(int(first)).year
    end_year = date.fromordinal(int(last)).year + 1
    low, high = date(start_year, 1, 1).toordinal(), date(end_year, 1, 1).toordinal()
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    row_h = plot_h / len(GRADE_LEVELS)

    def x_of(day: float) -> float:
        return round(LEFT + (day - low) / (high - low) * plot_w, 1)

    marks = []
    for point in points:
        colour, shape = STYLES[point.area]
        dodge = (list(JUDGEMENT_AREAS).index(point.area) - 2) * DODGE
        y = round(TOP + (point.level + 0.5) * row_h, 1)
        marks.append(Mark(point, round(x_of(_day(point.date)) + dodge, 1), y, colour, shape))
    lines = {}
    for area in JUDGEMENT_AREAS:
        own = [m for m in marks if m.point.area == area]
        if len(own) > 1:
            lines[area] = " ".join(f"{m.x},{m.y}" for m in own)
    step = max(1, -(-(end_year - start_year) // 5))
    years = [
        (x_of(date(year, 1, 1).toordinal()), str(year))
        for year in range(start_year, end_year + 1, step)
    ]
    # A long grade is labelled on two lines: (y, lines of the label).
    rows = [
        (round(TOP + (n + 0.5) * row_h, 1), _label_lines(grade_label(grade)))
        for n, grade in enumerate(GRADE_LEVELS)
    ]
    return Chart(marks, lines, years, rows)

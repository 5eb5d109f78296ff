"""The grades of one authority over time as an SVG chart drawn on the server: a row per grade,
a point per judgement, a line per area; the same figures go in a table beside it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from qa.authorities import GRADE_LEVELS, GradePoint
from qa.judgements import JUDGEMENT_AREAS

WIDTH, HEIGHT = 640, 250
LEFT, RIGHT, TOP, BOTTOM = 170, 20, 20, 40
# Areas told apart by colour and by shape, and set a little apart within their row so that
# two areas with the same grade on the same day both show.
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
    rows: list[tuple[float, str]]
    width: int = WIDTH
    height: int = HEIGHT
    # The plotting area's edges.
    left: int = LEFT
    right: int = WIDTH - RIGHT
    top: int = TOP
    bottom: int = HEIGHT - BOTTOM


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
        offset = (list(JUDGEMENT_AREAS).index(point.area) - 2) * row_h / 8
        y = round(TOP + (point.level + 0.5) * row_h + offset, 1)
        marks.append(Mark(point, x_of(_day(point.date)), y, colour, shape))
    lines = {}
    for area in JUDGEMENT_AREAS:
        own = [m for m in marks if m.point.area == area]
        if len(own) > 1:
            lines[area] = " ".join(f"{m.x},{m.y}" for m in own)
    step = max(1, (end_year - start_year) // 8)
    years = [
        (x_of(date(year, 1, 1).toordinal()), str(year))
        for year in range(start_year, end_year + 1, step)
    ]
    rows = [
        (round(TOP + (n + 0.5) * row_h, 1), grade.capitalize())
        for n, grade in enumerate(GRADE_LEVELS)
    ]
    return Chart(marks, lines, years, rows)

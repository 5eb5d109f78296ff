"""Topics over time as an SVG line chart drawn on the server: a line per phrase, the share of
each year's letters mentioning it; the same figures go in a table beside it."""

from __future__ import annotations

from dataclasses import dataclass

from qa.catalogue.trends import TrendsBody

WIDTH, HEIGHT = 580, 300
LEFT, RIGHT, TOP, BOTTOM = 60, 30, 20, 44
# A phrase's line: its colour and the shape of its points (the legend draws the same).
SERIES = (
    ("#1d70b8", "circle"),
    ("#d4351c", "diamond"),
    ("#00703c", "square"),
    ("#6f3c97", "triangle"),
    ("#b58840", "cross"),
)


@dataclass(frozen=True)
class Series:
    """One phrase's line: its points (x, y, year, share) and how it is drawn."""

    phrase: str
    colour: str
    shape: str
    points: list[tuple[float, float, int, float]]

    @property
    def path(self) -> str:
        return " ".join(f"{x},{y}" for x, y, _, _ in self.points)


@dataclass(frozen=True)
class TrendChart:
    """What the template draws: the lines, the axes' labels and the plotting area's edges."""

    series: list[Series]
    years: list[tuple[float, str]]
    ticks: list[tuple[float, str]]
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    right: int = WIDTH - RIGHT
    top: int = TOP
    bottom: int = HEIGHT - BOTTOM


def trend_chart(body: TrendsBody) -> TrendChart | None:
    """Return the chart of the counts, or None when there is no year to draw."""
    if not body.years:
        return None
    first, last = body.years[0].year, body.years[-1].year
    highest = max((c.share for y in body.years for c in y.counts), default=0.0)
    # The share axis runs to the next tenth above the highest share (at least a tenth).
    top_share = max(1, -int(-highest * 10 // 1)) / 10
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x_of(year: int) -> float:
        span = max(1, last - first)
        return round(
            LEFT + (year - first) / span * plot_w if last > first else LEFT + plot_w / 2, 1
        )

    def y_of(share: float) -> float:
        return round(TOP + (1 - share / top_share) * plot_h, 1)

    series = []
    for n, phrase in enumerate(body.phrases):
        colour, shape = SERIES[n % len(SERIES)]
        points = [
            (x_of(y.year), y_of(y.counts[n].share), y.year, y.counts[n].share) for y in body.years
        ]
        series.append(Series(phrase.phrase, colour, shape, points))
    step = max(1, -(-(last - first) // 6))
    years = [(x_of(year), str(year)) for year in range(first, last + 1, step)]
    ticks = [(y_of(top_share * i / 4), f"{round(top_share * i / 4 * 100)}%") for i in range(5)]
    return TrendChart(series, years, ticks)

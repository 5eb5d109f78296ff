"""A letter's improvement points: what it says needs to improve ("What needs to improve?",
"Areas for improvement", "Recommendations", "Priority and immediate action" …), verbatim,
each with the national framework reference a point from 2025 on ends with."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from qa.keywords import tokenize
from qa.models import Citation, Letter, Passage, newest_first
from qa.request import LetterFilter
from qa.schema import described

# Headings under which a letter lists what must improve, as the layouts of 2012-2026 print them.
IMPROVEMENT_HEADING = re.compile(
    r"^\s*(?:what needs to improve|what the local authority (?:needs|should) (?:to )?do|"
    r"areas? for (?:priority )?(?:action|improvement)|recommendations?\b|"
    r"priority and immediate action|immediate action|priority action|"
    r"within (?:three|six|3|6) months)",
    re.I,
)
# The verbs a recommendation starts with ("Ensure that…", "Improve the…").
_IMPERATIVE = re.compile(
    r"^(?:•\s*)?(?:\d+\.?\s+)?(?:urgently\s+|further\s+|continue\s+to\s+)?(?:accelerate|address|"
    r"agree|analyse|build|clarify|collate|complete|consolidate|deliver|develop|devise|embed|"
    r"enable|engage|ensure|establish|evaluate|extend|hold|identify|implement|improve|increase|"
    r"introduce|make|monitor|prioritise|produce|promote|provide|publish|put|raise|reduce|"
    r"review|revise|secure|strengthen|take|tackle|undertake|update|urgently|use|work)\b",
    re.I,
)
# "There are no priority actions.", "The inspection did not find any areas for priority…"
_NONE = re.compile(
    r"^\s*(?:there (?:are|were|is) no|the inspection did not (?:find|identify) any|no)\b"
    r".{0,60}\b(?:priority|immediate)\b",
    re.I,
)
# The national framework reference a point ends with, in brackets or after it: "(outcome 1,
# national framework)", "[Outcome 3, national framework]", "(National Framework enabler two)",
# "(enabler: the workforce is equipped and effective, national framework)", "Enabler three:
# National Framework."
_FRAMEWORK = r"national\s+framework"
_PART = r"\b(?:outcome|enabler|principle)s?\b"
_OUTCOME = re.compile(
    rf"[(\[]\s*((?=[^()\[\]]*{_FRAMEWORK})(?=[^()\[\]]*{_PART})[^()\[\]]*?)\s*[)\]]"
    rf"|({_PART}[^.:()]*:\s*{_FRAMEWORK})",
    re.I,
)
# Recommendations printed without their heading: as many imperative paragraphs in a row.
_RUN = 3


@dataclass(frozen=True)
class Improvement:
    """One point a letter says needs to improve, as printed."""

    text: str = described("The point, verbatim.")
    outcome: str | None = described(
        "The national framework reference the point ends with (an outcome, enabler or "
        "principle; reports from 2025), as printed; else null.",
        example="outcome 1, national framework",
    )
    position: int = described("The passage's place in the letter's reading order.", minimum=1)


def read_improvements(letter: Letter) -> list[Improvement]:
    """Return the letter's improvement points, in reading order.

    A point is a bullet or a recommendation ("Ensure that…") under an improvement heading,
    or under a sub-heading past it ("Outcomes for care leavers"), until prose follows; or
    one of a run of recommendations printed without the heading.
    """
    passages = letter.passages
    keep = [False] * len(passages)
    section, listing, heading, points = None, False, False, 0
    for number, passage in enumerate(passages):
        if passage.section != section:
            section = passage.section
            heading = IMPROVEMENT_HEADING.match(section) is not None
            listing, points = listing or heading, 0 if heading else points
        if heading:
            # Under the heading: its bullets and recommendations, and what comes before any
            # (an outstanding authority's one paragraph) unless it leads into the list.
            point = (
                passage.text.startswith("•")
                or _is_recommendation(passage)
                or (not points and not passage.text.rstrip().endswith(":"))
            )
        else:
            # Under a sub-heading past it ("Outcomes for care leavers"): recommendations.
            point = _is_recommendation(passage)
        # Prose ends the list (a heading printed in body type is not seen as one).
        listing = listing and point
        if listing and not _NONE.search(passage.text):
            keep[number] = True
            points += 1
    run: list[int] = []
    for number, candidate in enumerate([*passages, None]):
        if candidate is not None and _is_recommendation(candidate):
            run.append(number)
            continue
        if len(run) >= _RUN:
            for kept in run:
                keep[kept] = True
        run = []
    return [_point(p) for p, kept in zip(passages, keep, strict=True) if kept]


def _is_recommendation(passage: Passage) -> bool:
    return bool(_IMPERATIVE.match(passage.text)) and not passage.text.rstrip().endswith(":")


def _point(passage: Passage) -> Improvement:
    found = _OUTCOME.search(passage.text)
    outcome = (found.group(1) or found.group(2)) if found else None
    return Improvement(passage.text.removeprefix("• "), outcome, passage.position)


@dataclass(frozen=True)
class ImprovementHit(Improvement):
    """An improvement point with the citation of the passage it is."""

    citation: Citation = described()


def list_improvements(
    letters: Iterable[Letter],
    points: Callable[[Letter], list[Improvement]],
    filters: LetterFilter,
    words: str = "",
) -> list[ImprovementHit]:
    """Return the points of the letters the filters admit that hold every meaningful word of
    words (stemmed: "supervise" finds "supervision"), newest letter first, each in reading
    order."""
    wanted = set(tokenize(words))
    found = []
    for letter in newest_first(x for x in letters if filters.admits(x)):
        for point in points(letter):
            if wanted <= set(tokenize(point.text)):
                passage = letter.passages[point.position - 1]
                found.append(
                    ImprovementHit(
                        point.text, point.outcome, point.position, Citation.of(letter, passage)
                    )
                )
    return found

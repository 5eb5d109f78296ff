"""A letter's improvement points: what it says needs to improve ("What needs to improve?",
"Areas for improvement", "Recommendations", "Priority and immediate action" …), verbatim,
each with the national framework reference a point from 2025 on ends with."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Literal

from qa.core.analyser import tokenize
from qa.core.fields import described
from qa.core.filters import LetterFilter
from qa.core.models import Citation, Letter, Passage, newest_first

# Headings under which a letter lists what must improve, as the layouts of 2012-2026 print them.
IMPROVEMENT_HEADING = re.compile(
    r"^\s*(?:what needs to improve|what the local authority (?:needs|should) (?:to )?do|"
    r"areas? for (?:priority )?(?:action|improvement)|recommendations?\b|"
    r"priority and immediate action|immediate action|priority action|"
    r"within (?:three|six|3|6) months)",
    re.I,
)
# The verbs a recommendation starts with ("Ensure that…", "Improve the…"), after an adverb
# ("Urgently review…") or a clause ("With partners, ensure…", "When children go missing,
# ensure…").
_VERBS = (
    "accelerate|achieve|address|agree|align|analyse|apply|audit|bring|build|carry|cease|"
    "challenge|clarify|collate|commission|complete|comply|concentrate|conduct|confirm|"
    "consider|consolidate|consult|coordinate|create|deliver|develop|devise|drive|embed|enable|"
    "encourage|engage|enhance|ensure|establish|evaluate|expand|expedite|explore|extend|"
    "formalise|gather|give|help|hold|identify|implement|improve|include|increase|integrate|"
    "introduce|involve|maintain|make|maximise|monitor|offer|oversee|place|prevent|prioritise|"
    "produce|progress|promote|provide|publish|put|raise|re-establish|receive|recruit|reduce|"
    "refresh|renew|report|resolve|resource|review|revise|revitalise|scrutinise|secure|sharpen|"
    "streamline|strengthen|support|sustain|take|tackle|tighten|track|undertake|update|use|"
    "visit|work"
)
_IMPERATIVE = re.compile(
    r"^(?:•\s*)?(?:\d+\.?\s+)?(?:(?:alongside|following|for|in|prior to|through|"
    r"together with|until|when|where|with|within|working)\b"
    r"[^.;:]{0,160}?,\s*)?(?:(?:actively|appropriately|better|closely|comprehensively|consistently|"
    r"effectively|fully|further|jointly|promptly|quickly|regularly|rigorously|robustly|"
    r"routinely|significantly|swiftly|systematically|urgently)\s+|continue\s+to\s+)*"
    # "Support for care leavers is…", "Review of the front door…": nouns, not verbs.
    rf"(?!support\s+to\b)(?:{_VERBS})\b(?!\s+(?:of|for|is|are|has|have|was|were)\b)",
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
# What a numbered recommendation that is not an imperative says: "The local authority should…",
# "The trust should ensure…", "Caseloads need to be reduced"; and within a list, "The panel
# chair to report…" (findings say "…are supported to develop…" too freely for a run).
_MODAL = re.compile(r"^[^.;:]{0,160}?\b(?:should|must|needs? to|ought to)\b", re.I)
_INFINITIVE = re.compile(rf"^[^.;:,]{{0,60}}?\bto (?:{_VERBS})\b", re.I)
# Sub-headings that end the list instead of sorting its points by topic.
_ENDS_LIST = re.compile(
    r"\b(?:strengths?|summary|findings|judgements?|progress since|information about)\b", re.I
)
# The headings of the Local Safeguarding Children Board's review that 2013-2017 reports bind
# in after the local authority's ("Section 2: The effectiveness of the LSCB", "Inspection
# findings – the Local Safeguarding Children Board"), and of the local authority's part.
_LSCB = re.compile(
    r"safeguarding children(?:['’]s)? board|^the local safeguarding children\b|\blscb\b|"
    r"^section 2\b",
    re.I,
)
_LOCAL_AUTHORITY = re.compile(r"^(?:the local authority\b(?!['’]s)|section 1\b)", re.I)
# The end of the local authority's report in 2014 reports: the LSCB's follows.
_LOCAL_AUTHORITY_END = re.compile(
    r"^what the inspection judge?ments mean:? the local authority", re.I
)
_SUMMARY = re.compile(r"^(?:executive summary|summary of (?:key )?findings)$", re.I)
# What a sub-bullet's dash leaves at the end of the line before it, as PDFs extract it.
_STRAY = " \u0336\u2013\u2014-"

Report = Literal["local authority", "LSCB"]


@dataclass(frozen=True)
class Improvement:
    """One point a letter says needs to improve, as printed."""

    text: str = described(
        "The point, verbatim; the sub-points it lists, each on a line of its own after a bullet."
    )
    outcome: str | None = described(
        "The national framework reference the point ends with (an outcome, enabler or "
        "principle; reports from 2025), as printed; else null.",
        example="outcome 1, national framework",
    )
    position: int = described("The passage's place in the letter's reading order.", minimum=1)
    report: Report = described(
        "Whose point it is: the local authority's, or the Local Safeguarding Children "
        "Board's (the review of the LSCB that 2013-2017 reports bind in after the local "
        "authority's report)."
    )


def read_improvements(letter: Letter) -> list[Improvement]:
    """Return the letter's improvement points, in reading order.

    A point is a bullet, a recommendation ("Ensure that…") or a numbered recommendation
    ("12. The local authority should…") under an improvement heading, or a recommendation
    under a sub-heading past it ("Outcomes for care leavers"), until prose follows; or one of a
    run of recommendations printed without the heading. A point ending "including:" takes the
    unbulleted lines after it as its sub-points; a paragraph split in two is one point.
    """
    passages = letter.passages
    reports = _reports(passages)
    found = _listed_points(passages)
    kept = {passage.position for group in found for passage in group}
    found.extend(group for group in _unheaded_points(passages) if group[0].position not in kept)
    found.sort(key=lambda group: group[0].position)
    return [_point(group, reports[group[0].position - 1]) for group in found]


def _listed_points(passages: tuple[Passage, ...]) -> list[list[Passage]]:
    """Return the points listed under an improvement heading (and its sub-headings), each as
    its passages: the point, then its sub-points; in reading order."""
    found: list[list[Passage]] = []
    section, listing, heading, joining = None, False, False, False
    previous: Passage | None = None  # the list's last point so far
    for passage in passages:
        if passage.section != section:
            section = passage.section
            heading = IMPROVEMENT_HEADING.match(section) is not None
            if heading:
                listing, previous = True, None
            elif _ENDS_LIST.search(section):
                listing = False
        elif listing and previous is not None and _continues(passage, previous, joining):
            found[-1].append(passage)
            joining = joining and not passage.text.rstrip(_STRAY).endswith(".")
            continue
        point = _is_point(passage, previous, heading)
        # Prose ends the list (a heading printed in body type is not seen as one).
        listing = listing and point
        joining = False
        if listing and not _NONE.search(passage.text):
            found.append([passage])
            previous, joining = passage, passage.text.rstrip(_STRAY).endswith(":")
    return found


def _unheaded_points(passages: tuple[Passage, ...]) -> list[list[Passage]]:
    """Return the points of every run of at least _RUN recommendations in a row, each as its
    passages, in reading order."""
    found: list[list[Passage]] = []
    run: list[list[Passage]] = []
    for candidate in [*passages, None]:
        if candidate is not None and run and _continues(candidate, run[-1][0], joining=False):
            run[-1].append(candidate)
            continue
        if (
            candidate is not None
            and not _ENDS_LIST.search(candidate.section)
            and (
                _is_recommendation(candidate)
                or (candidate.numbered and _MODAL.match(candidate.text))
            )
        ):
            run.append([candidate])
            continue
        if len(run) >= _RUN:
            found.extend(run)
        run = []
    return found


def _is_point(passage: Passage, previous: Passage | None, heading: bool) -> bool:
    if heading and (passage.text.startswith("•") or previous is None):
        # Under the heading: its bullets, and what comes before any (an outstanding
        # authority's one paragraph) unless it leads into the list.
        return passage.text.startswith("•") or not passage.text.rstrip().endswith(":")
    if _is_recommendation(passage):
        return True
    # The next printed number of a numbered list: under a sub-heading, worded as a
    # recommendation ("The local authority should…"), as under it findings may follow.
    return (
        previous is not None
        and passage.numbered
        and previous.numbered
        and passage.paragraph is not None
        and passage.paragraph == (previous.paragraph or 0) + 1
        and (heading or bool(_MODAL.match(passage.text) or _INFINITIVE.match(passage.text)))
    )


def _continues(passage: Passage, previous: Passage, joining: bool) -> bool:
    """Return True for a passage that is part of the point before it: a sub-point after its
    "including:", or the rest of a long paragraph split in two."""
    if passage.numbered and passage.paragraph == previous.paragraph:
        return previous.numbered and not passage.text.startswith("•")
    # A sub-point is a line or two, most often in lower case ("sufficiency of accommodation").
    return (
        joining
        and not passage.numbered
        and not passage.text.startswith("•")
        and (passage.text[:1].islower() or len(passage.text) < 200)
    )


def _is_recommendation(passage: Passage) -> bool:
    return bool(_IMPERATIVE.match(passage.text)) and not passage.text.rstrip().endswith(":")


def _reports(passages: tuple[Passage, ...]) -> list[Report]:
    """Return whose report each passage is in: the LSCB's from its review's heading (or the
    second executive summary of a bound report) on, and the list of recommendations just
    before the LSCB's "Inspection findings"."""
    reports: list[Report] = []
    lscb, summaries, section = False, 0, None
    for passage in passages:
        if passage.section != section:
            # The opening section may be the title, which names both reports.
            opening, section = section is None, passage.section
            summaries += bool(_SUMMARY.match(section))
            if (
                (_LSCB.search(section) and not opening)
                or (_SUMMARY.match(section) and summaries > 1)
                or _LOCAL_AUTHORITY_END.match(section)
            ):
                lscb = True
            elif _LOCAL_AUTHORITY.match(section):
                lscb = False
        reports.append("LSCB" if lscb else "local authority")
    # A list whose next section is the LSCB's findings is the LSCB's.
    for number in range(len(passages) - 2, -1, -1):
        here, after = passages[number], passages[number + 1]
        if not IMPROVEMENT_HEADING.match(here.section):
            continue
        if here.section == after.section:
            if reports[number + 1] == "LSCB":
                reports[number] = "LSCB"
        elif _LSCB.search(after.section):
            reports[number] = "LSCB"
    return reports


def _point(passages: list[Passage], report: Report) -> Improvement:
    lead, *rest = passages
    text = lead.text.removeprefix("• ")
    for part in rest:
        if part.paragraph == lead.paragraph and part.numbered:
            text = f"{text} {part.text}"
        else:
            text = f"{text.rstrip(_STRAY)}\n• {part.text.rstrip(_STRAY)}"
    found = _OUTCOME.search(text)
    outcome = (found.group(1) or found.group(2)) if found else None
    return Improvement(text, outcome, lead.position, report)


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
                        point.text,
                        point.outcome,
                        point.position,
                        point.report,
                        Citation.of(letter, passage),
                    )
                )
    return found

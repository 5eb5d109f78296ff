"""Blocks, the unit layout reading produces: a heading, paragraph or bullet with its page;
and what both PDF and text reading recognise in a line's text."""

from __future__ import annotations

import re
from dataclasses import dataclass

NUMBERED = re.compile(r"^(\d{1,3})\.(?:\s*\.(?=\s))*(?:\s+(?=\S)|(?=[A-Z“‘\"']))")
# Some reports drop the full stop after a paragraph's number; trusted only in sequence.
MARKER_ALONE = re.compile(r"^(\d{1,3})\.\s*$")
BARE_NUMBER = re.compile(r"^(\d{1,3})\s+(?=[A-Z“‘])")
BULLET = re.compile(r"^(?:[•·\uf000-\uf0ff]\s*|[-*o–−─]\s+)(?=\S)")
FACT_LINE = re.compile(
    r"^(inspection dates?|dates? of (the )?(inspection|visit)|lead inspector|reporting inspector"
    r"|report published|published|age group|inspection date)\b",
    re.I,
)
GRADE_CELL = re.compile(
    r"(outstanding|(to be )?good|adequate|inadequate|not judged"
    r"|requires?( improvement( to be good)?)?|improvement)\.?",
    re.I,
)
# A grade glued to a judgement heading from the table cell beside it ("… protection Good"):
# printed headings that state a grade do so in lower case or as a sentence.
GLUED_GRADE = re.compile(r"\s+(Outstanding|Good|Inadequate|Requires improvement( to be good)?)$")
# The header row of a judgement table ("Key judgement | Judgement grade"), never a heading.
TABLE_HEADER = re.compile(r"^key judgements?\s+(judgements?|inspection)\s+grades?$", re.I)
# A row of the judgement grid on a 2014 report's title page ("2.1 Adoption performance").
GRID_ROW = re.compile(r"^\d(\.\d)?\.?\s+[A-Z]\D{0,80}$")
# Lines of the inspection team ("Senior data analyst: …"), never headings.
TEAM_LINE = re.compile(
    r"^[A-Za-z ]{0,30}\b(inspectors?|analysts?|officers?|managers?|authors?)\s*:", re.I
)
_END = re.compile(r"""[.!?;:]["'”’)\]]*$""")
_LOWER_START = re.compile(r"^[\"'“‘(]?[a-z]")


@dataclass(frozen=True)
class Block:
    """A heading, paragraph or bullet item: its text and the page it starts on."""

    kind: str
    text: str
    page: int | None
    number: int | None = None


def ends_sentence(text: str) -> bool:
    """Return True when text ends with sentence-final punctuation."""
    return bool(_END.search(text))


def starts_lowercase(text: str) -> bool:
    """Return True when text starts as a continuation of a sentence does."""
    return bool(_LOWER_START.match(text))


def join_lines(left: str, right: str) -> str:
    """Join two wrapped lines the way the reader reads them."""
    if not left:
        return right
    if left.endswith("-") and not left.endswith(" -") and right[:1].isalpha():
        return left + right
    return f"{left} {right}"

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
# A title page's fact line starts with a capital: "published in August 2014. The judgements…"
# at the start of a line of text is the text.
FACT_LINE = re.compile(
    r"^(?=(?-i:[A-Z]))(?:(?:inspection dates?|dates? of (?:the )?(?:inspection|visit)"
    r"|lead inspector|reporting inspector|report published|age group|inspection date)\b"
    r"|published(?=\s*:|\s+\d))",
    re.I,
)
# The header row of a judgement table ("Key judgement | Judgement grade"), never a heading.
TABLE_HEADER = re.compile(r"^key judgements?\s+(judgements?|inspection)\s+grades?$", re.I)
# A row of the judgement grid on a 2014 report's title page ("2.1 Adoption performance").
GRID_ROW = re.compile(r"^\d(\.\d)?\.?\s+[A-Z]\D{0,80}$")
# Lines of the inspection team ("Senior data analyst: …"), never headings.
TEAM_LINE = re.compile(
    r"^[A-Za-z ]{0,30}\b(inspectors?|analysts?|officers?|managers?|authors?)\s*:", re.I
)
# An inspector's title printed alone ("Her Majesty's Inspector" under the lead inspector's
# name): it signs the letter, it is no heading and no paragraph.
SIGNATURE = re.compile(r"^((her|his) majesty[’']s inspector|hmi|ofsted inspector)$", re.I)
# A line naming an inspector ("Deputy lead inspector Mike Ferguson"): it heads nothing.
INSPECTOR_LINE = re.compile(r"^(\w+ )?lead inspector\b.{0,40}$", re.I)
_END = re.compile(r"""[.!?;:]["'”’)\]]*$""")
_LOWER_START = re.compile(r"^[\"'“‘(]?[a-z]")


@dataclass(frozen=True)
class Block:
    """A heading, paragraph or bullet item: its text and the page it starts on."""

    kind: str
    text: str
    page: int | None
    number: int | None = None
    # Where the text runs on to a later page: (offset in text, page), in order.
    breaks: tuple[tuple[int, int], ...] = ()

    def page_at(self, offset: int) -> int | None:
        """Return the page the character at offset is printed on."""
        page = self.page
        for start, later in self.breaks:
            if start > offset:
                break
            page = later
        return page


def joined_breaks(left: Block, separator: str, right: Block) -> tuple[tuple[int, int], ...]:
    """Return the page breaks of left's text joined to right's by separator."""
    shift = len(left.text) + len(separator)
    breaks = list(left.breaks)
    if right.page is not None and right.page != left.page_at(len(left.text)):
        breaks.append((shift, right.page))
    breaks.extend((shift + offset, page) for offset, page in right.breaks)
    return tuple(breaks)


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

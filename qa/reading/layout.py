"""Turn a document's lines into blocks: headings, paragraphs and bullets in reading order.

Page furniture (running headers and footers, page numbers), footnotes, tables and the
title block are left out; a paragraph cut by a page break is joined again.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from enum import Enum, auto

from qa.core.grades import GRADE_CELL, GRADE_LINE, GRADE_SCALE_ROW
from qa.core.text import squash_spaces
from qa.reading.blocks import (
    BARE_NUMBER,
    BULLET,
    FACT_LINE,
    INSPECTOR_LINE,
    MARKER_ALONE,
    NUMBERED,
    SIGNATURE,
    TEAM_LINE,
    Block,
    ends_sentence,
    join_lines,
    starts_lowercase,
)
from qa.reading.ingest import Document, Line, Table
from qa.reading.layout_fixes import (
    drop_contents,
    drop_judgement_tables,
    promote_plain_headings,
    without_glued_grade,
)


def body_size(lines: list[Line]) -> float:
    """Return the font size most of the text is set in."""
    weights: Counter[float] = Counter()
    for line in lines:
        # Titles are set large; in a short letter they could outweigh the body.
        if 6 <= line.size <= 16:
            weights[line.size] += len(line.text)
    return weights.most_common(1)[0][0] if weights else 12.0


def furniture_keys(doc: Document) -> set[str]:
    """Return the normalised texts of lines repeated in the page margins of most pages, or of
    a run of pages (the header of a second report bound into the same file)."""
    pages_with: dict[str, set[int]] = {}
    for line in doc.lines:
        if _in_margin(line, doc.page_height):
            pages_with.setdefault(furniture_key(line.text), set()).add(line.page or 0)
    pages = doc.page_count or 1
    needed = max(2, int(pages * 0.4))
    return {
        key
        for key, seen in pages_with.items()
        if len(seen) >= needed or (len(key) >= 30 and len(seen) >= 3)
    }


def furniture_key(text: str) -> str:
    """Return text with digits and spacing folded, so page 3's header matches page 4's."""
    return squash_spaces(_DIGITS.sub("#", text.lower()))


_DIGITS = re.compile(r"\d+")


def title_lines(doc: Document, size: float | None = None) -> list[Line]:
    """Return the lines of the title printed at the top of page 1, in the largest type there."""
    size = size or body_size(doc.lines)
    top = [
        ln
        for ln in doc.lines
        if ln.page == 1
        and ln.y1 < doc.page_height * 0.45
        and not ln.text.isdigit()
        and not _in_margin(ln, doc.page_height)
        and not FACT_LINE.match(ln.text)
    ]
    largest = max((ln.size for ln in top), default=0.0)
    if largest < size + 1.5:
        return []
    return [ln for ln in top if abs(ln.size - largest) < 0.3]


def _in_margin(line: Line, height: float) -> bool:
    return line.y1 < height * 0.1 or line.y0 > height * 0.92


def _is_page_number(line: Line, height: float) -> bool:
    # Some reports set the page number large, just above the bottom margin.
    low = line.y0 > height * 0.85
    return (_in_margin(line, height) or low) and bool(
        re.fullmatch(r"(page\s*)?\d{1,3}(\s*of\s*\d{1,3})?", line.text, re.I)
    )


def _in_table(line: Line, tables: list[Table]) -> bool:
    for table in tables:
        x0, y0, x1, y1 = table.bbox
        middle = (line.y0 + line.y1) / 2
        if table.page == line.page and x0 - 2 <= line.x0 <= x1 and y0 <= middle <= y1:
            return True
    return False


def _fact_lines(lines: list[Line]) -> set[Line]:
    """Return title-page fact lines ("Lead inspector: …"), with the lines they wrap onto."""
    found: set[Line] = set()
    previous: Line | None = None
    for line in lines:
        wraps = (
            previous in found
            and line.page == previous.page
            and 0 <= line.y0 - previous.y1 < 3
            and (line.size, line.bold) == (previous.size, previous.bold)
        )
        if FACT_LINE.match(line.text) or wraps:
            found.add(line)
        previous = line
    return found


def _signs(line: Line) -> bool:
    """Return True for an inspector's title printed alone in bold ("Her Majesty's
    Inspector" under the lead inspector's name) or a line naming one without a colon
    ("Deputy lead inspector Mike Ferguson"): neither is a heading nor a paragraph. In plain
    type the title may end a line of the text ("… Charles Searle" / "HMI")."""
    named = INSPECTOR_LINE.match(line.text) and not TEAM_LINE.match(line.text)
    signs = SIGNATURE.match(line.text) and line.bold
    return bool(signs or (named and not starts_lowercase(line.text)))


def printed_rows(lines: list[Line]) -> list[list[Line]]:
    """Group lines set on the same baseline of a page into rows, each left to right."""
    rows: list[list[Line]] = []
    for line in lines:
        if rows and abs(rows[-1][0].y1 - line.y1) < 3 and rows[-1][0].page == line.page:
            rows[-1].append(line)
        else:
            rows.append([line])
    return [sorted(row, key=lambda ln: ln.x0) for row in rows]


def _merge_row(row: list[Line]) -> Line | None:
    """Return the row as one line, or None for a row of a contents page."""
    if len(row) == 1:
        return row[0]
    # A contents entry ends in its page number, far to the right; a judgement grid's row in
    # its grade.
    last, gap = row[-1].text, row[-1].x0 - row[-2].x1
    if gap > 40 and re.fullmatch(r"\d{1,3}", last):
        return None
    # A grade printed in its own column beside a label or heading is not part of the text;
    # after a colon ("… help and protection: Good") it is part of the heading.
    row = row[:1] + [
        ln
        for before, ln in zip(row, row[1:], strict=False)
        if before.text.endswith(":")
        or not (GRADE_CELL.fullmatch(ln.text) or GRADE_LINE.match(ln.text))
    ]
    if len(row) == 1:
        return row[0]
    text = " ".join(ln.text for ln in row)
    widest = max(row, key=lambda ln: ln.size)
    return replace(widest, text=text, x0=row[0].x0, x1=row[-1].x1, bold=row[-1].bold)


def pdf_blocks(doc: Document) -> list[Block]:
    """Return the blocks of a PDF letter."""
    size = body_size(doc.lines)
    repeated = furniture_keys(doc)
    title = set(title_lines(doc, size))
    facts = _fact_lines(doc.lines)
    kept = [
        line
        for line in doc.lines
        if (line.size >= size - 1.5 or re.fullmatch(r"\d{1,3}\.", line.text))
        and not (_in_margin(line, doc.page_height) and furniture_key(line.text) in repeated)
        and not _is_page_number(line, doc.page_height)
        and not _in_table(line, doc.tables)
        and line not in title
        and line not in facts
        and not _signs(line)
    ]
    merged = [m for row in printed_rows(kept) if (m := _merge_row(row)) is not None]
    left = Counter(round(line.x0) for line in merged).most_common(1)[0][0] if merged else 0
    body = _Body(size, left)
    building = _Building()
    for line in merged:
        what, number = _read_line(line, building, body)
        building.take(what, line, number)
    building.close()
    return promote_plain_headings(drop_judgement_tables(drop_contents(building.blocks)))


@dataclass(frozen=True)
class _Body:
    """How a letter sets its body text: the type size and the left edge most lines start at."""

    size: float
    left: float


class _What(Enum):
    """What a line does to the block being built."""

    SKIP = auto()  # a cell beside the text (a grade)
    HEADING = auto()  # starts a heading
    JOINS_HEADING = auto()  # the next line of the heading being built
    NUMBERED = auto()  # starts a numbered paragraph
    BULLET = auto()  # starts a bullet point
    FIRST_LINE = auto()  # the text after a paragraph number printed alone
    CONTINUES = auto()  # the next line of the paragraph or bullet being built
    PARA = auto()  # starts an unnumbered paragraph


@dataclass
class _Building:
    """The blocks read so far, the one being built, and the line before."""

    blocks: list[Block] = field(default_factory=list)
    kind: str = ""
    lines: list[str] = field(default_factory=list)
    page: int | None = None
    breaks: list[tuple[int, int]] = field(default_factory=list)
    number: int | None = None
    previous: Line | None = None
    last_number: int = 0

    def close(self) -> None:
        """Finish the block being built."""
        if self.lines:
            text = " ".join(self.lines).strip()
            if self.kind == "heading":
                text = without_glued_grade(text)
            breaks = tuple(b for b in self.breaks if b[0] < len(text))
            self.blocks.append(Block(self.kind, text, self.page, self.number, breaks))
        self.lines, self.breaks = [], []

    def start(self, kind: str, line: Line, text: str, number: int | None = None) -> None:
        """Finish the block being built and start another with line."""
        self.close()
        self.kind, self.page, self.number, self.lines = kind, line.page, number, [text]

    def take(self, what: _What, line: Line, numbered: re.Match[str] | None) -> None:
        """Add line to the blocks as what says."""
        if what is _What.SKIP:
            return
        if what in (_What.JOINS_HEADING, _What.CONTINUES):
            self.lines[-1] = join_lines(self.lines[-1], line.text)
            on = self.breaks[-1][1] if self.breaks else self.page
            if line.page is not None and line.page != on:
                self.breaks.append((len(self.lines[-1]) - len(line.text), line.page))
        elif what is _What.HEADING:
            self.start("heading", line, line.text)
        elif what is _What.NUMBERED and numbered is not None:
            self.last_number = int(numbered.group(1))
            self.start("para", line, line.text[numbered.end() :], self.last_number)
        elif what is _What.BULLET:
            self.start("bullet", line, BULLET.sub("• ", line.text, count=1))
        elif what is _What.FIRST_LINE:
            self.lines = [line.text]
            # A number printed alone at a page's foot: the text starts on the next page.
            self.page = line.page
        else:
            self.start("para", line, line.text)
        self.previous = line


def _read_line(line: Line, b: _Building, body: _Body) -> tuple[_What, re.Match[str] | None]:
    """Return what line does to the block being built, and its paragraph number if any."""
    text = line.text
    previous = b.previous
    # A grade in a judgement grid's right-hand column, or set between the lines of the
    # judgement it grades, far right of them.
    right_of = previous is not None and line.page == previous.page and line.x0 > previous.x0 + 150
    if GRADE_CELL.fullmatch(text) and (line.x0 > body.left + 200 or right_of):
        return _What.SKIP, None
    heading_type = _in_heading_type(line, body)
    beside = line.x0 > body.left + 200
    if GRADE_LINE.match(text) and (heading_type or b.kind == "heading" or beside):
        # "Grade 4 (Inadequate)" under a judgement heading (2013 reports): the heading above
        # is the section; the grade is read from the letter's judgements.
        return _What.SKIP, None
    new_page = previous is not None and line.page != previous.page
    gap = 0.0 if previous is None or new_page else line.y0 - previous.y1
    numbered = _opening_number(line, b, body, gap, new_page)
    # A grade alone only ends a heading ("… protection:" / "good"); it starts none.
    starts_heading = heading_type and _short(text) and not GRADE_CELL.fullmatch(text)
    wraps_heading = _wraps_heading(line, b, heading_type, gap, new_page)
    if (starts_heading or wraps_heading) and numbered is None:
        follows_heading = b.kind == "heading" and b.lines and not new_page
        if follows_heading and line.x0 > body.left + 200:
            # 2013-2017 reports print the grade in a column beside the heading: a cell.
            return _What.SKIP, None
        if follows_heading and previous and gap < line.size * 0.6 and line.size == previous.size:
            return _What.JOINS_HEADING, None
        return _What.HEADING, None
    if numbered is not None:
        return _What.NUMBERED, numbered
    if BULLET.match(text):
        return _What.BULLET, None
    if b.kind == "para" and b.lines == [""]:
        return _What.FIRST_LINE, None
    if b.kind in ("para", "bullet") and b.lines and _continues(b.lines, line, gap, new_page):
        return _What.CONTINUES, None
    return _What.PARA, None


def _in_heading_type(line: Line, body: _Body) -> bool:
    """Return True for a line set as a heading is. Headings are bold; plain text is a heading
    only when set much larger than the body (2014 reports print a whole summary for children
    in 14-point plain type)."""
    text = line.text
    return ((line.bold and line.size >= body.size - 0.5) or line.size >= body.size + 3.5) and not (
        BULLET.match(text)
        or TEAM_LINE.match(text)
        or INSPECTOR_LINE.match(text)
        or GRADE_SCALE_ROW.match(text)
    )


def _short(text: str) -> bool:
    """Return True for a line short enough to be a heading, and not ending as a clause."""
    return len(text.split()) <= 30 and not re.search(r"[.;,]$", text)


def _opening_number(
    line: Line, b: _Building, body: _Body, gap: float, new_page: bool
) -> re.Match[str] | None:
    """Return the paragraph number line opens a numbered paragraph with, or None."""
    numbered = _paragraph_number(line.text, b.last_number)
    previous = b.previous
    # A real number opens a paragraph: after a gap, or standing out left of the line above.
    opens = previous is None or new_page or gap > line.size * 0.3 or line.x0 < previous.x0 - 5
    if numbered is None or not opens or line.x0 > body.left + 8:
        return None
    # A bold numbered line on a title page is a judgement, not a paragraph.
    if line.bold and _short(line.text) and len(line.text.split()) <= 12:
        return None
    return numbered


def _wraps_heading(
    line: Line, b: _Building, heading_type: bool, gap: float, new_page: bool
) -> bool:
    """Return True for the next line of the heading being built: a heading's last line may
    end in a full stop, or be a plain "and" between two lines."""
    previous = b.previous
    return (
        b.kind == "heading"
        and previous is not None
        and not new_page
        and -3 <= gap < line.size * 0.6
        and line.size == previous.size
        and (
            (heading_type and line.bold == previous.bold)
            or (starts_lowercase(line.text) and len(line.text.split()) <= 3)
        )
    )


def _paragraph_number(text: str, last_number: int) -> re.Match[str] | None:
    """Return the paragraph number the line starts with, if it follows the last one."""
    numbered = NUMBERED.match(text) or MARKER_ALONE.match(text)
    if not numbered and (bare := BARE_NUMBER.match(text)):
        numbered = bare if int(bare.group(1)) == last_number + 1 else None
    # A wrapped line can start "16. However" (the end of "2015-16."): numbers go in order.
    if numbered is None:
        return None
    value = int(numbered.group(1))
    return numbered if value == 1 or last_number < value <= last_number + 3 else None


def _continues(current: list[str], line: Line, gap: float, new_page: bool) -> bool:
    if new_page:
        return not ends_sentence(current[-1]) or starts_lowercase(line.text)
    return gap < line.size * 0.45

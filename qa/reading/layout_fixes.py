"""What a PDF prints that is not what it looks like, put right once its blocks are read: a
contents page, a judgement table set in the text, a grade glued to a heading, sub-headings set
in plain type."""

from __future__ import annotations

import re
from dataclasses import replace

from qa.core.grades import GLUED_GRADE, GRADE_CELL, GRADE_SCALE_ROW
from qa.reading.blocks import (
    GRID_ROW,
    INSPECTOR_LINE,
    TABLE_HEADER,
    TEAM_LINE,
    Block,
    ends_sentence,
)


def drop_contents(blocks: list[Block]) -> list[Block]:
    """Drop a contents page (its heading and the entries ending in page numbers after it) and
    "© Crown copyright" lines."""
    kept: list[Block] = []
    contents_page = None
    for block in blocks:
        if block.kind == "heading" and block.text.strip().lower() in ("contents", "content"):
            contents_page = block.page
            continue
        if block.page == contents_page and re.search(r"\s\d{1,3}$", block.text):
            continue
        if block.text.startswith("©"):
            continue
        kept.append(block)
    return kept


def without_glued_grade(heading: str) -> str:
    label = GLUED_GRADE.sub("", heading)
    # "… adoption performance is that it is Outstanding" states the grade as a sentence;
    # "… help and protection: Inadequate" prints it as part of the heading.
    return heading if re.search(r"(\b(is|are|be)|:)$", label) else label


def drop_judgement_tables(blocks: list[Block]) -> list[Block]:
    """Read a judgement table set in the text (2013-2017 reports) as the heading it is: its
    header row ("Key judgement Judgement grade") goes, the judgement it names (its grade
    already dropped) heads the paragraphs that follow."""
    kept: list[Block] = []
    rows_on = None
    for block in blocks:
        if block.kind == "heading" and TABLE_HEADER.match(block.text):
            rows_on = block.page
            continue
        row = block.kind == "para" and block.number is None and len(block.text.split()) <= 25
        if rows_on == block.page and row and not ends_sentence(block.text):
            if kept and kept[-1].kind == "heading" and kept[-1].page == block.page:
                kept.pop()  # the same judgement printed as a heading above its table
            kept.append(replace(block, kind="heading", text=without_glued_grade(block.text)))
            rows_on = None
            continue
        rows_on = None
        if block.page == 1 and GRID_ROW.match(block.text) and not ends_sentence(block.text):
            continue  # "2.1 Adoption performance": a row of the title page's judgement grid
        kept.append(block)
    return kept


def promote_plain_headings(blocks: list[Block]) -> list[Block]:
    """Make a short block with no full stop a heading when anything follows it.

    2013-2017 reports set their sub-headings ("Scrutiny and challenge") in plain type.
    """
    promoted = []
    for block, following in zip(blocks, [*blocks[1:], None], strict=False):
        words = block.text.split()
        plain_heading = (
            block.kind == "para"
            and block.number is None
            and 0 < len(words) <= 10
            and block.text[:1].isupper()
            and not re.search(r"[.:;,]$", block.text)
            and not TEAM_LINE.match(block.text)
            and not INSPECTOR_LINE.match(block.text)
            and not GRADE_CELL.fullmatch(block.text)
            and not GRADE_SCALE_ROW.match(block.text)
            and following is not None
        )
        promoted.append(replace(block, kind="heading") if plain_heading else block)
    return promoted

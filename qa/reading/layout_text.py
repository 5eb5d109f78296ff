"""Turn a plain-text or Markdown letter's lines into blocks: blank lines end paragraphs."""

from __future__ import annotations

import re
from dataclasses import replace

from qa.reading.blocks import BULLET, NUMBERED, Block, ends_sentence, join_lines, starts_lowercase
from qa.reading.ingest import Line

_MD_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_MD_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1")


def _plain(text: str) -> str:
    text = _MD_LINK.sub(r"\1", text)
    text = _MD_EMPHASIS.sub(r"\2", text)
    return text.replace("\\", "").strip()


def text_blocks(lines: list[Line]) -> list[Block]:
    """Return the blocks of a plain-text or Markdown letter (blank lines end paragraphs)."""
    raw: list[list[str]] = [[]]
    for line in lines:
        stripped = line.text.strip()
        if not stripped:
            raw.append([])
            continue
        if BULLET.match(stripped) or NUMBERED.match(stripped) or stripped.startswith("#"):
            raw.append([])
        raw[-1].append(stripped)
    blocks: list[Block] = []
    for group in filter(None, raw):
        first = group[0]
        text = _plain(" ".join(group))
        if first.startswith("#"):
            blocks.append(Block("heading", _plain(text.lstrip("#")), None))
        elif BULLET.match(first):
            blocks.append(Block("bullet", BULLET.sub("• ", text, count=1), None))
        elif numbered := NUMBERED.match(text):
            blocks.append(Block("para", text[numbered.end() :], None, int(numbered.group(1))))
        else:
            blocks.append(Block("para", text, None))
    return _mark_text_headings(_join_broken(blocks))


def _join_broken(blocks: list[Block]) -> list[Block]:
    """Join a paragraph cut in mid-sentence by a page break (a blank line in text files)."""
    joined: list[Block] = []
    for block in blocks:
        last = joined[-1] if joined else None
        if (
            last is not None
            and last.kind in ("para", "bullet")
            and block.kind == "para"
            and block.number is None
            and not ends_sentence(last.text)
            and starts_lowercase(block.text)
        ):
            joined[-1] = replace(last, text=join_lines(last.text, block.text))
        else:
            joined.append(block)
    return joined


def _mark_text_headings(blocks: list[Block]) -> list[Block]:
    marked = []
    for block in blocks:
        short = len(block.text.split()) <= 20 and not re.search(r"[.;,:]$", block.text)
        if block.kind == "para" and block.number is None and short and block.text[:1].isupper():
            block = replace(block, kind="heading")
        marked.append(block)
    return marked

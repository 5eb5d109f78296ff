"""Split a letter's blocks into passages: one per paragraph, with section, number and page."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING

from qa.core.models import Passage
from qa.reading.blocks import Block, join_lines, joined_breaks

if TYPE_CHECKING:
    import pysbd

SALUTATION = re.compile(r"^Dear\s+\S")
SIGN_OFF = re.compile(r"^Yours\s+(sincerely|faithfully)", re.I)
SUB_HEADINGS = {"summary", "inspection findings"}
# Under a list of recommendations, "Inspection findings" is a heading of its own: 2015-2017
# reports print the LSCB review's findings after its recommendations.
_LIST_HEADING = re.compile(r"^(recommendations?|areas? for improvement)\W*$", re.I)
# A second report bound into the same file (the LSCB review after the local authority's
# report, 2015) numbers its paragraphs from 1 again.
_LSCB = re.compile(r"\b(LSCB|safeguarding children board)\b", re.I)
# A paragraph longer than the embedding model reads (256 word pieces) is split at sentences
# into parts that keep its number.
MAX_WORDS = 180


@dataclass(frozen=True)
class Body:
    """The letter's body: its heading-like title line (if any) and its blocks."""

    title: str | None
    blocks: list[Block]


def letter_body(blocks: list[Block]) -> Body:
    """Drop the address block, salutation and sign-off; return what the letter says."""
    start = next((i for i, b in enumerate(blocks[:40]) if SALUTATION.match(b.text)), None)
    title = None
    if start is not None:
        blocks = blocks[start + 1 :]
        if blocks and blocks[0].kind == "heading":
            title, blocks = blocks[0].text, blocks[1:]
    end = next((i for i, b in enumerate(blocks) if SIGN_OFF.match(b.text)), None)
    if end is not None:
        blocks = blocks[:end]
    return Body(title, blocks)


def split_passages(blocks: list[Block], default_section: str) -> list[Passage]:
    """Return one passage per paragraph, in reading order.

    Bullets join the paragraph that leads into them; a numbered paragraph keeps everything
    up to the next number or heading; a paragraph too long to embed is split at sentences.
    """
    paragraphs = _paragraphs(blocks, default_section)
    numbered = any(block.number is not None for _, block in paragraphs)
    passages: list[Passage] = []
    # A number printed with nothing after it (a slip in the letter) is no passage.
    paragraphs = [(section, block) for section, block in paragraphs if block.text.strip()]
    places = _places(paragraphs, default_section) if numbered else [None] * len(paragraphs)
    bound = _bound_report(paragraphs)
    for count, ((section, block), place) in enumerate(zip(paragraphs, places, strict=True), 1):
        # A letter that numbers its paragraphs is cited by its numbers only: a count would
        # name a paragraph the letter prints with that number.
        paragraph = block.number if numbered else count
        anchor = f"p{paragraph}" if block.number is not None or not numbered else f"u{count}"
        if bound is not None and count > bound.start:  # count is 1-based, start an index
            # The bound report's own anchors and place, so its paragraph 1 is not the first's.
            anchor = f"{bound.prefix}{anchor}" if block.number is not None else anchor
            place = f"{bound.name}, {place}" if place else bound.name
        for part, (offset, text) in enumerate(_parts(block.text), start=1):
            passages.append(
                Passage(
                    text=text,
                    section=section,
                    paragraph=paragraph,
                    page=block.page_at(offset),
                    anchor=anchor if part == 1 else f"{anchor}-{part}",
                    numbered=block.number is not None,
                    sentence_spans=sentence_spans(text),
                    position=len(passages) + 1,
                    place=place,
                )
            )
    return passages


def _paragraphs(blocks: list[Block], default_section: str) -> list[tuple[str, Block]]:
    """Return the letter's paragraphs, in reading order, each with the section it is in:
    bullets joined to the paragraph leading into them, a numbered paragraph's rest to it."""
    paragraphs: list[tuple[str, Block]] = []
    section = default_section
    lead_in = False
    for block in blocks:
        if block.kind == "heading":
            if not paragraphs and block.text in default_section:
                # The title's second line ("Inspection of children's social care services"
                # under the council's name): the opening summary sits under the title.
                continue
            # 2013-2017 reports set "Summary" and "Inspection findings" under each judgement:
            # the judgement is the section a reader looks for.
            sub_heading = block.text.lower() in SUB_HEADINGS and section != default_section
            if not sub_heading or _LIST_HEADING.match(section):
                section = block.text
            lead_in = False
            continue
        last = paragraphs[-1][1] if paragraphs and paragraphs[-1][0] == section else None
        joins = last is not None and (
            (block.kind == "bullet" and (lead_in or last.number is not None))
            or (block.number is None and last.number is not None)
        )
        if joins and last is not None:
            paragraphs[-1] = (section, _join_block(last, block))
        else:
            paragraphs.append((section, block))
            lead_in = False
        lead_in = lead_in or paragraphs[-1][1].text.rstrip().endswith(":")
    return paragraphs


def _places(paragraphs: list[tuple[str, Block]], default_section: str) -> list[str | None]:
    """Return where each unnumbered paragraph of a numbered letter sits: the opening summary
    (before the first heading), or its point number among the bullets under its heading."""
    places: list[str | None] = []
    points, previous_section, numbers_begun = 0, None, False
    for section, block in paragraphs:
        if section != previous_section:
            points, previous_section = 0, section
        numbers_begun = numbers_begun or block.number is not None
        if block.number is not None:
            places.append(None)
        elif block.text.startswith("•"):
            points += 1
            places.append(f"point {points}")
        elif section == default_section and not numbers_begun:
            places.append("opening summary")
        else:
            places.append(None)
    return places


@dataclass(frozen=True)
class _Bound:
    """A second report bound into the letter's file: where it starts (a count of
    paragraphs), the prefix of its anchors and the place its passages are cited in."""

    start: int
    prefix: str
    name: str


def _bound_report(paragraphs: list[tuple[str, Block]]) -> _Bound | None:
    """Return the second report bound into the file, found where the printed numbering
    starts again at 1, or None."""
    last, last_at = 0, 0
    for index, (_, block) in enumerate(paragraphs):
        if block.number == 1 and last > 1:
            rest = " ".join(f"{s} {b.text}" for s, b in paragraphs[index : index + 5])
            if not _LSCB.search(rest):
                return _Bound(index, "r2-", "second report")
            # The review begins before its paragraph 1: at its first section naming the
            # board after the first report's numbered paragraphs.
            start = next(
                (i for i in range(last_at + 1, index) if _LSCB.search(paragraphs[i][0])), index
            )
            return _Bound(start, "lscb-", "LSCB review")
        if block.number is not None:
            last, last_at = block.number, index
    return None


def _join_block(left: Block, right: Block) -> Block:
    if not left.text:
        # A number printed alone: right is its text.
        return replace(left, text=right.text, page=right.page, breaks=right.breaks)
    separator = "\n" if right.text.startswith("•") else "\n\n"
    breaks = joined_breaks(left, separator, right)
    return replace(left, text=left.text + separator + right.text, breaks=breaks)


def _parts(text: str) -> list[tuple[int, str]]:
    """Return the paragraph, split at sentences when too long to embed, as (offset, text)
    parts: each part's text and where it starts in the paragraph."""
    if len(text.split()) <= MAX_WORDS:
        return [(0, text)]
    parts: list[tuple[int, str]] = []
    current, start, position = "", 0, 0
    for sentence in split_sentences(text):
        found = text.find(sentence, position)
        offset = found if found >= 0 else position
        position = offset + len(sentence) if found >= 0 else position
        candidate = join_lines(current, sentence) if current else sentence
        if current and len(candidate.split()) > MAX_WORDS:
            parts.append((start, current))
            current, start = sentence, offset
        else:
            current = candidate
    if current:
        parts.append((start, current))
    return parts


@lru_cache(maxsize=1)
def _segmenter() -> pysbd.Segmenter:
    import pysbd
    from pysbd.utils import TextSpan

    class Segmenter(pysbd.Segmenter):
        """pysbd's segmenter, finding each sentence back in the text with str.find: pysbd
        compiles a regular expression for every sentence, which cost a fifth of reading a
        letter and pushed every other pattern out of re's cache. Same result."""

        def sentences_with_char_spans(self, sentences: list[str]) -> list[TextSpan]:
            if not all(sentences):
                return super().sentences_with_char_spans(sentences)
            text = self.original_text
            spans, prior_end = [], 0
            for sentence in sentences:
                start = text.find(sentence)
                while start >= 0:
                    end = start + len(sentence)
                    while end < len(text) and text[end].isspace():
                        end += 1
                    if end > prior_end:
                        spans.append(TextSpan(text[start:end], start, end))
                        prior_end = end
                        break
                    start = text.find(sentence, end)
            return spans

    return Segmenter(language="en", clean=False, char_span=False)


def split_sentences(text: str) -> list[str]:
    """Return text's sentences, whole and verbatim ("Dr.", "e.g." and lists kept intact)."""
    sentences = []
    for chunk in text.split("\n"):
        if chunk.strip():
            plain = _plain_sentences(chunk)
            if plain is None:
                plain = [s.strip() for s in _segmenter().segment(chunk) if s.strip()]
            sentences.extend(plain)
    return sentences


# pysbd is exact but slow (2 ms a paragraph, most of reading a letter). Most paragraphs are
# plain prose: no quotation, and their only stops end a word of three or more lower-case
# letters that is no abbreviation, outside brackets, before a capital. Those are split here,
# exactly where pysbd splits them (checked on all 45,000 such paragraphs of the corpus); the
# rest go to pysbd, which keeps a quotation of several sentences whole.
_PLAIN_STOP = re.compile(r"\b([A-Za-z]*[a-z]{3})[.!?]\s+(?=[A-Z])")
_STOP = re.compile(r"[.!?…]")
_QUOTATION = re.compile(r"[‘“\"«]|--|(?:^|\s)'")


@lru_cache(maxsize=1)
def _abbreviations() -> frozenset[str]:
    from pysbd.lang.english import English

    known = English.Abbreviation
    return frozenset(
        word.lower()
        for word in (*known.ABBREVIATIONS, *known.PREPOSITIVE_ABBREVIATIONS)
        + tuple(known.NUMBER_ABBREVIATIONS)
    )


def _plain_sentences(chunk: str) -> list[str] | None:
    """Return the sentences of a chunk of plain prose as pysbd would, or None if not plain."""
    text = chunk.strip()
    if _QUOTATION.search(text):
        return None
    sentences, start = [], 0
    for stop in _PLAIN_STOP.finditer(text):
        before = text[: stop.start()]
        bracketed = before.count("(") != before.count(")") or before.count("[") != before.count("]")
        if bracketed or stop.group(1).lower() in _abbreviations():
            return None
        sentences.append(text[start : stop.end(1) + 1])
        start = stop.end()
    sentences.append(text[start:])
    if any(_STOP.search(sentence[:-1]) for sentence in sentences):
        return None
    return sentences


def sentence_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Return where each of text's sentences starts and ends, a bullet's "• " left out."""
    spans = []
    position = 0
    for sentence in split_sentences(text):
        start = text.find(sentence, position)
        if start < 0:
            continue
        end = start + len(sentence)
        if sentence.startswith("• "):
            start += 2
        spans.append((start, end))
        position = end
    return tuple(spans)

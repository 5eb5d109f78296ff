"""The numbered recommendations a PDF letter prints, read from its raw lines alone.

A check on qa/reading/improvements.py that shares none of its reading: no blocks, no passages, only
the printed lines (qa.reading.ingest.read_document) and the numbers printed on them. Under an
improvement heading ("Recommendations", "Areas for improvement", "What does the LSCB need to
improve?" …) each item starts with its printed number ("1.", "2." … or "84." in an LSCB
review that carries on the report's numbering) and runs until the next printed number, a
heading set larger than the text, or a line at the numbers' margin that is not followed by
the next number. Page furniture (page numbers, running headers, footnotes) is left out.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace

from qa.core.text import normalise
from qa.reading.improvements import Improvement
from qa.reading.ingest import Document, Line

# The headings 2013-2018 reports print over their recommendations, the whole line.
_HEADING = re.compile(
    r"^(?:recommendations?|areas? for (?:priority )?(?:action|improvement)|"
    r"priority and immediate action|immediate action|priority action|"
    r"what (?:does )?the (?:local authority|lscb|board) (?:needs? to|should) (?:improve|do)|"
    r"what needs to improve)\s*[?:]?$",
    re.I,
)
_NUMBER = re.compile(r"^(\d{1,3})\.(?:\s+|$)")
_BULLET = re.compile(r"^(?:[•·o\-–−]|[\uf000-\uf0ff])(?:\s|$)")
# The part of a bound report a line heads: the LSCB's review, or the local authority's.
_LSCB = re.compile(r"local safeguarding children board|\blscb\b|^section 2\b", re.I)
_LSCB_PART = re.compile(
    r"^(?:the )?(?:local safeguarding children board|lscb)\b|^section 2\b|"
    r"^review of the effectiveness of the local safeguarding",
    re.I,
)
_PART = re.compile(r"^(?:the local authority|section 1\b|information about this inspection)", re.I)
_FOOTNOTE_SIZE = 10.5
# "The inspection did not find any areas for priority and immediate action": no item.
_NOTHING = re.compile(
    r"^(?:there (?:are|were|is) no|the inspection did not (?:find|identify) any|"
    r"no\b.{0,60}\b(?:priority|immediate))\b",
    re.I,
)
# Headings set in the text's size that end a list rather than sort it into topics.
_ENDS_LIST = re.compile(
    r"\b(?:strengths?|summary|findings|judgements?|progress since|information about)\b", re.I
)


@dataclass(frozen=True)
class PrintedPoint:
    """One numbered recommendation as printed: its number, its words and whose it is."""

    number: int
    text: str
    lscb: bool
    # The item's lead and each sub-point it lists, as printed.
    pieces: tuple[str, ...] = ()


def printed_points(doc: Document, furniture: set[str]) -> list[PrintedPoint]:
    """Return the numbered recommendations doc prints under its improvement headings, in
    printed order; furniture holds the running headers and footers, folded as
    corpus_report._folded folds them."""
    lines = [line for line in doc.lines if not _is_furniture(line, furniture)]
    body = Counter(round(line.size) for line in lines).most_common(1)[0][0] if lines else 12
    contents = {line.page for line in doc.lines if line.text.strip().lower() == "contents"}
    found: list[PrintedPoint] = []
    lscb = False
    index = 0
    while index < len(lines):
        line = lines[index]
        if line.page in contents:
            index += 1
            continue
        # The title page names both reports; a part's heading is set larger, or in bold.
        if line.page != 1 and round(line.size) > body + 3:
            if _LSCB.search(line.text):
                lscb = True
            elif line.bold and _PART.match(line.text):
                lscb = False
        elif line.page != 1 and line.bold:
            if _LSCB_PART.match(line.text):
                lscb = True
            elif _PART.match(line.text):
                lscb = False
        if _HEADING.match(line.text.strip()):
            items, index = _read_list(lines, index + 1, body)
            found.extend(replace(item, lscb=lscb) for item in items)
            continue
        index += 1
    return found


def _read_list(lines: list[Line], index: int, body: int) -> tuple[list[PrintedPoint], int]:
    """Read the numbered items from lines[index] on; return them (lscb unset) and where
    reading stopped."""
    items: list[tuple[int, list[list[str]]]] = []  # each item's number and pieces of lines
    margin = None
    expected = None
    waiting = 0  # lines seen since an item ended without the next number yet
    while index < len(lines):
        line = lines[index]
        text = line.text.strip()
        number = _NUMBER.match(text)
        bigger = round(line.size) > body
        if number and margin is not None and line.x0 > margin + 8:
            number = None  # a number within an item's text, not at the numbers' margin
        if number and not bigger and (expected is None or int(number.group(1)) == expected):
            margin = line.x0 if margin is None else margin
            expected = int(number.group(1)) + 1
            first = text[number.end() :]
            before = lines[index - 1]
            if not first and items and items[-1][0] and _same_row(before, line):
                # The item's first line, set a hair higher than its number, came first.
                first = items[-1][1][-1].pop()
            items.append((expected - 1, [[first]]))
            waiting = 0
        elif number and expected is not None:
            break  # the numbering stops (the next paragraph's number, or a restart)
        elif _HEADING.match(text):
            waiting = 0 if items else waiting  # another improvement heading: keep going
            if items:
                items.append((0, []))  # end the item before
        elif bigger or (line.bold and _ENDS_LIST.search(text)):
            break  # a section heading, or "The local authority's strengths"
        elif items and items[-1][0] and (margin is None or line.x0 > margin + 8) and not waiting:
            pieces = items[-1][1]
            if _same_row(lines[index - 1], line) and not pieces[-1][-1]:
                pieces[-1][-1] = text  # "1." set apart from its first line
            elif line.bold:
                pieces.append([])  # "Immediately:" over the sub-points that follow
            elif _BULLET.match(text):
                pieces.append([text])
            else:
                pieces[-1].append(text)
        else:
            # At the numbers' margin (a sub-heading, or prose after the list): the list goes on
            # only if the next number follows within two lines.
            if items and items[-1][0]:
                items.append((0, []))
            waiting += 1
            if waiting > 2:
                break
        index += 1
    found = []
    for printed, pieces in items:
        texts = tuple(t for t in (" ".join(w for w in piece if w) for piece in pieces) if t)
        if printed and texts and not _NOTHING.match(texts[0]):
            found.append(PrintedPoint(printed, " ".join(texts), False, texts))
    return found, index


def _same_row(a: Line, b: Line) -> bool:
    return a.page == b.page and abs(a.y0 - b.y0) < 3


def _is_furniture(line: Line, furniture: set[str]) -> bool:
    text = line.text.strip()
    if text.isdigit() or (line.size and line.size < _FOOTNOTE_SIZE):
        return True
    return re.sub(r"\s+", " ", re.sub(r"\d+", "#", text)).strip() in furniture


def missing_points(printed: list[PrintedPoint], points: list[str]) -> list[PrintedPoint]:
    """Return the printed recommendations that are not, word for word (after normalise),
    among points: within one point that holds no other printed recommendation, or (sub-points
    listed apart from their lead) the lead so and each sub-point within a point."""
    folded = [normalise(p) for p in points]
    wholes = [normalise(item.text) for item in printed]

    def alone(words: str, me: int) -> bool:
        return any(
            words in p and not any(w and w in p and w != wholes[me] for w in wholes) for p in folded
        )

    missing = []
    for me, item in enumerate(printed):
        if wholes[me] and alone(wholes[me], me):
            continue
        lead, *rest = [normalise(piece) for piece in item.pieces] or [""]
        if lead and alone(lead, me) and all(any(w in p for p in folded) for w in rest):
            continue
        missing.append(item)
    return missing


def check_points(doc: Document, furniture: set[str], points: list[Improvement]) -> dict:
    """Return how many numbered recommendations doc prints, which of them points lack, and
    which are marked for the other report (the LSCB's as the local authority's or back)."""
    printed = printed_points(doc, furniture) if doc.kind == "pdf" else []
    missing = missing_points(printed, [p.text for p in points])
    folded = [(normalise(p.text), p.report == "LSCB") for p in points]
    misfiled = [
        item.number
        for item in printed
        if item not in missing
        and next(lscb for text, lscb in folded if normalise(item.pieces[0]) in text) != item.lscb
    ]
    return {
        "printed_points": len(printed),
        "printed_lscb": sum(item.lscb for item in printed),
        "printed_missing": [item.number for item in missing],
        "printed_misfiled": misfiled,
    }


def print_points(read: list[dict]) -> None:
    """Print the share of printed numbered recommendations among their letters' points."""
    printed = sum(r["printed_points"] for r in read)
    letters = sum(bool(r["printed_points"]) for r in read)
    missing = [r for r in read if r["printed_missing"]]
    lost = sum(len(r["printed_missing"]) for r in missing)
    share = (printed - lost) / printed if printed else 1.0
    print(
        f"numbered recommendations printed under improvement headings (read from the PDF's "
        f"lines): {printed} in {letters} letters ({sum(r['printed_lscb'] for r in read)} the "
        f"LSCB's); among their letter's points word for word: {printed - lost} ({share:.1%}); "
        f"missing {lost} in {len(missing)} letters"
    )
    for r in missing:
        numbers = ", ".join(map(str, r["printed_missing"][:12]))
        print(
            f"  {r['source']}: {r['printed_points'] - len(r['printed_missing'])} of "
            f"{r['printed_points']} (missing {numbers})"
        )
    misfiled = [(r["source"], n) for r in read for n in r["printed_misfiled"]]
    print(
        f"numbered recommendations marked as the other report's (LSCB or local authority): "
        f"{len(misfiled)}"
    )
    for source, number in misfiled[:12]:
        print(f"  {source} {number}")

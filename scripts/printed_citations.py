"""Sections, pages and anchors checked against the PDF's own text, read with PyMuPDF alone.

A check on qa/reading/layout.py and qa/reading/passages.py that shares none of their reading:
the printed lines come from PyMuPDF directly (a cell set far apart or on another baseline as
a line of its own, footnote references left out) and are compared letters and digits only.
A passage's section must be a whole printed line or run of lines, never an inspector's line or
a grade line; what the PDF prints after an "Inspection findings" line is never cited under
"Recommendations"; a passage's first words are on the page it cites.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pymupdf

from qa.core.models import Letter
from qa.core.text import normalise

# Lines that sign a letter or grade a judgement: never the heading a paragraph sits under.
_INSPECTOR_LINE = re.compile(
    r"\b(her|his) majesty[’']?s inspector|\bhmi\b|\bofsted inspector\b|\blead inspector\b", re.I
)
_GRADE_LINE = re.compile(
    r"^\(?(grade\s*\d\b.*|(outstanding|good|adequate|inadequate|requires improvement"
    r"( to be good)?)\.?)\)?$|\bgrade\s*\d\)?$",
    re.I,
)
_RECOMMENDATIONS = re.compile(r"^recommendations?$", re.I)
# The first words of a passage, looked for on the page it cites.
_FIRST_WORDS = 8


def _squash(text: str, keep: str = "") -> str:
    # Letters and digits only (and keep): the PDF's spacing, hyphenation and glyphs set aside.
    return re.sub(rf"[^a-z0-9{keep}]", "", unicodedata.normalize("NFKC", text).lower())


def _printed_lines(path: Path) -> list[list[tuple[float, float, str]]]:
    """Return each page's printed lines as (top, left, text), in PyMuPDF's order; a line's
    cells far apart (a grade in its own column) as lines of their own, footnote references
    (superscript) left out."""
    pages = []
    with pymupdf.open(path) as pdf:
        for page in pdf:
            lines = []
            for block in page.get_text("dict")["blocks"]:
                for line in block.get("lines", ()):
                    cell, right, base = None, 0.0, 0.0
                    for span in line["spans"]:
                        if _superscript(span, line) or not span["text"].strip():
                            continue
                        x0, y0, x1, _ = span["bbox"]
                        # A cell far to the right, or set on another baseline, stands apart.
                        if cell is None or x0 - right > 20 or abs(span["origin"][1] - base) > 3:
                            cell = [y0, x0, ""]
                            lines.append(cell)
                        cell[2] += span["text"]
                        right, base = x1, span["origin"][1]
            pages.append([(y0, x0, text) for y0, x0, text in lines])
    return pages


def _superscript(span: dict, line: dict) -> bool:
    return bool(span["flags"] & 1) and span["size"] < 0.85 * max(s["size"] for s in line["spans"])


NOTHING_PRINTED: dict = {
    "wrong_section": [],
    "findings_as_recommendations": [],
    "wrong_page": [],
}


def check_citations(letter: Letter, path: Path) -> dict:
    """Check sections, pages and anchors against the PDF's own text."""
    printed = _printed_lines(path)
    # Top to bottom: PyMuPDF may give a page's heading after the text beneath it.
    pages = [
        [text for _, _, text in sorted(lines, key=lambda ln: (round(ln[0]), ln[1]))]
        for lines in printed
    ]
    page_text = ["".join(_squash(line) for line in lines) for lines in pages]
    # A heading's colon kept: "…protection:" is not the whole of "…protection: Inadequate",
    # nor the judgement table's "…protection". Runs of lines in both orders.
    squashed = [[_squash(text, ":") for _, _, text in lines] for lines in printed]
    squashed += [[_squash(text, ":") for text in lines] for lines in pages]
    sections: dict[str, str] = {}
    for section in {p.section for p in letter.passages}:
        sections[section] = _section_kind(section, squashed, letter.title)
    bad = {s: kind for s, kind in sections.items() if kind}
    wrong_section = [
        (p.anchor, p.section, bad[p.section]) for p in letter.passages if p.section in bad
    ]
    wrong_page = [
        (p.anchor, p.page, p.text[:60])
        for p in letter.passages
        if p.page is not None and not _starts_on(p.text, p.page, page_text)
    ]
    return {
        "wrong_section": wrong_section,
        "findings_as_recommendations": _findings_as_recommendations(letter, pages),
        "wrong_page": wrong_page,
    }


def _section_kind(section: str, squashed: list[list[str]], title: str) -> str:
    """Return what is wrong with a section as a heading ("" when nothing is)."""
    if _INSPECTOR_LINE.search(section):
        return "inspector"
    if _GRADE_LINE.search(section.strip()):
        return "grade"
    if section == title:
        return ""  # a letter's title may be put together from its title page
    target = _squash(section, ":")
    whole = prefix = False
    for lines in squashed:
        for start in range(len(lines)):
            run = ""
            for line in lines[start : start + 6]:
                run += line
                if run == target:
                    whole = True
                elif run.startswith(target):
                    prefix = True
                if not target.startswith(run):
                    break
    if whole:
        return ""
    return "cut" if prefix else "not printed"


def _starts_on(text: str, page: int, page_text: list[str]) -> bool:
    """Return True when the passage's first words are printed on page (or start at its foot
    and run on to the next)."""
    words = text.split()[:_FIRST_WORDS]
    if not 0 < page <= len(page_text):
        return False
    here = page_text[page - 1]
    if _squash(" ".join(words)) in here:
        return True
    after = page_text[page] if page < len(page_text) else ""
    for k in range(2, len(words)):
        head, rest = _squash(" ".join(words[:k])), _squash(" ".join(words[k:]))
        found = here.rfind(head)
        # Page furniture (a footer, the next page's header) may stand between the two.
        if found >= 0 and len(here) - found - len(head) < 400 and rest in after[:800]:
            return True
    return False


def _findings_as_recommendations(letter: Letter, pages: list[list[str]]) -> list[str]:
    """Return the anchors of passages cited under "Recommendations" that the letter prints
    after an "Inspection findings" line, not after its recommendations' heading."""
    starts: list[tuple[int, str]] = []
    text = ""
    for lines in pages:
        for line in lines:
            starts.append((len(text), normalise(line)))
            text += _squash(line)
    wrong = []
    position = 0
    for passage in letter.passages:
        first = _squash(" ".join(passage.text.split()[:_FIRST_WORDS]))
        found = text.find(first, position)
        if found < 0:
            continue
        position = found
        if not _RECOMMENDATIONS.match(passage.section.strip()):
            continue
        heading = next(
            (
                line
                for offset, line in reversed(starts)
                if offset <= found and line in ("inspection findings", "recommendations")
            ),
            None,
        )
        if heading == "inspection findings":
            wrong.append(passage.anchor)
    return wrong


def print_citations(read: list[dict]) -> None:
    """Print how far sections, pages and anchors differ from what the PDF prints."""
    sections = [(r["source"], *w) for r in read for w in r["wrong_section"]]
    for kind, what in (
        ("inspector", "an inspector's line"),
        ("grade", "a grade line"),
        ("cut", "a heading cut short (the printed line goes on)"),
        ("not printed", "no printed line or run of heading lines"),
    ):
        found = [s for s in sections if s[3] == kind]
        print(
            f"passages whose section is {what}: {len(found)} in "
            f"{len({s[0] for s in found})} letters"
        )
        for source, anchor, section, _ in found[:8]:
            print(f"  {source} #{anchor}: {section!r}")
    findings = [(r["source"], a) for r in read for a in r["findings_as_recommendations"]]
    filing = sorted({source for source, _ in findings})
    print(
        f'passages printed after "Inspection findings" cited under "Recommendations": '
        f"{len(findings)} in {len(filing)} letters"
    )
    for source in filing[:12]:
        print(f"  {source}")
    repeated = [(r["source"], r["repeated_anchors"]) for r in read if r["repeated_anchors"]]
    print(f"letters whose page repeats an anchor: {len(repeated)}")
    for source, anchors in repeated[:10]:
        print(f"  {source}: {', '.join(anchors[:6])}")
    pages = [(r["source"], *w) for r in read for w in r["wrong_page"]]
    print(
        f"passages whose first words are not on the page they cite: {len(pages)} in "
        f"{len({p[0] for p in pages})} letters"
    )
    for source, anchor, page, text in pages[:12]:
        print(f"  {source} #{anchor} p{page}: {text!r}")

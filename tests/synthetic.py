"""Synthetic letters for tests: plain text, Markdown and PDFs laid out as Ofsted sets them."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pymupdf

WIDTH, HEIGHT = 595, 842
LEFT, NUMBER_INDENT, RIGHT = 71, 99, 524
TOP, BOTTOM = 94, 770


@dataclass(frozen=True)
class Element:
    """One thing on a synthetic page: heading, para, numbered, bullet, table or footnote."""

    kind: str
    text: str = ""
    number: int | None = None
    rows: tuple[tuple[str, str], ...] = ()
    bold_header: bool = False


def heading(text: str) -> Element:
    return Element("heading", text)


def para(text: str) -> Element:
    return Element("para", text)


def numbered(number: int, text: str) -> Element:
    return Element("numbered", text, number)


def bullet(text: str) -> Element:
    return Element("bullet", text)


def table(*rows: tuple[str, str], bold_header: bool = False) -> Element:
    return Element("table", rows=rows, bold_header=bold_header)


def graded_heading(text: str, grade: str) -> Element:
    """A heading with its grade in a cell to the right, as 2013-2017 reports print them."""
    return Element("graded", text, rows=((text, grade),))


def footnote(text: str) -> Element:
    return Element("footnote", text)


def page_break() -> Element:
    return Element("break")


def _wrap(text: str, width: float, size: float, font: str) -> list[str]:
    lines, current = [], ""
    for word in text.split():
        candidate = f"{current} {word}".strip()
        if pymupdf.get_text_length(candidate, fontname=font, fontsize=size) > width and current:
            lines.append(current)
            current = word
        else:
            current = candidate
    return lines + ([current] if current else [])


def write_pdf(
    path: Path,
    title: str,
    facts: list[str],
    elements: list[Element],
    header: str | None = None,
    footer: str | None = None,
    password: str | None = None,
) -> Path:
    """Write a PDF letter: a large title, bold fact lines, then the elements, page by page.

    Every page after the first carries the running header and footer and a page number.
    """
    doc = pymupdf.open()
    page = doc.new_page(width=WIDTH, height=HEIGHT)
    y = 130.0
    for line in _wrap(title, RIGHT - LEFT, 26, "helv"):
        page.insert_text((LEFT, y), line, fontsize=26, fontname="helv")
        y += 32
    for fact in facts:
        page.insert_text((LEFT, y), fact, fontsize=12, fontname="hebo")
        y += 20
    y += 10
    footnotes: list[str] = []

    def new_page() -> None:
        nonlocal page, y, footnotes
        _finish(page, doc.page_count, header, footer, footnotes)
        footnotes = []
        page = doc.new_page(width=WIDTH, height=HEIGHT)
        y = TOP

    for element in elements:
        if element.kind == "break":
            new_page()
            continue
        if element.kind == "footnote":
            footnotes.append(element.text)
            continue
        if element.kind == "table":
            for number, (left, right) in enumerate(element.rows):
                if y > BOTTOM - 20:
                    new_page()
                font = "hebo" if element.bold_header and number == 0 else "helv"
                cell = _wrap(left, 340 - LEFT - 12, 12, font)
                bottom = y + 6 + 14 * (len(cell) - 1)
                page.draw_rect(
                    pymupdf.Rect(LEFT, y - 12, RIGHT, bottom), color=(0, 0, 0), width=0.5
                )
                page.draw_line((340, y - 12), (340, bottom), color=(0, 0, 0), width=0.5)
                for row, text in enumerate(cell):
                    page.insert_text((LEFT + 6, y + 14 * row), text, fontsize=12, fontname=font)
                page.insert_text((346, y), right, fontsize=12, fontname=font)
                y = bottom + 12
            y += 14
            continue
        if element.kind == "graded":
            if y > BOTTOM - 60:
                new_page()
            page.insert_text((LEFT, y), element.text, fontsize=12, fontname="hebo")
            page.insert_text((358, y), element.rows[0][1], fontsize=12, fontname="hebo")
            y += 26
            continue
        size = 14 if element.kind == "heading" else 12
        font = "hebo" if element.kind == "heading" else "helv"
        indent = NUMBER_INDENT if element.kind in ("numbered", "bullet") else LEFT
        lines = _wrap(element.text, RIGHT - indent, size, font)
        if element.kind == "heading" and y > BOTTOM - 60:
            new_page()
        for index, line in enumerate(lines):
            if y > BOTTOM:
                new_page()
            if index == 0 and element.kind == "numbered":
                page.insert_text((LEFT, y), f"{element.number}.", fontsize=12, fontname="helv")
            if index == 0 and element.kind == "bullet":
                page.insert_text((LEFT + 10, y), "•", fontsize=12, fontname="helv")
            page.insert_text((indent, y), line, fontsize=size, fontname=font)
            y += size * 1.2
        y += 12
    _finish(page, doc.page_count, header, footer, footnotes)
    options = {}
    if password:
        options = {
            "encryption": pymupdf.PDF_ENCRYPT_AES_256,
            "owner_pw": password,
            "user_pw": password,
        }
    doc.save(path, **options)
    return path


def _finish(page, number: int, header, footer, footnotes: list[str]) -> None:
    y = 700.0
    for note in footnotes:
        page.insert_text((LEFT, y), note, fontsize=8, fontname="helv")
        y += 10
    if number > 1 and header:
        page.insert_text((LEFT, 40), header, fontsize=8, fontname="helv")
    if footer:
        page.insert_text((LEFT, 805), footer, fontsize=8, fontname="helv")
    page.insert_text((RIGHT - 10, 812), str(number), fontsize=20, fontname="helv")


FOCUSED_VISIT = """Ofsted
Piccadilly Gate
Manchester
M1 2WD

14 March 2025

Jo Bloggs
Director of Children's Services
Rutland Borough Council

Dear Jo

Focused visit to Rutland children's services

This letter summarises the findings of the focused visit to Rutland children's services on 4 and 5 February 2025. His Majesty's Inspectors for this visit were lead inspector Alex Carter and team inspector Sam Patel.

Headline findings

Social workers in Rutland know their children well and visit them often.

What needs to improve in this area of social work practice?

- The response to neglect, so that chronic neglect is recognised sooner.

Main findings

The response to neglect is inconsistent. Some social workers use the graded care profile well, but others do not recognise the cumulative impact of neglect on children's health and development, and plans for these

children drift without clear timescales.

Leaders have introduced a kinship care team that supports grandparents and other relatives who look after children, including help with legal costs.

Ofsted will take the findings from this focused visit into account when planning the next inspection or visit.

Yours sincerely

Alex Carter
His Majesty's Inspector
"""


MONITORING_VISIT_MD = """# Monitoring visit to Halton children's services

12 June 2024

Dear Director

## **Monitoring visit to Halton children's services**

This letter summarises the findings of the monitoring visit to Halton children's services on 21 and 22 May 2024. The visit was carried out by lead inspector Priya Shah.

### **Findings**

Care leavers in Halton are helped to get a passport and a bank account before they turn 18. Personal advisers keep in touch with them regularly.

The **local offer** for care leavers is published and includes free leisure passes.

Yours sincerely

Priya Shah
"""


def write_inspection_pdf(path: Path) -> Path:
    """Write a 2024-style inspection report for Marshfield with a paragraph across a page break."""
    long = (
        "Children who go missing from home or care receive a return home interview from a "
        "dedicated team, and the information gathered is used well to reduce the risk of "
        "exploitation. "
    )
    elements = [
        table(
            ("Judgement", "Grade"),
            ("The impact of leaders", "Good"),
            ("Help and protection", "Requires improvement to be good"),
            ("Children in care", "Good"),
            ("Care leavers", "Outstanding"),
            ("Overall effectiveness", "Good"),
        ),
        para("Since the last inspection, leaders in Marshfield have strengthened the front door."),
        heading("What needs to improve?"),
        bullet("The timeliness of initial health assessments for children in care."),
        heading(
            "The experiences and progress of children who need help and protection: requires improvement to be good"
        ),
        numbered(1, "Early help is well coordinated through family hubs in every town."),
        numbered(2, "The evidence considered by inspectors included:"),
        bullet("case records of children in need"),
        bullet("discussions with social workers"),
        numbered(3, long * 9 + "Managers track these interviews closely."),
        footnote("1 Local authority data supplied to inspectors."),
        numbered(
            4,
            "Private fostering arrangements are assessed promptly and children are visited regularly.",
        ),
        heading("The experiences and progress of care leavers: outstanding"),
        numbered(
            5, "Care leavers are helped to obtain a passport and driving lessons are paid for."
        ),
    ]
    return write_pdf(
        path,
        "Inspection of Marshfield local authority children's services",
        [
            "Inspection dates: 13 to 24 May 2024",
            "Lead inspector: Morgan Ellis, His Majesty's Inspector",
        ],
        elements,
        header="Inspection of Marshfield local authority children's services",
        footer="Inspection of Marshfield local authority children's services 13 to 24 May 2024",
    )


def write_letters(folder: Path) -> Path:
    """Write the standard synthetic letters folder: a text letter, a Markdown one and a PDF."""
    (folder / "visits").mkdir(parents=True, exist_ok=True)
    (folder / "visits" / "rutland focused visit.txt").write_text(FOCUSED_VISIT, encoding="utf-8")
    (folder / "visits" / "halton's monitoring visit.md").write_text(
        MONITORING_VISIT_MD, encoding="utf-8"
    )
    write_inspection_pdf(folder / "marshfield inspection - 12 july 2024.pdf")
    return folder


# Real English authorities for letters made from FOCUSED_VISIT: a text letter is indexed only
# when it names an authority the gazetteer knows (qa/reading/vetting.py).
TOWNS = (
    "Barnsley Bedford Bexley Bolton Bradford Brent Bristol Bromley Calderdale Camden Cornwall "
    "Coventry Croydon Darlington Derby Devon Doncaster Dorset Dudley Durham Enfield Essex "
    "Gateshead Greenwich Hackney Hampshire Haringey Harrow Havering Hillingdon Hounslow "
    "Islington Kent Kirklees Knowsley Lambeth Lewisham Liverpool Luton Medway"
).split()


def variant(authority: str) -> str:
    """Return the focused-visit letter about another authority (a new letter by content)."""
    return FOCUSED_VISIT.replace("Rutland", authority)


HTML_IN_TEXT = (
    'Case notes quoted <script>alert("text")</script> and <b>bold</b> markup '
    "<img src=x onerror=alert(2)> in the records of children's plans."
)

ODD_NAME = "a letter 'quoted' \"twice\" <script>alert(1).txt"


def write_odd_letters(folder: Path) -> dict[str, str]:
    """Write readable letters that are awkward: odd names, HTML in the text, other encodings.

    Returns each file's source and the authority its letter is about.
    """
    folder.mkdir(parents=True, exist_ok=True)
    written = {
        ODD_NAME: ("Oldham", variant("Oldham").encode()),
        "html in text.txt": (
            "Hartlepool",
            variant("Hartlepool")
            .replace("Ofsted will take", HTML_IN_TEXT + "\n\nOfsted will take")
            .encode(),
        ),
        "windows 1252.txt": (
            "Ealing",
            variant("Ealing").replace("'", "\u2019").encode("cp1252"),
        ),
        "utf-16.txt": ("Newham", variant("Newham").encode("utf-16")),
    }
    for name, (_authority, data) in written.items():
        (folder / name).write_bytes(data)
    return {name: authority for name, (authority, _data) in written.items()}


def write_scanned_pdf(path: Path) -> Path:
    """Write a PDF whose page is a picture with no text layer, as a scanner makes."""
    doc = pymupdf.open()
    page = doc.new_page(width=WIDTH, height=HEIGHT)
    page.draw_rect(pymupdf.Rect(50, 50, 300, 300), fill=(0.5, 0.5, 0.5))
    doc.save(path)
    return path


def write_bad_letters(folder: Path) -> dict[str, str]:
    """Write files that cannot be read as letters; return each one's source and reason."""
    import random

    folder.mkdir(parents=True, exist_ok=True)
    truncated = write_inspection_pdf(folder / "truncated.pdf")
    truncated.write_bytes(truncated.read_bytes()[: truncated.stat().st_size // 2])
    write_pdf(
        folder / "locked.pdf",
        "Inspection of Lockshire local authority children's services",
        [],
        [para("The local authority has a clear plan for improvement. " * 8)],
        password="secret",
    )
    write_scanned_pdf(folder / "scanned.pdf")
    files = {
        "empty.pdf": b"",
        "random bytes.pdf": random.Random(7).randbytes(4096),
        "empty.txt": b"",
        "binary.txt": bytes(range(256)) * 8,
        "not utf-8.txt": "Shift JIS: 児童サービス".encode("shift_jis") * 20,
        "no paragraphs.txt": b"Dear Jo\n\nYours sincerely\n\nAlex Carter\n",
    }
    for name, data in files.items():
        (folder / name).write_bytes(data)
    (folder / os.fsdecode(b"not utf-8 \xff name.txt")).write_text(variant("Barnet"))
    return {
        "not utf-8 \ufffd name.txt": "the file name is not readable text; rename the file",
        "binary.txt": "binary data, not text",
        "empty.pdf": "the file is empty",
        "empty.txt": "the file is empty",
        "locked.pdf": "a password-protected PDF; save an unprotected copy",
        "no paragraphs.txt": "no paragraphs of a letter were found in it",
        "not utf-8.txt": "the text is not UTF-8, UTF-16 or Windows-1252; save it as UTF-8",
        "random bytes.pdf": "not a PDF file (it does not start with %PDF)",
        "scanned.pdf": "the PDF has no text layer (a scan?); run it through OCR first",
        "truncated.pdf": "a truncated PDF (the file stops part-way: an interrupted download "
        "or copy?); save the whole file again",
    }


def write_graded_pdf(
    path: Path,
    authority: str,
    dates: str,
    grades: dict[str, str],
    points: list[str],
    finding: str = "Children in care live in stable homes close to their schools.",
) -> Path:
    """Write a short inspection report for authority: its judgement table (rows named as the
    reports name them), its improvement points and one finding."""
    names = {
        "impact_of_leaders": "The impact of leaders",
        "help_and_protection": "Help and protection",
        "children_in_care": "Children in care",
        "care_leavers": "Care leavers",
        "overall_effectiveness": "Overall effectiveness",
    }
    rows = [(names[area], grade) for area, grade in grades.items()]
    return write_pdf(
        path,
        f"Inspection of {authority} local authority children's services",
        [f"Inspection dates: {dates}", "Lead inspector: Robin Hale"],
        [
            table(("Judgement", "Grade"), *rows),
            para(f"Leaders in {authority} know their services well."),
            heading("What needs to improve?"),
            *(bullet(point) for point in points),
            heading("The experiences and progress of children in care"),
            numbered(1, finding),
        ],
    )

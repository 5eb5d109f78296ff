"""Read a letter file into raw lines: text with its page, position, size and weight."""

from __future__ import annotations

import codecs
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from qa.core.errors import LetterError, NotALetter

if TYPE_CHECKING:
    import pymupdf

log = logging.getLogger(__name__)

PDF_SUFFIXES = {".pdf"}
TEXT_SUFFIXES = {".txt", ".md", ".text", ".markdown"}
LETTER_SUFFIXES = PDF_SUFFIXES | TEXT_SUFFIXES

# Tables (judgement grids, contents pages) sit on the first pages; finding them costs ~0.3 s
# a page, so only these pages are searched, and only when they have side-by-side text.
TABLE_PAGES = 3
_SUPERSCRIPT = 1
_BOLD = 16


@dataclass(frozen=True)
class Line:
    """One printed line: its text and, for PDFs, where and how it is set."""

    text: str
    page: int | None = None
    x0: float = 0.0
    y0: float = 0.0
    x1: float = 0.0
    y1: float = 0.0
    size: float = 0.0
    bold: bool = False


@dataclass(frozen=True)
class Table:
    """A table found on a page: its box and its cells' text, row by row."""

    page: int
    bbox: tuple[float, float, float, float]
    rows: tuple[tuple[str, ...], ...]


@dataclass
class Document:
    """A letter file as lines, before any layout analysis."""

    path: Path
    kind: str
    lines: list[Line]
    page_count: int | None = None
    page_height: float = 842.0
    tables: list[Table] = field(default_factory=list)


def read_document(path: Path, data: bytes | None = None) -> Document:
    """Read a PDF or text letter into lines.

    Raises:
        LetterError: the file is empty, damaged, encrypted, has no text, or is not a letter.
    """
    if data is None:
        try:
            data = path.read_bytes()
        except OSError as err:
            raise LetterError(path, f"cannot be read ({err.strerror})") from err
    if not data.strip():
        raise LetterError(path, "the file is empty")
    if _looks_like_html(data):
        if b"not found" in data.lower():
            raise NotALetter(path, "a saved 'Report not found' web page, not a letter")
        raise LetterError(path, "a saved web page, not a letter; save the letter itself")
    suffix = path.suffix.lower()
    if suffix in PDF_SUFFIXES:
        return _read_pdf(path, data)
    if suffix in TEXT_SUFFIXES:
        return _read_text(path, data)
    raise LetterError(path, f"unsupported file type {suffix!r}; use .pdf, .txt or .md")


def _looks_like_html(data: bytes) -> bool:
    head = data[:512].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html"))


def _read_text(path: Path, data: bytes) -> Document:
    text = decode_text(path, data)
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\r\n\t\f")
    if controls > max(2, len(text) // 200):
        raise LetterError(path, "binary data, not text")
    lines = [Line(text=raw.rstrip()) for raw in text.replace("\f", "\n").splitlines()]
    if not any(line.text.strip() for line in lines):
        raise LetterError(path, "the file has no text")
    return Document(path=path, kind="text", lines=lines)


def decode_text(path: Path, data: bytes) -> str:
    """Return a text letter's characters: UTF-8, UTF-16 with a byte-order mark, or cp1252.

    Raises:
        LetterError: the bytes are binary or in no encoding a letter is saved in.
    """
    # Notepad's "Unicode" is UTF-16 with a byte-order mark: full of zero bytes, yet text.
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    if b"\x00" in data:
        raise LetterError(path, "binary data, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    # Letters saved from Word on Windows arrive as cp1252; anything else is not text.
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as err:
        raise LetterError(
            path, "the text is not UTF-8, UTF-16 or Windows-1252; save it as UTF-8"
        ) from err


def _read_pdf(path: Path, data: bytes) -> Document:
    if not data.startswith(b"%PDF"):
        raise LetterError(path, "not a PDF file (it does not start with %PDF)")
    # Imported when a PDF is read, not before: the library took 83 MB of a server that only
    # searches (measured: docs/measurements.md).
    import pymupdf

    try:
        pdf = pymupdf.open(stream=data, filetype="pdf")
    except Exception as err:  # PyMuPDF raises its own and generic errors for damaged files
        raise LetterError(path, "a damaged or truncated PDF that cannot be opened") from err
    with pdf:
        # MuPDF quietly rebuilds a file cut short and reads what is left: a letter with pages
        # missing. A complete PDF ends with %%EOF; every one in the corpus does.
        if pdf.is_repaired and b"%%EOF" not in data[-1024:]:
            raise LetterError(
                path,
                "a truncated PDF (the file stops part-way: an interrupted download or copy?); "
                "save the whole file again",
            )
        if pdf.needs_pass:
            raise LetterError(path, "a password-protected PDF; save an unprotected copy")
        if pdf.page_count == 0:
            raise LetterError(path, "a PDF with no pages")
        lines: list[Line] = []
        tables: list[Table] = []
        try:
            for number in range(1, pdf.page_count + 1):
                page = pdf[number - 1]
                page_lines = _page_lines(page, number)
                lines.extend(page_lines)
                if number <= TABLE_PAGES and _has_side_by_side_text(page_lines):
                    tables.extend(_page_tables(page, number))
            height = pdf[0].rect.height
        except Exception as err:
            raise LetterError(path, "a damaged PDF: a page cannot be read") from err
        # A scan carries no text, or only a stray stamp or page number on each page.
        if sum(len(line.text) for line in lines) < 20 * pdf.page_count:
            raise LetterError(path, "the PDF has no text layer (a scan?); run it through OCR first")
        return Document(
            path=path,
            kind="pdf",
            lines=lines,
            page_count=pdf.page_count,
            page_height=height,
            tables=tables,
        )


def _page_lines(page: pymupdf.Page, number: int) -> list[Line]:
    import pymupdf

    lines = []
    flags = pymupdf.TEXT_PRESERVE_WHITESPACE | pymupdf.TEXT_MEDIABOX_CLIP
    for block in page.get_text("dict", flags=flags)["blocks"]:
        for raw in block.get("lines", ()):
            spans = [s for s in raw["spans"] if s["text"].strip()]
            if not spans:
                continue
            size = max(s["size"] for s in spans)
            # Footnote references are superscript digits glued to the word before them.
            kept = [
                s for s in spans if not (s["flags"] & _SUPERSCRIPT and s["size"] < 0.85 * size)
            ] or spans
            text = _clean(_join_spans(kept))
            if not text:
                continue
            bold_chars = sum(
                len(s["text"].strip())
                for s in kept
                if s["flags"] & _BOLD or "bold" in s["font"].lower()
            )
            x0, y0, x1, y1 = raw["bbox"]
            lines.append(
                Line(
                    text=text,
                    page=number,
                    x0=x0,
                    y0=y0,
                    x1=x1,
                    y1=y1,
                    size=round(max(s["size"] for s in kept), 1),
                    bold=bold_chars * 2 > sum(len(s["text"].strip()) for s in kept),
                )
            )
    lines.sort(key=lambda line: (round(line.y1), line.x0))
    return lines


def _join_spans(spans: list[dict]) -> str:
    text = ""
    for previous, span in zip([None, *spans], spans, strict=False):
        # Word puts a tab stop, not a space, between a paragraph number and its text.
        if previous is not None and span["bbox"][0] - previous["bbox"][2] > 1.5:
            text += " "
        text += span["text"]
    return text


_SPACES = re.compile(r"[ \t\u00a0\u2002\u2003\u2009]+")
_GLYPHS = str.maketrans(
    {
        "\uf0b7": "•",
        "\uf0a7": "•",
        "\uf0d8": "•",
        "\u25fc": "•",
        "\uf076": "•",
        "\u25aa": "•",
        "\u25cf": "•",
    }
)


def _clean(text: str) -> str:
    return _SPACES.sub(" ", text.translate(_GLYPHS)).strip()


def _has_side_by_side_text(lines: list[Line]) -> bool:
    for a, b in zip(lines, lines[1:], strict=False):
        same_row = abs(a.y1 - b.y1) < 3
        if same_row and b.x0 - a.x1 > 20 and not _is_marker(a.text):
            return True
    return False


_MARKER = re.compile(r"^(\d{1,3}\.|[•·\uf000-\uf0ff]|-|–|o)$")


def _is_marker(text: str) -> bool:
    return bool(_MARKER.match(text))


def _page_tables(page: pymupdf.Page, number: int) -> list[Table]:
    found = []
    for table in page.find_tables(use_layout=False).tables:
        rows = tuple(
            tuple(_clean(cell or "") for cell in row) for row in table.extract() if any(row)
        )
        found.append(Table(page=number, bbox=tuple(table.bbox), rows=rows))
    return found

"""Read a letter file into a Letter: its facts and its passages."""

from __future__ import annotations

import hashlib
from dataclasses import fields
from pathlib import Path
from typing import Any

from qa.core.errors import LetterError
from qa.core.models import Letter
from qa.reading.blocks import Block
from qa.reading.facts import front_text, read_facts
from qa.reading.ingest import Document, read_document
from qa.reading.judgements import read_judgements
from qa.reading.layout import pdf_blocks
from qa.reading.layout_text import text_blocks
from qa.reading.passages import letter_body, split_passages

# Bump when reading changes what passages or facts come out, so stored letters are re-read.
READER_VERSION = 11


def read_letter(path: Path, source: str, data: bytes | None = None) -> Letter:
    """Read one letter file.

    Args:
        path: the file.
        source: its path relative to the letters folder, as citations show it.
        data: the file's bytes, when already read.

    Raises:
        LetterError: the file cannot be read as a letter.
    """
    if data is None:
        data = path.read_bytes()
    doc = read_document(path, data)
    body = letter_body(document_blocks(doc))
    front = front_text(doc)
    facts = read_facts(doc, body.title, front)
    facts.judgements = read_judgements(doc, front)
    passages = split_passages(body.blocks, default_section=facts.title)
    if not passages:
        raise LetterError(path, "no paragraphs of a letter were found in it")
    sha = hashlib.sha256(data).hexdigest()
    printed: dict[str, Any] = {f.name: getattr(facts, f.name) for f in fields(facts)}
    printed["inspectors"] = tuple(facts.inspectors)
    identity: dict[str, Any] = {"letter_id": sha[:16], "source": source, "sha256": sha}
    return Letter(**identity, **printed, pages=doc.page_count, passages=tuple(passages))


def document_blocks(doc: Document) -> list[Block]:
    """Return the document's body as blocks in reading order."""
    return pdf_blocks(doc) if doc.kind == "pdf" else text_blocks(doc.lines)

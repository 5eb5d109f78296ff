"""Read a letter file into a Letter: its facts and its passages."""

from __future__ import annotations

import hashlib
from pathlib import Path

from qa.errors import LetterError
from qa.facts import read_facts
from qa.ingest import read_document
from qa.layout import document_blocks
from qa.models import Letter
from qa.passages import letter_body, split_passages

# Bump when reading changes what passages or facts come out, so stored letters are re-read.
READER_VERSION = 9


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
    facts = read_facts(doc, body.title)
    passages = split_passages(body.blocks, default_section=facts.title)
    if not passages:
        raise LetterError(path, "no paragraphs of a letter were found in it")
    sha = hashlib.sha256(data).hexdigest()
    return Letter(
        letter_id=sha[:16],
        source=source,
        sha256=sha,
        title=facts.title,
        local_authority=facts.local_authority,
        date=facts.date,
        type=facts.type,
        visit_dates=facts.visit_dates,
        lead_inspector=facts.lead_inspector,
        inspectors=tuple(facts.inspectors),
        judgements=facts.judgements,
        pages=doc.page_count,
        passages=tuple(passages),
    )

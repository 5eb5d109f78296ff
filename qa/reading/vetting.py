"""Letters only: a text file is indexed only when it reads as an Ofsted inspection letter."""

from __future__ import annotations

from pathlib import Path

from qa.core.errors import NotALetter
from qa.core.models import Letter
from qa.core.places import known_place
from qa.reading.ingest import TEXT_SUFFIXES


def vet_letter(path: Path, letter: Letter) -> Letter:
    """Return the letter when it may be indexed; a PDF passes as read.

    A text or Markdown file can hold anyone's words, so it must read as an inspection letter:
    it names an English local authority the gazetteer knows, as the one it is about, and its
    title or opening says what inspection or visit it reports (as every Ofsted letter does).

    Raises:
        NotALetter: a text file that does not read as an inspection letter, with the reason.
    """
    if path.suffix.lower() not in TEXT_SUFFIXES:
        return letter
    if not letter.local_authority or known_place(letter.local_authority) is None:
        named = f" ({letter.named_as!r} is not one)" if letter.named_as else ""
        raise NotALetter(
            path,
            f"not an inspection letter: it names no English local authority{named}; a text "
            "letter must be about one, as Ofsted's letters are",
        )
    if letter.type is None:
        raise NotALetter(
            path,
            "not an inspection letter: it does not say what inspection or visit it reports, "
            "as an Ofsted letter's title does",
        )
    return letter

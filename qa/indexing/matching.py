"""The text each passage is matched by (embedded and keyword-indexed): its letter's context,
its section and its words with their abbreviations spelt out; kept with each generation so
that an update spells out only the letters that changed."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from qa.core.models import Letter
from qa.indexing.abbreviations import Abbreviations
from qa.indexing.embed import matching_text

FILE = "matching.json"


def letter_matching_texts(letter: Letter, abbreviations: Abbreviations) -> list[str]:
    """Return the texts the letter's passages are matched by, their abbreviations spelt out
    as the letter (or else most letters) defines them."""
    year = letter.date[:4] if letter.date else None
    spelling = abbreviations.within(p.text for p in letter.passages)
    return [
        matching_text(
            spelling.spell_out(p.text), letter.local_authority, letter.type, year, p.section
        )
        for p in letter.passages
    ]


def _digest(abbreviations: Abbreviations) -> str:
    data = json.dumps(dict(abbreviations.long_forms), sort_keys=True)
    return hashlib.sha1(data.encode()).hexdigest()


def matching_texts(
    letters: list[Letter], abbreviations: Abbreviations, before: Path | None
) -> list[str]:
    """Return every passage's matching text, in order: reused from the generation in before
    for a letter read the same way when the abbreviations are the same, else made."""
    known: dict[str, list[str]] = {}
    saved = before / FILE if before is not None else None
    if saved is not None and saved.exists():
        data = json.loads(saved.read_text(encoding="utf-8"))
        if data.get("abbreviations") == _digest(abbreviations):
            known = data["letters"]
    texts = []
    for letter in letters:
        found = known.get(letter.sha256)
        if found is None or len(found) != len(letter.passages):
            found = letter_matching_texts(letter, abbreviations)
        texts.extend(found)
    return texts


def save_matching_texts(
    folder: Path, letters: list[Letter], texts: list[str], abbreviations: Abbreviations
) -> None:
    """Write the matching texts into folder, by letter, for the next update to reuse."""
    by_letter, start = {}, 0
    for letter in letters:
        by_letter[letter.sha256] = texts[start : start + len(letter.passages)]
        start += len(letter.passages)
    data = {"abbreviations": _digest(abbreviations), "letters": by_letter}
    (folder / FILE).write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")

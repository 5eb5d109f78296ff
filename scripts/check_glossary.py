"""Check that every term the glossary says inspectors write occurs in the letters.

    .venv/bin/python scripts/check_glossary.py ../shared/letters [--glossary qa/data/glossary.csv]

Reads the printed text of every letter under the folder (PDF text as pymupdf gives it, text
files as they are), folds it as search does, and prints each glossary term found in none of
them, then the number of terms; exits 1 if any is missing. Takes about a minute for the 497
Ofsted reports.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from pathlib import Path

import pymupdf

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from qa.core.text import normalise  # noqa: E402
from qa.reading.scan import letter_files  # noqa: E402
from qa.search.vocabulary import GLOSSARY, Term, read_glossary  # noqa: E402


def letter_text(path: Path) -> str:
    """Return a letter file's text, folded: lower case, one space between words."""
    if path.suffix.lower() == ".pdf":
        with pymupdf.open(path) as document:
            text = " ".join(page.get_text() for page in document)
    else:
        text = path.read_text(encoding="utf-8", errors="replace")
    return f" {normalise(text)} "


def missing_terms(terms: Iterable[Term], texts: Iterable[str]) -> list[str]:
    """Return the official terms (in glossary order) that no text holds as words."""
    wanted = {f" {normalise(t)} ": t for term in terms for t in term.official}
    for text in texts:
        wanted = {folded: t for folded, t in wanted.items() if folded not in text}
    return list(wanted.values())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("letters", type=Path, help="folder of letters")
    parser.add_argument("--glossary", type=Path, default=GLOSSARY)
    args = parser.parse_args(argv)
    terms = read_glossary(args.glossary)
    missing = missing_terms(terms, (letter_text(path) for _, path in letter_files(args.letters)))
    for term in missing:
        print(f"not in any letter: {term}")
    print(
        f"{len(terms)} glossary entries, {sum(len(t.official) for t in terms)} official terms, "
        f"{len(missing)} missing"
    )
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())

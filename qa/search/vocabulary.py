"""The field's vocabulary for reading questions: the plain words people ask in beside the terms
inspectors write (qa/data/glossary.csv), and the abbreviations the letters define."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from qa.core.text import folded_words
from qa.indexing.abbreviations import Abbreviations

GLOSSARY = Path(__file__).parents[1] / "data" / "glossary.csv"


@dataclass(frozen=True)
class Term:
    """One idea of children's social care: the terms letters write for it, the words people
    use for it."""

    official: tuple[str, ...]
    everyday: tuple[str, ...]


@lru_cache(maxsize=4)
def read_glossary(path: Path = GLOSSARY) -> tuple[Term, ...]:
    """Return the glossary's terms, in file order (columns official, everyday; several
    phrases in one cell are separated by "|")."""
    with path.open(encoding="utf-8", newline="") as file:
        return tuple(
            Term(_phrases(row["official"]), _phrases(row["everyday"]))
            for row in csv.DictReader(file)
        )


def _phrases(cell: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in cell.split("|") if p.strip())


@dataclass(frozen=True)
class Rewording:
    """Words of a question and what was searched for beside them."""

    asked: str
    searched: tuple[str, ...]
    # From the glossary of everyday words, not an abbreviation the letters define.
    everyday: bool = False


@dataclass(frozen=True)
class Expansion:
    """A question with the letters' own words for what it asks about."""

    question: str
    rewordings: tuple[Rewording, ...]

    @property
    def added(self) -> str:
        """Return the words searched for besides the question's own."""
        return " ".join(term for r in self.rewordings for term in r.searched)

    @property
    def spelt_out(self) -> str:
        """Return the question followed by what its abbreviations stand for (or the
        abbreviations of what it writes in full): the text it is embedded by. Everyday
        words' terms are left out: added there they measured worse (docs/measurements.md)."""
        glosses = [t for r in self.rewordings if not r.everyday for t in r.searched]
        return f"{self.question} ({' '.join(glosses)})" if glosses else self.question


class Vocabulary:
    """Reads a question in the letters' words: everyday phrases to inspectors' terms,
    abbreviations to long forms and back."""

    def __init__(self, abbreviations: Abbreviations, glossary: tuple[Term, ...] = ()) -> None:
        self._abbreviations = abbreviations
        self._phrases: dict[str, list[tuple[tuple[str, ...], str, Term]]] = {}
        for term in glossary:
            for phrase in term.everyday:
                words = tuple(folded_words(phrase))
                if words:
                    self._phrases.setdefault(words[0], []).append((words, phrase, term))
        for entries in self._phrases.values():
            entries.sort(key=lambda entry: -len(entry[0]))

    @property
    def abbreviations(self) -> Abbreviations:
        return self._abbreviations

    def expand(self, question: str) -> Expansion:
        """Return the question with the terms letters use for its everyday phrases, and the
        long forms of its abbreviations (or the abbreviations of its long forms)."""
        words = folded_words(question)
        found: list[Rewording] = []
        start = 0
        while start < len(words):
            match = self._longest_phrase(words, start)
            if match is None:
                start += 1
                continue
            length, phrase, term = match
            searched = tuple(t for t in term.official if t.lower() not in question.lower())
            if searched and all(r.searched != searched for r in found):
                found.append(Rewording(phrase, searched, everyday=True))
            start += length
        found.extend(
            Rewording(asked, (meant,)) for asked, meant in self._abbreviations.glosses(question)
        )
        return Expansion(question, tuple(found))

    def _longest_phrase(self, words: list[str], start: int) -> tuple[int, str, Term] | None:
        for phrase_words, phrase, term in self._phrases.get(words[start], ()):
            if tuple(words[start : start + len(phrase_words)]) == phrase_words:
                return len(phrase_words), phrase, term
        return None


def also_searched(rewordings: Sequence[Rewording]) -> str:
    """Say what was searched for besides the question's words, and for which of them."""
    parts = [
        f"“{r.asked}” as " + " or ".join(f"“{term}”" for term in r.searched) for r in rewordings
    ]
    return "Also searched for the letters’ words: " + "; ".join(parts) + "."

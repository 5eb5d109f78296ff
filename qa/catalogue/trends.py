"""Topics over time: for each year, the letters inspected that year and how many of them
mention each phrase. Counting is exact, never a similarity: a letter mentions a phrase when one
of its passages holds it word for word after the keyword index's folding (lower case,
stemmed), or holds the other form of an abbreviation ("CSE", "child sexual exploitation")."""

from __future__ import annotations

import threading
from array import array
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated

import numpy as np
from pydantic import Field, field_validator

from qa.core.analyser import word_stems
from qa.core.errors import BadQuery
from qa.core.fields import described
from qa.core.filters import Choices, LetterFilter
from qa.core.params import MAX_QUERY, Params, ParamSet, within_length
from qa.core.text import folded_words, squash_spaces
from qa.indexing.abbreviations import Abbreviations

# The pattern quoted phrases are found by in search: the same matching, word for word.
from qa.search.phrases import holds_phrase

if TYPE_CHECKING:
    from qa.search.searcher import Searcher

MAX_PHRASES = 5
# Where each letter's year comes from: its inspection's date (the visit's last day).
YEAR_FROM = "date"


# A phrase as asked. Its pattern only hints, for the description, at what is checked: that
# the phrase has a word to count, which needs an ASCII letter or digit (the keyword index's
# words are runs of a-z and 0-9, so "наркотики" has none).
PhraseText = Annotated[
    str, Field(min_length=1, max_length=MAX_QUERY, json_schema_extra={"pattern": "[A-Za-z0-9]"})
]


class TrendsParams(ParamSet):
    """The phrases to count as request parameters (their filters are FilterParams)."""

    q: list[PhraseText] = Field(
        min_length=1,
        max_length=MAX_PHRASES,
        description=f"A phrase to count; repeat it to compare up to {MAX_PHRASES}.",
        examples=["county lines"],
    )

    @field_validator("q", mode="before")
    @classmethod
    def _phrases(cls, given: list[str]) -> list[str]:
        for text in given:
            within_length(text, "q", MAX_QUERY)
        phrases = list(dict.fromkeys(squash_spaces(t) for t in given if t.strip()))
        if not phrases:
            raise BadQuery("q", "Missing phrase (q): name what to count, e.g. county lines")
        most = cls.bounds("q")[1]
        if len(phrases) > most:
            raise BadQuery("q", f"Compare at most {most} phrases at a time")
        for phrase in phrases:
            if not word_stems(phrase):
                raise BadQuery("q", f"q has no word to count: {phrase!r}; name it in words")
        return phrases


@dataclass(frozen=True)
class TrendsRequest:
    """The phrases to count (up to MAX_PHRASES, in the order asked) and which letters count."""

    phrases: tuple[str, ...]
    filters: LetterFilter = LetterFilter()

    @classmethod
    def parse(cls, params: Params, choices: Choices) -> TrendsRequest:
        """Read q (repeatable: one phrase each) and the filters of /search.

        Raises:
            BadQuery: naming the parameter that is missing or wrong.
        """
        phrases = tuple(TrendsParams.read(params).q)
        return cls(phrases, LetterFilter.parse(params, choices))


@dataclass(frozen=True)
class PhraseCount:
    """How many of a year's letters mention one phrase."""

    phrase: str = described("The phrase as asked.")
    letters: int = described("The letters of that year with a passage holding it.", minimum=0)
    share: float = described("letters divided by the year's letters, 0 to 1.", minimum=0)


@dataclass(frozen=True)
class TrendYear:
    """One year: its letters, and how many mention each phrase (in the order asked)."""

    year: int = described()
    letters: int = described("The letters inspected that year, within the filters.", minimum=1)
    counts: list[PhraseCount] = described()


@dataclass(frozen=True)
class TrendPhrase:
    """A phrase asked about and every form of it counted."""

    phrase: str = described()
    forms: list[str] = described(
        "The phrase and, where it is an abbreviation the letters define or the long form of "
        'one, the other form: "CSE" and "child sexual exploitation".'
    )
    letters: int = described("All the years' letters mentioning it, summed.", minimum=0)


@dataclass(frozen=True)
class TrendsBody:
    """Topics over time: for each year, its letters and how many mention each phrase."""

    phrases: list[TrendPhrase] = described()
    year_from: str = described(
        "The date a letter's year is taken from: its inspection's date (the visit's last "
        "day), not its publication.",
        enum=[YEAR_FROM],
    )
    years: list[TrendYear] = described("Every year with a letter, oldest first.")
    undated: int = described("Letters within the filters with no date: in no year.", minimum=0)


def phrase_forms(phrase: str, abbreviations: Abbreviations) -> list[str]:
    """Return the phrase and, if it is an abbreviation or an abbreviation's long form, the
    other form (the letters' own abbreviations, as mined at the build)."""
    forms = [phrase]
    folded = folded_words(phrase)
    for short, long in abbreviations.long_forms.items():
        if short.lower() == phrase.lower() or folded_words(long) == folded:
            forms += [form for form in (short, long) if form.lower() != phrase.lower()]
    return list(dict.fromkeys(forms))


def count_trends(searcher: Searcher, request: TrendsRequest) -> TrendsBody:
    """Return, for each year with a letter (oldest first), its letters within the filters and
    how many of them mention each phrase, with the share."""
    words = _words(searcher)
    letters = [x for x in searcher.letters if request.filters.admits(x)]
    number = {x.letter_id: n for n, x in enumerate(searcher.letters)}
    years = sorted({int(x.date[:4]) for x in letters if x.date})
    in_year = {year: [x for x in letters if x.date and int(x.date[:4]) == year] for year in years}
    forms = [phrase_forms(phrase, words.abbreviations) for phrase in request.phrases]
    mentioning = [words.letters_holding(each) for each in forms]
    rows = []
    for year in years:
        own = np.asarray([number[x.letter_id] for x in in_year[year]], dtype=np.int64)
        counts = []
        for phrase, holding in zip(request.phrases, mentioning, strict=True):
            found = int(holding[own].sum())
            counts.append(PhraseCount(phrase, found, round(found / len(own), 4)))
        rows.append(TrendYear(year, len(own), counts))
    # A letter with no date is in no year: a phrase's total is its years' counts summed.
    phrases = [
        TrendPhrase(phrase, each, sum(year.counts[i].letters for year in rows))
        for i, (phrase, each) in enumerate(zip(request.phrases, forms, strict=True))
    ]
    dated = sum(len(v) for v in in_year.values())
    return TrendsBody(phrases, YEAR_FROM, rows, len(letters) - dated)


class _Words:
    """Each word's stem with the passages holding it, read once per generation: a phrase is
    looked for, word for word, only in the passages holding all its words."""

    def __init__(self, searcher: Searcher) -> None:
        self.abbreviations = Abbreviations.load(searcher.generation.path)
        self._texts = [p.text for x in searcher.letters for p in x.passages]
        self._owner = searcher.owners
        self._letters = len(searcher.letters)
        # Typed arrays, not lists of Python ints: a third of the bytes while they are built.
        postings: dict[str, array[int]] = {}
        for row, text in enumerate(self._texts):
            for stem in set(word_stems(text)):
                postings.setdefault(stem, array("i")).append(row)
        self._postings = {s: np.frombuffer(rows, dtype=np.int32) for s, rows in postings.items()}

    def letters_holding(self, forms: Sequence[str]) -> np.ndarray:
        """Return, per letter, whether a passage of it holds any of the forms."""
        holding = np.zeros(self._letters, dtype=bool)
        for form in forms:
            stems = word_stems(form)
            rows = self._postings.get(stems[0], np.array([], dtype=np.int32))
            for stem in stems[1:]:
                rows = np.intersect1d(rows, self._postings.get(stem, rows[:0]))
            # Only rows of letters not yet found, each read with the phrase's own pattern.
            rows = rows[~holding[self._owner[rows]]]
            for row in rows.tolist():
                if not holding[self._owner[row]] and holds_phrase(self._texts[row], form):
                    holding[self._owner[row]] = True
        return holding


_LOCK = threading.Lock()
_CACHE: dict[int, tuple[Searcher, _Words]] = {}


def _words(searcher: Searcher) -> _Words:
    """Return the searcher's words, read on first use and kept while it is the latest."""
    with _LOCK:
        kept = _CACHE.get(id(searcher))
        if kept is not None and kept[0] is searcher:
            return kept[1]
    words = _Words(searcher)
    with _LOCK:
        _CACHE.clear()
        _CACHE[id(searcher)] = (searcher, words)
    return words

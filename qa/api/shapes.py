"""The JSON the service answers with, each shape defined once, typed: the API, the CLI's
--json and the OpenAPI document (generated from these by qa/api/schema.py) all use them.

A field's metadata["schema"] adds what its type cannot say (a pattern, a minimum, a
description) to its OpenAPI schema.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, is_dataclass, make_dataclass
from typing import Any, Literal

from qa.catalogue.authorities import Authority
from qa.catalogue.inspections import InspectionRow
from qa.core.fields import (
    LETTER_ID,
    LOCAL_AUTHORITY,
    NAMED_AS,
    PUBLISHED,
    PUBLISHED_FROM,
    VISIT_END,
    PublishedFrom,
    described,
)
from qa.core.grades import JUDGEMENT_AREAS
from qa.core.models import Citation, Hit, Letter, Passage
from qa.indexing.audit import Entry
from qa.reading.improvements import Improvement, ImprovementHit
from qa.search.answer import AnswerSentence
from qa.search.understand import Notice

GENERATION = {"pattern": "^gen-[0-9]{6}$"}


@dataclass(frozen=True)
class VisitDates:
    """The first and last day of the inspection or visit."""

    start: str | None = described(format="date")
    end: str | None = described(format="date")


# One field per judgement area, named as qa/core/grades.py lists them: one list of areas.
Judgements = make_dataclass(
    "Judgements",
    [(area, str | None, described()) for area in JUDGEMENT_AREAS],
    frozen=True,
)
Judgements.__doc__ = "Each grade in lower case as printed; null where the letter has none."


@dataclass(frozen=True)
class LetterFacts:
    """What a letter says about itself, as printed; null where it does not say."""

    letter_id: str = described(**LETTER_ID)
    source: str = described("The file's path inside the letters folder.")
    title: str = described()
    local_authority: str | None = described(LOCAL_AUTHORITY)
    named_as: str | None = described(NAMED_AS)
    date: str | None = described(VISIT_END, format="date")
    published: str | None = described(PUBLISHED, format="date")
    published_from: PublishedFrom | None = described(PUBLISHED_FROM)
    type: str | None = described()
    visit_dates: VisitDates = described()
    lead_inspector: str | None = described()
    inspectors: list[str] = described()
    judgements: Judgements | None = described()  # type: ignore[valid-type]
    pages: int | None = described(minimum=1)


@dataclass(frozen=True)
class LetterSummary(LetterFacts):
    """A letter's facts and how many passages it has."""

    passages: int = described(minimum=0)


@dataclass(frozen=True)
class PassageBody:
    """One passage of a letter, where it stands and its text, verbatim."""

    paragraph: int | None = described(
        "The number the letter prints on the paragraph; in a letter that prints none, its "
        "count. Null for a passage a numbered letter leaves unnumbered (an opening summary, a "
        "bullet point).",
        minimum=1,
    )
    position: int = described("The passage's place in the letter's reading order, 1 to N.")
    place: str | None = described(
        'Where an unnumbered passage sits: "opening summary", or "point N" of the bullets '
        'under its section; in a second report bound into the file, that report ("LSCB '
        'review", "LSCB review, point N").',
        example="point 3",
    )
    page: int | None = described(minimum=1)
    section: str = described()
    text: str = described()
    anchor: str = described(example="p22")
    numbered: bool = described()


@dataclass(frozen=True)
class LetterBody(LetterFacts):
    """A letter's facts and its passages in reading order."""

    passages: list[PassageBody] = described()
    improvements: list[Improvement] = described(
        "What the letter says needs to improve, point by point, verbatim, in reading order."
    )


@dataclass(frozen=True)
class LetterBrief:
    """Who a letter is about, when, what kind, and its grades."""

    letter_id: str = described(**LETTER_ID)
    local_authority: str | None = described(LOCAL_AUTHORITY)
    date: str | None = described(VISIT_END, format="date")
    published: str | None = described(PUBLISHED, format="date")
    type: str | None = described()
    judgements: Judgements | None = described()  # type: ignore[valid-type]


@dataclass(frozen=True)
class Result:
    """One ranked passage with its citation."""

    rank: int = described(minimum=1)
    score: float = described(
        "Higher is better, and never higher than the result ranked above: scores fall with "
        "rank. 1 is the best match."
    )
    text: str = described("The passage, verbatim.")
    highlights: list[str] = described()
    citation: Citation = described()


@dataclass(frozen=True)
class SimilarBody:
    """The passage asked about, and the passages most like it in other letters."""

    passage: Result = described("The passage asked about (rank 1, score 1).")
    results: list[Result] = described(
        "Passages of other letters, nearest first: score is the cosine of their vectors."
    )


@dataclass(frozen=True)
class SearchBody:
    """The answer to a question: what it was understood as, and the passages, best first."""

    query: str = described()
    scope: str | None = described("What the question named that narrowed the search.")
    generation: str = described(
        "The index generation that answered; every result is from it.", **GENERATION
    )
    notices: list[Notice] = described("What the service understood, corrected or could not find.")
    letters: list[LetterBrief] = described(
        "The letters of the authorities the question named, newest first."
    )
    answer: list[AnswerSentence] = described(maxItems=3)
    results: list[Result] = described()


@dataclass(frozen=True)
class LetterList:
    """Every indexed letter, newest first."""

    letters: list[LetterSummary] = described()


@dataclass(frozen=True)
class InspectionList:
    """Graded inspections, one row per letter that prints judgements."""

    inspections: list[InspectionRow] = described()


@dataclass(frozen=True)
class ImprovementList:
    """Improvement points across letters, newest letter first, each with its citation."""

    improvements: list[ImprovementHit] = described()


@dataclass(frozen=True)
class LatestLetter:
    """An authority's newest letter."""

    letter_id: str = described(**LETTER_ID)
    date: str | None = described(VISIT_END, format="date")
    published: str | None = described(PUBLISHED, format="date")
    type: str | None = described()
    judgements: Judgements | None = described()  # type: ignore[valid-type]


@dataclass(frozen=True)
class AuthoritySummary:
    """A local authority, how many letters are about it and its newest."""

    name: str = described(LOCAL_AUTHORITY)
    slug: str = described("Its address: /authorities/<slug>.", example="stockton-on-tees")
    known: bool = described("Whether the service's gazetteer of English authorities knows it.")
    named_as: list[str] = described("Other spellings of its name that its letters print.")
    predecessors: list[str] = described("Former authorities whose services it took over.")
    successors: list[str] = described("Authorities that took over its services (if former).")
    letters: int = described(minimum=1)
    latest: LatestLetter = described()


@dataclass(frozen=True)
class AuthorityList:
    """Every authority the letters are about, by name."""

    authorities: list[AuthoritySummary] = described()


@dataclass(frozen=True)
class CompareGroup:
    """One letter and its best passages for the question."""

    letter: LetterBrief = described()
    results: list[Result] = described("Best first; empty where the letter says nothing on it.")
    note: str | None = described("Why results is empty, for people; else null.")


@dataclass(frozen=True)
class CompareBody:
    """One question across letters: a group per letter, by authority and oldest first within
    each (without authorities: the letters that answer best, best first)."""

    query: str = described()
    groups: list[CompareGroup] = described()


@dataclass(frozen=True)
class Deleted:
    """The letter taken out of the index, as it was; its files are kept among the removed
    letters until restored (or purged from the command line)."""

    deleted: LetterSummary = described()
    restore: str = described("Where to POST (with the token) to put the letter back.")


@dataclass(frozen=True)
class AuditLog:
    """The latest lines of the audit log, newest first."""

    entries: list[Entry] = described()


@dataclass(frozen=True)
class Health:
    """The service is up, and how much it holds."""

    status: Literal["ok"] = described()
    letters: int = described(minimum=0)
    passages: int = described(minimum=0)
    generation: str = described(**GENERATION)
    model: str = described()


@dataclass(frozen=True)
class Error:
    """What went wrong, for people."""

    error: str = described("What went wrong, for people.")


def plain(shape: Any) -> dict[str, Any]:
    """Return a shape as JSON-ready data, keys in the shape's order."""
    data: dict[str, Any] = _plain(shape)
    return data


def _plain(value: Any) -> Any:
    # dataclasses.asdict with no deep copy of each value: a millisecond of every /search.
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, list | tuple):
        return type(value)(_plain(item) for item in value)
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    return value


def letter_facts(letter: Letter) -> dict[str, Any]:
    """Return the LetterFacts fields of a letter: its facts, typed."""
    visit = letter.visit_dates
    return letter.facts() | {
        "visit_dates": VisitDates(visit.get("start"), visit.get("end")),
        "judgements": _judgements(letter),
    }


def _judgements(letter: Letter) -> Any:
    return None if letter.judgements is None else Judgements(**letter.judgements)


def passage_body(passage: Passage) -> PassageBody:
    """Return a passage as the API shows it."""
    return PassageBody(
        passage.paragraph,
        passage.position,
        passage.place,
        passage.page,
        passage.section,
        passage.text,
        passage.anchor,
        passage.numbered,
    )


def letter_brief(letter: Letter) -> LetterBrief:
    """Return who a letter is about, when, what kind and its grades."""
    return LetterBrief(
        letter.letter_id,
        letter.local_authority,
        letter.date,
        letter.published,
        letter.type,
        _judgements(letter),
    )


def result(hit: Hit) -> Result:
    """Return a ranked hit as the API shows it."""
    return Result(hit.rank, hit.score, hit.text, list(hit.highlights), hit.citation)


def authority_summary(authority: Authority) -> AuthoritySummary:
    """Return an authority as /api/authorities lists it."""
    latest = authority.latest
    brief = LatestLetter(
        latest.letter_id, latest.date, latest.published, latest.type, _judgements(latest)
    )
    return AuthoritySummary(
        authority.name,
        authority.slug,
        authority.known,
        authority.named_as,
        list(authority.predecessors),
        list(authority.successors),
        len(authority.letters),
        brief,
    )

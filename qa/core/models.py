"""The records that flow through the pipeline: letters, passages, hits."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from typing import Any

from qa.core.fields import (
    LETTER_ID,
    LOCAL_AUTHORITY,
    PUBLISHED,
    VISIT_END,
    PublishedFrom,
    described,
)


@dataclass(frozen=True, slots=True)
class Passage:
    """One paragraph of a letter's body, verbatim, with where it stands."""

    text: str
    section: str
    # The number the letter prints on the paragraph; in a letter that prints none, its count.
    # None for a passage a numbered letter leaves unnumbered (a summary, a bullet point).
    paragraph: int | None
    page: int | None
    anchor: str
    numbered: bool = False
    # Each sentence as a (start, end) span of text, found once when the letter is read.
    sentence_spans: tuple[tuple[int, int], ...] = ()
    # The passage's 1-based place in the letter's reading order.
    position: int = 0
    # Where an unnumbered passage sits, for a reader to find it: "opening summary",
    # "point 3". None where the paragraph number says it; in a second report bound into the
    # file, that report ("LSCB review", "LSCB review, point 3").
    place: str | None = None

    def sentences(self) -> list[str]:
        """Return the passage's sentences, verbatim, in order."""
        return [self.text[start:end] for start, end in self.sentence_spans]


@dataclass(frozen=True)
class Letter:
    """One published inspection letter or report: its facts and its passages in order."""

    letter_id: str
    source: str
    sha256: str
    title: str
    # The authority's name in the shipped gazetteer; named_as is the letter's own spelling.
    # A letter naming an authority the gazetteer does not know keeps the name it prints.
    local_authority: str | None
    # The last day of the visit: when the authority was inspected.
    date: str | None
    type: str | None
    named_as: str | None = None
    published: str | None = None
    published_from: PublishedFrom | None = None
    visit_dates: dict[str, str | None] = field(default_factory=dict)
    lead_inspector: str | None = None
    inspectors: tuple[str, ...] = ()
    judgements: dict[str, str | None] | None = None
    pages: int | None = None
    passages: tuple[Passage, ...] = ()

    def facts(self) -> dict[str, Any]:
        """Return the letter's facts (everything but its passages) as plain data."""
        # Field by field: asdict would copy every passage first, only for them to be dropped.
        data = {f.name: getattr(self, f.name) for f in fields(self)}
        del data["passages"], data["sha256"]
        data["visit_dates"] = dict(self.visit_dates)
        data["judgements"] = None if self.judgements is None else dict(self.judgements)
        data["inspectors"] = list(self.inspectors)
        return data


def newest_first(letters: Iterable[Letter]) -> list[Letter]:
    """Return letters newest first (undated last), by source where dates tie."""
    return oldest_first(letters)[::-1]


def oldest_first(letters: Iterable[Letter]) -> list[Letter]:
    """Return letters oldest first (undated first), by source where dates tie."""
    return sorted(letters, key=lambda x: (x.date or "", x.source))


@dataclass(frozen=True)
class Citation:
    """Where a passage comes from, precisely enough to quote."""

    letter_id: str = described(**LETTER_ID)
    title: str = described()
    local_authority: str | None = described(LOCAL_AUTHORITY)
    date: str | None = described(VISIT_END, format="date")
    published: str | None = described(PUBLISHED, format="date")
    type: str | None = described()
    section: str = described("The heading the paragraph sits under, as printed.")
    paragraph: int | None = described(
        "The number the letter prints on the paragraph; in a letter that prints none, its "
        "count. Null for a passage a numbered letter leaves unnumbered.",
        minimum=1,
    )
    position: int = described("The passage's place in the letter's reading order, 1 to N.")
    place: str | None = described(
        'Where an unnumbered passage sits: "opening summary", or "point N"; in a second '
        'report bound into the file, that report ("LSCB review", "LSCB review, point N").',
        example="point 3",
    )
    page: int | None = described("The page the passage's text starts on.", minimum=1)
    source: str = described("The file's path inside the letters folder.")
    url: str = described(example="/letters/20b138eacc54fa8a#p22")

    @classmethod
    def of(cls, letter: Letter, passage: Passage) -> Citation:
        """Return the citation of one of the letter's passages."""
        return cls(
            letter_id=letter.letter_id,
            title=letter.title,
            local_authority=letter.local_authority,
            date=letter.date,
            published=letter.published,
            type=letter.type,
            section=passage.section,
            paragraph=passage.paragraph,
            position=passage.position,
            place=passage.place,
            page=passage.page,
            source=letter.source,
            url=f"/letters/{letter.letter_id}#{passage.anchor}",
        )


@dataclass(frozen=True)
class Hit:
    """One ranked search result: the passage, its score and its citation."""

    rank: int
    score: float
    text: str
    citation: Citation
    highlights: tuple[str, ...] = ()
    sentences: tuple[str, ...] = ()

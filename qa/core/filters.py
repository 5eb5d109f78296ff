"""Which letters a search or a listing may draw on: the filter itself (LetterFilter), read from
its request parameters (FilterParams), which are checked against what the index holds."""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from datetime import date
from typing import Annotated, Any, Protocol

from pydantic import (
    ConfigDict,
    Field,
    ValidationInfo,
    WithJsonSchema,
    create_model,
    field_validator,
)

from qa.core.errors import BadQuery
from qa.core.fuzzy import nearest
from qa.core.grades import (
    GRADES,
    JUDGEMENT_AREAS,
    ONE_GRADE_UNDER_TWO_NAMES,
    area_label,
    same_grade,
)
from qa.core.models import Letter
from qa.core.params import Params, ParamSet
from qa.core.places import known_place


class Choices(Protocol):
    """What the index holds that a filter may name."""

    authorities: list[str]
    types: list[str]


@dataclass(frozen=True)
class LetterFilter:
    """Which letters a search or a listing may draw on; None (or nothing) means any."""

    local_authority: str | None = None
    type: str | None = None
    # The inspection's date (the visit's last day) from and to, inclusive.
    date_from: str | None = None
    date_to: str | None = None
    # (area, grade) pairs a letter's judgements must all have: ("help_and_protection",
    # "inadequate"). "requires improvement" takes in "requires improvement to be good".
    judgements: tuple[tuple[str, str], ...] = ()
    # The publication date from and to, inclusive.
    published_since: str | None = None
    published_until: str | None = None

    def active(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self))

    def admits(self, letter: Letter) -> bool:
        """Return True when the letter passes every filter."""
        graded = letter.judgements or {}
        return (
            (not self.local_authority or letter.local_authority == self.local_authority)
            and (not self.type or letter.type == self.type)
            and (not self.date_from or (letter.date or "") >= self.date_from)
            and (not self.date_to or (letter.date or "9999") <= self.date_to)
            and (not self.published_since or (letter.published or "") >= self.published_since)
            and (not self.published_until or (letter.published or "9999") <= self.published_until)
            and all(same_grade(graded.get(area), grade) for area, grade in self.judgements)
        )

    @classmethod
    def parse(cls, params: Params, choices: Choices) -> LetterFilter:
        """Read the filters from request parameters: local_authority (any name the gazetteer
        knows it by), type, date_from and date_to (the inspection's date), published_since and
        published_until (the publication date), and judgements as judgement=<area>:<grade>
        (repeatable) or <area>=<grade>.

        Raises:
            BadQuery: naming the parameter that is wrong.
        """
        return FilterParams.read(params, choices=choices).letter_filter()


# A date as a filter takes it, or empty for no limit.
DateText = Annotated[
    str,
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "format": "date", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"},
                {"type": "string", "maxLength": 0},
            ]
        }
    ),
]
# The empty value is what a form's "any" option sends: no filter.
GradeText = Annotated[str, Field(json_schema_extra={"enum": ["", *GRADES]})]
JudgementText = Annotated[
    str,
    Field(
        json_schema_extra={
            "enum": ["", *(f"{area}:{grade}" for area in JUDGEMENT_AREAS for grade in GRADES)]
        }
    ),
]
# Each range of dates a filter takes: (its first day, its last day), inclusive.
DATE_RANGES = (("date_from", "date_to"), ("published_since", "published_until"))
# Listed first in forms, links and the OpenAPI document; the rest follow as declared.
_LISTED_FIRST = ("local_authority", "type")


def _in_listed_order(schema: dict[str, Any]) -> None:
    """List the parameters as they always were, local_authority and type first: the fields
    are declared in the order they are checked, the dates first."""
    listed = schema["properties"]
    order = [*_LISTED_FIRST, *(name for name in listed if name not in _LISTED_FIRST)]
    schema["properties"] = {name: listed[name] for name in order}


class _FilterFields(ParamSet):
    """The filters as request parameters, but for the grade per judgement area that
    FilterParams (below) adds. Not used alone: FilterParams is the set. The fields are
    declared in the order they are checked (the first wrong one is the one reported): the
    dates, each range's order with its last day, then the rest."""

    model_config = ConfigDict(json_schema_extra=_in_listed_order)

    date_from: DateText = Field(
        "",
        description="Only letters whose inspection ended on or after this day (the visit's "
        "last day, YYYY-MM-DD). Empty means no limit.",
    )
    date_to: DateText = Field(
        "",
        description="Only letters whose inspection ended on or before this day. Empty means "
        "no limit.",
    )
    published_since: DateText = Field(
        "",
        description="Only letters published on or after this day (YYYY-MM-DD). Empty means no "
        "limit.",
    )
    published_until: DateText = Field(
        "",
        description="Only letters published on or before this day. Empty means no limit.",
    )
    local_authority: str = Field(
        "",
        description="Only letters about this authority: its name as listed, or any other name "
        'the gazetteer knows it by ("Hull" for Kingston upon Hull), in any case.',
    )
    type: str = Field("", description="Only letters of this type.")
    judgement: list[JudgementText] = Field(
        default_factory=list,
        description="Only letters with this grade for this area, as <area>:<grade>; repeat it "
        f"for more (all must hold). {ONE_GRADE_UNDER_TWO_NAMES}. Empty means no filter.",
        examples=["help_and_protection:inadequate"],
    )

    @field_validator(*(start for start, _ in DATE_RANGES), mode="before")
    @classmethod
    def _first_day(cls, value: str | None, info: ValidationInfo) -> str:
        return _parse_date(value, str(info.field_name)) or ""

    @field_validator(*(end for _, end in DATE_RANGES), mode="before")
    @classmethod
    def _last_day(cls, value: str | None, info: ValidationInfo) -> str:
        end = str(info.field_name)
        last = _parse_date(value, end) or ""
        start = next(first for first, then in DATE_RANGES if then == end)
        # A first day that was wrong is reported already; info.data holds the ones read.
        first = info.data.get(start)
        if first and last and first > last:
            raise BadQuery(start, f"{start} {first} is after {end} {last}")
        return last

    @field_validator("local_authority", mode="before")
    @classmethod
    def _known_authority(cls, value: str | None, info: ValidationInfo) -> str:
        return known_authority(value, _choices(info)) or ""

    @field_validator("type", mode="before")
    @classmethod
    def _known_type(cls, value: str | None, info: ValidationInfo) -> str:
        return known_choice(value, "type", _choices(info).types) or ""

    @field_validator("judgement", mode="before")
    @classmethod
    def _judgements(cls, given: list[str]) -> list[str]:
        return [":".join(_judgement(value)) for value in given]

    def letter_filter(self) -> LetterFilter:
        """Return the filters these parameters ask for."""
        pairs = [_pair(value) for value in self.judgement]
        for area in JUDGEMENT_AREAS:
            pairs += [(area, grade) for grade in getattr(self, area)]
        return LetterFilter(
            self.local_authority or None,
            self.type or None,
            self.date_from or None,
            self.date_to or None,
            tuple(dict.fromkeys(pairs)),
            self.published_since or None,
            self.published_until or None,
        )


def _grades(cls: type[ParamSet], given: list[str], info: ValidationInfo) -> list[str]:
    return [_grade(value, str(info.field_name)) for value in given]


# One parameter per judgement area, named as qa/core/grades.py names them: <area>=<grade>.
_GRADE_FIELDS: dict[str, Any] = {
    area: (
        list[GradeText],
        Field(
            default_factory=list,
            description=f"Only letters whose {area_label(area).lower()} grade is this.",
        ),
    )
    for area in JUDGEMENT_AREAS
}
FilterParams = create_model(
    "FilterParams",
    __base__=_FilterFields,
    __doc__="The filters as request parameters, one per judgement area among them; read with "
    "the index's choices as context.",
    __validators__={"_grades": field_validator(*JUDGEMENT_AREAS, mode="before")(_grades)},
    **_GRADE_FIELDS,
)
# Every filter's parameter name, in the order forms and the OpenAPI document list them.
FILTER_NAMES = tuple(FilterParams.model_json_schema()["properties"])


def _choices(info: ValidationInfo) -> Choices:
    return (info.context or {})["choices"]


def _pair(judgement: str) -> tuple[str, str]:
    area, _, grade = judgement.partition(":")
    return area, grade


def _judgement(value: str) -> tuple[str, str]:
    area, colon, grade = value.partition(":")
    if not colon or area not in JUDGEMENT_AREAS:
        raise BadQuery(
            "judgement",
            f"judgement must be <area>:<grade> with the area one of {', '.join(JUDGEMENT_AREAS)}; "
            f"not {value!r}",
        )
    return area, _grade(grade, "judgement")


def _grade(value: str, name: str) -> str:
    if value not in GRADES:
        raise BadQuery(name, f"{name} grade must be one of {', '.join(GRADES)}; not {value!r}")
    return value


def _parse_date(value: str | None, name: str) -> str | None:
    if value in (None, ""):
        return None
    text = value.strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        try:
            return date.fromisoformat(text).isoformat()
        except ValueError:
            pass
    raise BadQuery(name, f"{name} must be a date as YYYY-MM-DD, not {value!r}")


def known_authority(value: str | None, choices: Choices) -> str | None:
    """Return the indexed authority value names: its name, or any other name the gazetteer
    knows it by ("Hull", "St. Helens"); None for no value.

    Raises:
        BadQuery: no indexed authority has that name.
    """
    place = known_place(value) if value else None
    if place is not None and place.name in choices.authorities:
        return place.name
    return known_choice(value, "local_authority", choices.authorities)


def known_choice(value: str | None, name: str, known: list[str]) -> str | None:
    """Return the option of known that value names (any case), or None for no value.

    Raises:
        BadQuery: no option has that name; the message gives the nearest or the choices.
    """
    if value in (None, ""):
        return None
    by_fold = {option.lower(): option for option in known}
    if (option := by_fold.get(value.strip().lower())) is not None:
        return option
    what = name.replace("_", " ")
    message = f"No letters with {what} {value!r} are in the index"
    if near := nearest(value.strip().lower(), by_fold):
        message += "; did you mean " + " or ".join(repr(by_fold[n]) for n in near) + "?"
    elif len(known) <= 12:
        message += "; choose one of: " + ", ".join(known)
    else:
        message += f"; it holds letters for {len(known)} of them, from {known[0]} to {known[-1]}"
    raise BadQuery(name, message)

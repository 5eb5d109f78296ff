"""Request parameters declared once: each set of them is a pydantic model (a ParamSet) whose
fields carry their description and their limits. read() checks a request's parameters against
it, its validators raising BadQuery in words that name the parameter and reading their limits
from the fields; the OpenAPI document lists the same fields (qa/api/schema.query_parameters)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, Self, get_origin

from annotated_types import Ge, Le, MaxLen
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from qa.core.errors import BadQuery

# Request parameters by name: strings (Flask's MultiDict, with getlist for repeated ones), or a
# list of strings for a repeated one.
Params = Mapping[str, Any]

# The longest text a parameter may be: a question, the words points must hold, a phrase.
MAX_QUERY = 1000


class ParamSet(BaseModel):
    """A set of request parameters, each field one parameter read from its string (a list
    field: a parameter that may be repeated). Validators run on the strings as sent (None for
    one not sent) and raise BadQuery; the fields' constraints are what they check."""

    model_config = ConfigDict(frozen=True, regex_engine="python-re")

    @classmethod
    def read(cls, params: Params, **context: Any) -> Self:
        """Return the parameters of this set that params holds, checked; context is handed to
        the validators (the index's choices, the searcher).

        Raises:
            BadQuery: naming the parameter that is missing or wrong.
        """
        raw = {
            name: values(params, name) if get_origin(field.annotation) is list else params.get(name)
            for name, field in cls.model_fields.items()
        }
        try:
            return cls.model_validate(raw, context=context)
        except ValidationError as err:
            # The validators check every limit first; this is a backstop naming the parameter.
            problem = err.errors()[0]
            name = str(problem["loc"][0]) if problem["loc"] else "parameters"
            raise BadQuery(name, f"{name}: {problem['msg']}") from None

    @classmethod
    def bounds(cls, name: str) -> tuple[int, int]:
        """Return the least and the most a whole-number parameter (or a list's length) may be."""
        low, high = 0, 0
        for limit in cls.model_fields[name].metadata:
            # Ge and Le hold any comparable value; a whole-number parameter's are ints.
            if isinstance(limit, Ge) and isinstance(limit.ge, int):
                low = limit.ge
            elif isinstance(limit, Le) and isinstance(limit.le, int):
                high = limit.le
            elif isinstance(limit, MaxLen):
                high = limit.max_length
        return low, high


def how_many(most: int, default: int = 10) -> Any:
    """Return the field of a count of passages, k: 1 to most."""
    return Field(default, ge=1, le=most, description="How many passages.")


def values(params: Params, name: str) -> list[str]:
    """Return every value of a parameter that may be repeated, leaving out empty ones."""
    getlist = getattr(params, "getlist", None)
    found = getlist(name) if getlist else params.get(name)
    found = found if isinstance(found, list | tuple) else [found]
    return [v for v in found if v not in (None, "")]


def read_whole(raw: Any) -> int | None:
    """Return raw as a whole number, or None when it is not one: up to six decimal digits
    (spaces around them allowed), no sign, point or exponent."""
    # \d is what int() reads: str.isdigit() also takes "²", which int() refuses.
    if raw is None or not re.fullmatch(r"\s*\d{1,6}\s*", str(raw)):
        return None
    return int(raw)


def whole_number(raw: Any, name: str, low: int, high: int, *, terse: bool = False) -> int:
    """Return raw as a whole number from low to high.

    Args:
        terse: say only the range, not the value sent (per_letter's and limit's words).

    Raises:
        BadQuery: raw is not a whole number (of up to six digits), or is out of range.
    """
    value = read_whole(raw)
    if terse and (value is None or not low <= value <= high):
        raise BadQuery(name, f"{name} must be a whole number from {low} to {high}")
    if value is None:
        raise BadQuery(name, f"{name} must be a whole number from {low} to {high}, not {raw!r}")
    if not low <= value <= high:
        raise BadQuery(name, f"{name} must be from {low} to {high}, not {value}")
    return value


def count_validator(name: str, *, empty_is_default: bool = False, terse: bool = False) -> Any:
    """Return the validator of a ParamSet's whole-number field name: its default when not sent
    (or, with empty_is_default, sent empty), else whole_number within the field's bounds."""

    def check(cls: type[ParamSet], raw: Any) -> int:
        if raw is None or (empty_is_default and raw == ""):
            return int(cls.model_fields[name].default)
        return whole_number(raw, name, *cls.bounds(name), terse=terse)

    return field_validator(name, mode="before")(classmethod(check))


def within_length(text: str, name: str, most: int) -> str:
    """Return text when it is at most most characters long.

    Raises:
        BadQuery: it is longer.
    """
    if len(text) > most:
        raise BadQuery(name, f"{name} is {len(text)} characters long; the limit is {most}")
    return text

"""Request parameters: whole numbers read one way everywhere, limits read from the fields, and
the filters checked in the order the parser before the parameter models checked them."""

from __future__ import annotations

import pytest
from pydantic import Field

from qa.core.errors import BadQuery
from qa.core.filters import DATE_RANGES, FILTER_NAMES, FilterParams
from qa.core.grades import JUDGEMENT_AREAS
from qa.core.params import ParamSet, count_validator, read_whole, whole_number


@pytest.mark.parametrize(
    ("raw", "number"),
    [("7", 7), (" 12 ", 12), ("007", 7), ("²", None), ("", None), (None, None), ("-1", None)],
)
def test_a_whole_number_is_decimal_digits_only(raw, number):
    assert read_whole(raw) == number


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("²", "n must be a whole number from 1 to 5, not '²'"),
        ("1234567", "n must be a whole number from 1 to 5, not '1234567'"),
        ("9", "n must be from 1 to 5, not 9"),
    ],
)
def test_a_wrong_whole_number_names_the_parameter(raw, message):
    with pytest.raises(BadQuery, match=message) as err:
        whole_number(raw, "n", 1, 5)
    assert err.value.parameter == "n"


def test_terse_words_say_only_the_range():
    for raw in ("²", "9"):
        with pytest.raises(BadQuery) as err:
            whole_number(raw, "n", 1, 5, terse=True)
        assert str(err.value) == "n must be a whole number from 1 to 5"


class _Counts(ParamSet):
    n: int = Field(3, ge=2, le=9)
    m: int = Field(4, ge=1, le=8)

    _n = count_validator("n")
    _m = count_validator("m", empty_is_default=True)


def test_a_count_field_reads_its_default_and_bounds_from_the_field():
    assert _Counts.bounds("n") == (2, 9)
    assert _Counts.read({}) == _Counts(n=3, m=4)
    assert _Counts.read({"n": "9", "m": ""}) == _Counts(n=9, m=4)
    with pytest.raises(BadQuery, match="n must be a whole number from 2 to 9, not ''"):
        _Counts.read({"n": ""})
    with pytest.raises(BadQuery, match="m must be from 1 to 8, not 9"):
        _Counts.read({"m": "9"})


def test_filters_are_checked_dates_first_and_listed_as_always():
    checked = list(FilterParams.model_fields)
    assert checked == [
        *(name for pair in DATE_RANGES for name in pair),
        "local_authority",
        "type",
        "judgement",
        *JUDGEMENT_AREAS,
    ]
    assert FILTER_NAMES == (
        "local_authority",
        "type",
        *(name for pair in DATE_RANGES for name in pair),
        "judgement",
        *JUDGEMENT_AREAS,
    )

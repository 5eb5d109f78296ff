"""Years and dates as questions and requests give them."""

from __future__ import annotations

import re

_YEAR = re.compile(r"\b(20[0-3]\d)\b")


# "since 2019" or "before 2020" is no statement that the letter is of that year.
_NOT_OF_YEAR = re.compile(r"\b(since|before|after|until|by|from|pre|post)\s+(the\s+)?$", re.I)


def find_years(text: str) -> list[int]:
    """Return the years a question asks about ("in 2017", "the 2015 inspection")."""
    years = []
    for match in _YEAR.finditer(text):
        if _NOT_OF_YEAR.search(text[: match.start()]):
            continue
        year = int(match.group(1))
        if year not in years:
            years.append(year)
    return years

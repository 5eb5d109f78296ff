"""A comparison's request read from its parameters: the question, the authorities and how many
passages per letter, each checked (light to import: the command line's options come from it)."""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import Field, ValidationInfo, field_validator

from qa.core.errors import BadQuery
from qa.core.filters import Choices, known_authority
from qa.core.params import Params, count_validator
from qa.search.request import QuestionParams

PER_LETTER = 2
MAX_PER_LETTER = 10
BEST_LETTERS = 10
MAX_AUTHORITIES = 10


class CompareParams(QuestionParams):
    """A comparison's request parameters; read with the index's choices as context."""

    local_authority: list[str] = Field(
        default_factory=list,
        max_length=MAX_AUTHORITIES,
        description="Compare every letter of this authority (repeat it for up to "
        f"{MAX_AUTHORITIES}); none: the {BEST_LETTERS} letters that answer best.",
    )
    per_letter: int = Field(PER_LETTER, ge=1, le=MAX_PER_LETTER, description="Passages per letter.")

    @field_validator("local_authority", mode="before")
    @classmethod
    def _known_authorities(cls, named: list[str], info: ValidationInfo) -> list[str]:
        choices: Choices = (info.context or {})["choices"]
        found = [known_authority(name, choices) for name in named]
        most = cls.bounds("local_authority")[1]
        if len(found) > most:
            raise BadQuery("local_authority", f"Compare at most {most} authorities at a time")
        return list(dict.fromkeys(a for a in found if a))

    # Its words as they always were: the range alone.
    _per_letter = count_validator("per_letter", terse=True)


@dataclass(frozen=True)
class CompareRequest:
    """A question to put to several letters: the authorities whose letters (all of them)
    answer it, or none for the letters that answer it best."""

    query: str
    authorities: tuple[str, ...] = ()
    per_letter: int = PER_LETTER

    @classmethod
    def parse(cls, params: Params, choices: Choices) -> CompareRequest:
        """Read q, local_authority (repeatable) and per_letter.

        Raises:
            BadQuery: naming the parameter that is missing or wrong.
        """
        asked = CompareParams.read(params, choices=choices)
        return cls(asked.q, tuple(asked.local_authority), asked.per_letter)

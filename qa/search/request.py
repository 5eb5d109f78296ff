"""A search request read from its parameters: the question, how many results, which letters
and which ranking; every parameter checked, with a message naming the one that is wrong."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from pydantic import Field, create_model, field_validator

from qa.core.errors import BadQuery
from qa.core.filters import Choices, LetterFilter
from qa.core.params import (
    MAX_QUERY,
    Params,
    ParamSet,
    count_validator,
    how_many,
    within_length,
)
from qa.search.retrievers import Retriever

# A question needs a letter (of any script) or a digit at least; one in another language is
# told that the letters are in English, not refused.
QUERY_PATTERN = r"[^\W_]"
MAX_K = 50
# The most passages one search ranks for the search page's deeper pages and /search.csv (the
# JSON /search keeps MAX_K).
MAX_EXPORT = 1000


class QuestionParams(ParamSet):
    """A question as a request parameter."""

    q: str = Field(
        min_length=1,
        max_length=MAX_QUERY,
        pattern=QUERY_PATTERN,
        description="The question, with at least one letter (of any script) or digit.",
    )

    @field_validator("q", mode="before")
    @classmethod
    def _question(cls, raw: str | None) -> str:
        query = within_length(raw or "", "q", cls.bounds("q")[1]).strip()
        if not query:
            raise BadQuery("q", "Missing question (q): ask in words, e.g. neglect")
        if not re.search(QUERY_PATTERN, query):
            raise BadQuery("q", f"q has no word to search for: {query!r}; ask in words")
        return query


class SearchParams(QuestionParams):
    """A search's own request parameters: the question and how many passages (its filters are
    FilterParams)."""

    k: int = how_many(MAX_K)

    # k sent empty is wrong here, as it always was (similar findings take it as the default).
    _how_many = count_validator("k")


@cache
def search_params(max_k: int = MAX_K) -> type[SearchParams]:
    """Return the request parameters of a search ranking up to max_k passages."""
    if max_k == MAX_K:
        return SearchParams
    return create_model(f"SearchParams{max_k}", __base__=SearchParams, k=(int, how_many(max_k)))


@dataclass(frozen=True)
class SearchRequest:
    """A validated question: its text, how many results, and filters."""

    query: str
    k: int = 10
    filters: LetterFilter = LetterFilter()
    retriever: Retriever = Retriever.HYBRID

    @classmethod
    def parse(cls, params: Params, choices: Choices, max_k: int = MAX_K) -> SearchRequest:
        """Validate request parameters (as strings), k from 1 to max_k.

        Raises:
            BadQuery: naming the parameter that is missing or wrong.
        """
        asked = search_params(max_k).read(params)
        return cls(asked.q, asked.k, LetterFilter.parse(params, choices))

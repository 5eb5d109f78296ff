"""Quoted phrases: found word for word after the keyword index's folding."""

from __future__ import annotations

import pytest

from qa.search.phrases import holds_phrase, quoted_phrases


def test_phrases_in_straight_or_curly_quotes_are_read():
    query = 'what about "county lines" and “looked after” children, or ""'
    assert quoted_phrases(query) == ["county lines", "looked after"]
    assert quoted_phrases("county lines") == []


@pytest.mark.parametrize(
    ("text", "held"),
    [
        ("Children at risk from County Lines exploitation", True),
        ("risk of county-lines exploitation", True),
        ("the counties' lines of accountability", True),  # the same stems
        ("country lines", False),
        ("lines in the county", False),
        ("the county has clear lines", False),
    ],
)
def test_a_phrase_is_held_word_for_word_after_folding(text, held):
    assert holds_phrase(text, "county lines") is held

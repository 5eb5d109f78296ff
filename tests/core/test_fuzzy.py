"""Fuzzy matching (qa/core/fuzzy.py) and the misspelt authorities it puts right."""

import pytest

from qa.core.fuzzy import edit_distance, nearest, within_edits
from qa.core.places import AuthorityMatcher, english_authorities


@pytest.mark.parametrize(
    ("a", "b", "limit", "distance"),
    [
        ("stockon", "stockton", 1, 1),
        ("wolverhampon", "wolverhampton", 2, 1),
        ("leeds", "leeds", 0, 0),
        ("halton", "marshfield", 2, 3),
        ("abc", "abcdefgh", 1, 2),
    ],
)
def test_edit_distance_counts_edits_and_stops_past_the_limit(a, b, limit, distance):
    assert edit_distance(a, b, limit) == distance
    assert within_edits(a, b, limit) == (distance <= limit)


def test_nearest_gives_the_closest_options_first_and_none_under_the_cutoff():
    assert nearest("rutlnd", ["halton", "marshfield", "rutland"]) == ["rutland"]
    assert nearest("visit", ["focused visit", "monitoring visit", "standard inspection"]) == []
    assert nearest("bedfodr", ["bedford", "bedfordshire", "bradford", "leeds"]) == [
        "bedford",
        "bedfordshire",
        "bradford",
    ]


def test_nearest_keeps_at_most_count_options():
    assert nearest("cheshire", ["cheshire east", "cheshire west", "cheshire"], count=2) == [
        "cheshire",
        "cheshire west",
    ]


@pytest.fixture(scope="module")
def matcher():
    return AuthorityMatcher(sorted(p.name for p in english_authorities() if p.current))


@pytest.mark.parametrize(
    ("word", "names"),
    [
        ("stockon", ("Stockton-on-Tees",)),
        ("wolverhampon", ("Wolverhampton",)),
        ("lancshire", ("Lancashire",)),
        # Spelt right, too generic, too short, or as close to two authorities as to one.
        ("lancashire", ()),
        ("north", ()),
        ("leds", ()),
        ("cheshir", ()),
    ],
)
def test_a_misspelt_authority_is_put_right_only_when_it_is_one(matcher, word, names):
    assert matcher.misspelt(word) == names

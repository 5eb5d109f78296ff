"""Misspelt words put right from the letters' own words; other languages told from English."""

from __future__ import annotations

from collections import Counter

import pytest

from qa.search.spelling import Speller, is_english

COUNTS = Counter({"neglect": 400, "safeguarding": 300, "leavers": 120, "neck": 2, "stockton": 50})


@pytest.mark.parametrize(
    ("word", "right"),
    [
        ("neglet", "neglect"),
        ("Neglect", None),  # a word the letters use
        ("safegaurding", "safeguarding"),
        ("leaverss", "leavers"),
        ("photosynthesis", None),  # an English word they just do not use
        ("xyzzy", None),  # nothing close
        ("negl", None),  # too short to put right
    ],
)
def test_a_misspelt_word_is_put_right_to_a_word_the_letters_use_often(word, right):
    assert Speller(COUNTS).correct(word) == right


@pytest.mark.parametrize(
    ("question", "english"),
    [
        ("What did inspectors say about neglect?", True),
        ("what about neglet in middlesbrough", True),
        ("xyzzy plugh frobnicate", True),
        ("neglect Stockton", True),
        ("¿Qué dicen los inspectores sobre la negligencia?", False),
        ("Que disent les inspecteurs sur la négligence ?", False),
        ("Was sagen die Inspektoren über Vernachlässigung?", False),
        ("ماذا قال المفتشون عن الإهمال؟", False),
        ("检查员对忽视儿童说了什么？", False),
    ],
)
def test_a_question_in_another_language_is_told_from_english(question, english):
    assert is_english(question) is english

"""Text folding (qa/core/text.py): the steps every folding is built from, and the foldings."""

import pytest

from qa.core.analyser import tokenize, word_stems
from qa.core.text import (
    alphanumeric_runs,
    fold,
    folded_words,
    lower_case,
    normalise,
    squash_spaces,
    straight_apostrophes,
)
from qa.reading.layout import furniture_key


def test_the_steps_fold_case_apostrophes_spacing_and_punctuation():
    assert lower_case("ＬＥＥＤＳ ﬁnance") == "leeds finance"
    assert straight_apostrophes("Officers’ work") == "Officers' work"
    assert squash_spaces("  a\u00a0b\t c\n") == "a b c"
    assert alphanumeric_runs("windsor & maidenhead", "-") == "windsor-maidenhead"


@pytest.mark.parametrize(
    ("fold_with", "text", "folded"),
    [
        (normalise, "The Council’s  plan, 2024!", "the council s plan 2024"),
        (fold, "St. Helens & Knowsley’s", "st helens and knowsley's"),
        (folded_words, "Officers' plans", ["officer", "plan"]),
        (furniture_key, "  Page 3 of 12 ", "page # of #"),
    ],
)
def test_each_folding_keeps_its_output(fold_with, text, folded):
    assert fold_with(text) == folded


def test_the_analyser_reads_curly_and_straight_apostrophes_alike():
    assert tokenize("the council’s leaders") == tokenize("the council's leaders")
    assert word_stems("Children’s services") == word_stems("children's services")

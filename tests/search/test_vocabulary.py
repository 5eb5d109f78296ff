import csv
import subprocess
import sys
from pathlib import Path

import pytest

from qa.indexing.abbreviations import Abbreviations
from qa.search.vocabulary import (
    GLOSSARY,
    Expansion,
    Rewording,
    Term,
    Vocabulary,
    also_searched,
    read_glossary,
)

GLOSSARY_TERMS = (
    Term(("agency staff", "agency social workers"), ("locum", "temp social worker")),
    Term(("children who go missing",), ("runaway", "ran away")),
    Term(("elective home education",), ("home-schooling", "home schooled")),
)


def test_an_everyday_phrase_brings_the_terms_letters_use():
    vocabulary = Vocabulary(Abbreviations(), GLOSSARY_TERMS)
    expansion = vocabulary.expand("Is Kent still using locums?")
    assert expansion.rewordings == (
        Rewording("locum", ("agency staff", "agency social workers"), everyday=True),
    )
    assert expansion.added == "agency staff agency social workers"


def test_hyphens_and_plurals_read_alike_and_the_longest_phrase_wins():
    vocabulary = Vocabulary(Abbreviations(), GLOSSARY_TERMS)
    assert [r.asked for r in vocabulary.expand("home schooling rates").rewordings] == [
        "home-schooling"
    ]
    assert [r.asked for r in vocabulary.expand("children who ran away").rewordings] == ["ran away"]


def test_a_term_the_question_already_uses_is_not_added_again():
    vocabulary = Vocabulary(Abbreviations(), GLOSSARY_TERMS)
    expansion = vocabulary.expand("agency staff and locum use")
    assert expansion.rewordings == (Rewording("locum", ("agency social workers",), everyday=True),)


def test_abbreviations_are_read_both_ways_in_a_question():
    vocabulary = Vocabulary(Abbreviations({"IRO": "independent reviewing officers"}))
    assert (
        vocabulary.expand("Do IROs have high caseloads?").added == "independent reviewing officers"
    )
    assert vocabulary.expand("independent reviewing officer caseloads").added == "IRO"
    assert vocabulary.expand("caseloads").rewordings == ()


def test_what_was_also_searched_is_said_with_the_words_asked():
    said = also_searched(
        [
            Rewording("locum", ("agency staff", "agency workers")),
            Rewording("IROs", ("independent reviewing officers",)),
        ]
    )
    assert said == (
        "Also searched for the letters’ words: “locum” as “agency staff” or “agency workers”; "
        "“IROs” as “independent reviewing officers”."
    )


def test_the_shipped_glossary_has_at_least_150_terms_each_phrase_once():
    terms = read_glossary()
    assert len(terms) >= 150
    everyday = [phrase for term in terms for phrase in term.everyday]
    assert len(everyday) == len(set(everyday))
    assert all(term.official and term.everyday for term in terms)
    with GLOSSARY.open(encoding="utf-8", newline="") as file:
        assert next(csv.reader(file)) == ["official", "everyday"]


def test_the_embedded_question_spells_out_abbreviations_but_not_everyday_words():
    vocabulary = Vocabulary(
        Abbreviations({"IRO": "independent reviewing officers"}), GLOSSARY_TERMS
    )
    expansion = vocabulary.expand("Do IROs see runaway children?")
    assert expansion.spelt_out == "Do IROs see runaway children? (independent reviewing officers)"
    assert Expansion("neglect", ()).spelt_out == "neglect"


@pytest.mark.slow
def test_every_term_the_glossary_says_inspectors_write_is_in_the_letters(shared_letters):
    script = Path(__file__).resolve().parents[2] / "scripts" / "check_glossary.py"
    done = subprocess.run(
        [sys.executable, str(script), str(shared_letters)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.endswith(" missing\n") and "not in any letter" not in done.stdout

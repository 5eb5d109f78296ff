import pytest

from qa.indexing.abbreviations import Abbreviations, definitions


@pytest.mark.parametrize(
    ("text", "short", "long"),
    [
        (
            "Most independent reviewing officers (IROs) hold high caseloads.",
            "IRO",
            "independent reviewing officers",
        ),
        (
            "The multi-agency safeguarding hub (MASH) is effective.",
            "MASH",
            "multi-agency safeguarding hub",
        ),
        (
            "The director of children’s services (DCS) has a clear vision.",
            "DCS",
            "director of children’s services",
        ),
        (
            "Young people not in education, employment or training (NEET) are tracked.",
            "NEET",
            "not in education, employment or training".replace(",", ""),
        ),
        (
            "Guidance from the Department for Education (DfE) is followed.",
            "DfE",
            "Department for Education",
        ),
        (
            "Newly qualified staff complete the assessed and supported year in employment (ASYE).",
            "ASYE",
            "assessed and supported year in employment",
        ),
        (
            "The health and wellbeing board (H&WB) meets monthly.",
            "H&WB",
            "health and wellbeing board",
        ),
        ("Leaders use the public law outline (the PLO) well.", "PLO", "public law outline"),
    ],
)
def test_a_definition_gives_the_words_that_spell_the_abbreviation(text, short, long):
    assert definitions([text]) == {short: long}


@pytest.mark.parametrize(
    "text",
    [
        "Work is overseen by the response of the MASH (MASH).",
        "Children are seen quickly by the duty team (IRO).",
        "Plans are reviewed (see paragraph 12) (A).",
    ],
)
def test_words_that_do_not_spell_it_define_nothing(text):
    assert definitions([text]) == {}


def _letters():
    return [
        ["Personal advisers (PAs) keep in touch with care leavers.", "PAs visit often."],
        ["Each personal adviser (PA) has a manageable caseload."],
        ["The practice adviser (PA) audits files.", "The PA found drift."],
        ["A one-off term (OOT) appears once."],
    ]


def test_the_corpus_keeps_the_commonest_long_form_of_terms_two_letters_define():
    mined = Abbreviations.mine(_letters())
    assert mined.long_forms == {"PA": "personal advisers"}


def test_a_letters_own_definition_overrides_the_corpus_one():
    mined = Abbreviations.mine(_letters())
    own = mined.within(_letters()[2])
    assert own.spell_out("The PA found drift.") == "The PA (practice adviser) found drift."
    assert mined.spell_out("The PA found drift.") == "The PA (personal advisers) found drift."


def test_spelling_out_expands_the_first_use_and_names_long_forms_written_in_full():
    known = Abbreviations({"IRO": "independent reviewing officers", "PA": "personal advisers"})
    assert known.spell_out("IRO capacity is a challenge; IROs hold high caseloads.") == (
        "IRO (independent reviewing officers) capacity is a challenge; IROs hold high caseloads."
    )
    assert known.spell_out("Each personal adviser knows the young person.") == (
        "Each personal adviser knows the young person. (PA)"
    )
    both = "Independent reviewing officers (IROs) and PAs."
    assert (
        known.spell_out(both)
        == "Independent reviewing officers (IROs) and PAs (personal advisers)."
    )


def test_glosses_go_both_ways_for_questions():
    known = Abbreviations(
        {"IRO": "independent reviewing officers", "SGO": "special guardianship orders"}
    )
    assert known.glosses("Do independent reviewing officers have too many SGOs?") == [
        ("SGOs", "special guardianship orders"),
        ("independent reviewing officers", "IRO"),
    ]


def test_abbreviations_survive_being_saved_with_an_index(tmp_path):
    known = Abbreviations({"LADO": "local authority designated officer"})
    known.save(tmp_path)
    assert Abbreviations.load(tmp_path) == known
    assert len(Abbreviations.load(tmp_path / "missing")) == 0

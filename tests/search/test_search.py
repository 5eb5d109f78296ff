from dataclasses import replace

import pytest

from qa.core.errors import BadQuery
from qa.core.filters import LetterFilter
from qa.core.places import AuthorityMatcher
from qa.indexing.embed import HashEmbedder
from qa.search.rankers import Fusion, WeightedRanker
from qa.search.request import SearchRequest
from qa.search.retrievers import Retriever
from qa.search.searcher import Searcher
from tests.helpers import FixedRanker


@pytest.fixture(scope="module")
def searcher(index_dir):
    return Searcher.open(index_dir, embedder_for=lambda _model: HashEmbedder())


def _sources(hits):
    return [h.citation.source for h in hits]


def test_question_finds_its_passage_first(searcher):
    hits = searcher.search(SearchRequest("a bank account before they turn 18", k=3)).hits
    assert hits[0].text.startswith("Care leavers in Halton are helped to get a passport")


def test_results_are_ranked_with_decreasing_scores(searcher):
    hits = searcher.search(SearchRequest("neglect", k=10)).hits
    assert [h.rank for h in hits] == list(range(1, len(hits) + 1))
    assert all(a.score >= b.score for a, b in zip(hits, hits[1:], strict=False))
    assert 0 < hits[0].score <= 1


def test_a_searcher_ranks_by_the_rankers_it_is_made_of(searcher):
    texts = [p.text for letter in searcher.letters for p in letter.passages]
    rows = [8, 3, 5]
    assert len({texts[row] for row in rows}) == len(rows)
    fixed = FixedRanker(Retriever.KEYWORD, dict(zip(rows, [3.0, 2.0, 1.0], strict=True)))
    only = Fusion((WeightedRanker(fixed),))
    composed = Searcher(replace(searcher.parts, fusion=only))
    hits = composed.search(SearchRequest("children social workers", k=3)).hits
    assert [hit.text for hit in hits] == [texts[row] for row in rows]
    assert composed.search(SearchRequest("neglect", k=3, retriever=Retriever.DENSE)).hits == []


def test_an_unknown_retriever_is_refused_with_the_choices():
    with pytest.raises(
        BadQuery, match="No retriever 'bm42'; choose hybrid, dense, keyword, sentence"
    ):
        Retriever.from_str("bm42")


@pytest.mark.parametrize(
    ("filters", "source"),
    [
        (LetterFilter(local_authority="Rutland"), "visits/rutland focused visit.txt"),
        (LetterFilter(type="monitoring visit"), "visits/halton's monitoring visit.md"),
        (LetterFilter(date_from="2025-01-01"), "visits/rutland focused visit.txt"),
        (LetterFilter(date_to="2024-05-23"), "visits/halton's monitoring visit.md"),
        (
            LetterFilter(published_since="2024-07-01", published_until="2024-12-31"),
            "marshfield inspection - 12 july 2024.pdf",
        ),
    ],
)
def test_filters_keep_only_matching_letters(searcher, filters, source):
    hits = searcher.search(
        SearchRequest("children social workers care", k=50, filters=filters)
    ).hits
    assert hits and set(_sources(hits)) == {source}


def test_filter_matching_nothing_returns_no_hits(searcher):
    filters = LetterFilter(date_from="2030-01-01")
    found = searcher.search(SearchRequest("neglect", filters=filters))
    assert (found.hits, found.scope) == ([], None)


def test_authority_named_in_question_scopes_the_search(searcher):
    found = searcher.search(SearchRequest("what about neglect in Rutland?", k=50))
    hits, scope = found.hits, found.scope
    assert scope == "Rutland"
    assert set(_sources(hits)) == {"visits/rutland focused visit.txt"}


def test_authority_matcher_knows_short_names():
    matcher = AuthorityMatcher(
        [
            "Stockton-on-Tees",
            "Kingston upon Hull",
            "Kingston upon Thames",
            "Reading",
            "Somerset",
            "North Somerset",
        ]
    )
    assert matcher.find("neglect in Stockton") == ["Stockton-on-Tees"]
    assert matcher.find("do arrested teenagers in hull stay overnight") == []
    assert matcher.find("teenagers in Hull") == ["Kingston upon Hull"]
    assert matcher.find("Kingston care leavers") == []
    assert matcher.find("reading age of children") == []
    assert matcher.find("North Somerset and Somerset") == ["North Somerset", "Somerset"]


@pytest.mark.parametrize(
    ("params", "parameter", "message"),
    [
        ({}, "q", "Missing question (q): ask in words, e.g. neglect"),
        ({"q": "  "}, "q", "Missing question (q): ask in words, e.g. neglect"),
        ({"q": "x" * 1001}, "q", "q is 1001 characters long; the limit is 1000"),
        ({"q": "x", "k": "0"}, "k", "k must be from 1 to 50, not 0"),
        ({"q": "x", "k": "51"}, "k", "k must be from 1 to 50, not 51"),
        ({"q": "x", "k": "ten"}, "k", "k must be a whole number from 1 to 50, not 'ten'"),
        (
            {"q": "x", "date_from": "2024-02-30"},
            "date_from",
            "date_from must be a date as YYYY-MM-DD, not '2024-02-30'",
        ),
        (
            {"q": "x", "date_to": "May 2024"},
            "date_to",
            "date_to must be a date as YYYY-MM-DD, not 'May 2024'",
        ),
        (
            {"q": "x", "date_from": "2025-01-01", "date_to": "2024-01-01"},
            "date_from",
            "date_from 2025-01-01 is after date_to 2024-01-01",
        ),
        (
            {"q": "x", "local_authority": "Atlantis"},
            "local_authority",
            "No letters with local authority 'Atlantis' are in the index; "
            "choose one of: Halton, Marshfield, Rutland",
        ),
        (
            {"q": "x", "type": "party"},
            "type",
            "No letters with type 'party' are in the index; "
            "choose one of: focused visit, monitoring visit, standard inspection",
        ),
    ],
)
def test_bad_request_parameters_name_the_parameter(searcher, params, parameter, message):
    with pytest.raises(BadQuery) as caught:
        SearchRequest.parse(params, searcher)
    assert (caught.value.parameter, str(caught.value)) == (parameter, message)


def test_filter_values_are_matched_case_insensitively(searcher):
    request = SearchRequest.parse(
        {"q": "x", "local_authority": "rutland", "type": "FOCUSED VISIT"}, searcher
    )
    assert request.filters == LetterFilter(local_authority="Rutland", type="focused visit")


def test_year_in_question_scopes_to_letters_of_that_year(searcher):
    found = searcher.search(
        SearchRequest("what did the 2024 inspection say about care leavers", k=50)
    )
    hits, scope = found.hits, found.scope
    assert scope == "2024"
    assert {h.citation.date[:4] for h in hits} == {"2024"}


def test_year_after_since_does_not_scope(searcher):
    scope = searcher.search(SearchRequest("what has changed since 2024", k=5)).scope
    assert scope is None


def test_authority_and_year_scope_together(searcher):
    found = searcher.search(SearchRequest("Marshfield in 2024: care leavers", k=50))
    hits, scope = found.hits, found.scope
    assert scope == "Marshfield, 2024"
    assert {h.citation.source for h in hits} == {"marshfield inspection - 12 july 2024.pdf"}


def test_a_place_named_short_also_finds_its_longer_names():
    matcher = AuthorityMatcher(
        [
            "Newcastle",
            "Newcastle upon Tyne",
            "Hull",
            "Kingston upon Hull",
            "Somerset",
            "North Somerset",
        ]
    )
    assert matcher.find("Newcastle's kinship carers") == ["Newcastle", "Newcastle upon Tyne"]
    assert matcher.find("teenagers in Hull") == ["Hull", "Kingston upon Hull"]
    assert matcher.find("care leavers in Somerset") == ["Somerset"]


BOILERPLATE = (
    "Ofsted will take the findings from this focused visit into account when planning the next "
    "inspection or visit."
)


@pytest.fixture(scope="module")
def boilerplate_searcher(tmp_path_factory):
    from tests.helpers import build

    letters = tmp_path_factory.mktemp("boilerplate")
    for place, finding in [
        ("Bexley", "Plans for children living with neglect drift without timescales."),
        ("Brent", "Care leavers are helped to find a flat and furnish it."),
        ("Camden", "Social workers visit children often and see them alone."),
    ]:
        text = (
            f"Dear Director\n\nFocused visit to {place} children's services\n\n{finding}\n\n"
            f"{BOILERPLATE}\n\nYours sincerely\n"
        )
        (letters / f"{place}.txt").write_text(text, encoding="utf-8")
    index = tmp_path_factory.mktemp("boilerplate-index")
    build(letters, index)
    return Searcher.open(index, embedder_for=lambda _model: HashEmbedder())


def test_the_same_text_in_several_letters_is_one_result(boilerplate_searcher):
    hits = boilerplate_searcher.search(
        SearchRequest("findings taken into account when planning the next inspection", k=10)
    ).hits
    assert [h.text for h in hits].count(BOILERPLATE) == 1
    assert len(hits) == 4


def test_boilerplate_ranks_below_a_finding(boilerplate_searcher, monkeypatch):
    request = SearchRequest("account of findings when planning visits for neglect", k=3)
    monkeypatch.setattr("qa.search.fusion.BOILERPLATE_WEIGHT", 1.0)
    undemoted = boilerplate_searcher.search(request).hits
    monkeypatch.undo()
    hits = boilerplate_searcher.search(request).hits
    assert undemoted[0].text == BOILERPLATE
    assert hits[0].text.startswith("Plans for children living with neglect")


def test_highlights_from_kept_sentence_spans_equal_a_fresh_split(searcher):
    from qa.reading.passages import split_sentences
    from qa.search.answer import pick_highlights

    question = "how often do social workers visit children?"
    response = searcher.answer(SearchRequest(question, k=10))
    terms = searcher.parts.keywords.weights(question)
    assert any(hit.highlights for hit in response.hits)
    for hit in response.hits:
        fresh = [s.removeprefix("• ") for s in split_sentences(hit.text)]
        assert list(hit.highlights) == pick_highlights(fresh, terms)


@pytest.fixture(scope="module")
def abbreviation_searcher(tmp_path_factory):
    from tests.helpers import build

    letters = tmp_path_factory.mktemp("abbreviations")
    for place, defined, used in [
        (
            "Bexley",
            "Independent reviewing officers (IROs) know children well.",
            "IRO capacity is a challenge, with many holding very high caseloads.",
        ),
        (
            "Brent",
            "Each independent reviewing officer (IRO) visits children.",
            "Care leavers are helped to find a flat and furnish it.",
        ),
        (
            "Camden",
            "The practice lead officer (PLO) audits files every month.",
            "The PLO found that plans drift without timescales.",
        ),
    ]:
        text = (
            f"Dear Director\n\nFocused visit to {place} children's services\n\n{defined}\n\n"
            f"{used}\n\nYours sincerely\n"
        )
        (letters / f"{place}.txt").write_text(text, encoding="utf-8")
    index = tmp_path_factory.mktemp("abbreviations-index")
    build(letters, index)
    return Searcher.open(index, embedder_for=lambda _model: HashEmbedder())


def test_a_question_in_full_words_finds_a_passage_that_writes_only_the_abbreviation(
    abbreviation_searcher,
):
    found = abbreviation_searcher.search(
        SearchRequest(
            "caseloads of independent reviewing officers", k=3, retriever=Retriever.KEYWORD
        )
    )
    assert found.hits[0].text.startswith("IRO capacity is a challenge")
    assert found.notices[-1].code == "also_searched"
    assert "“IRO”" in found.notices[-1].message


def test_an_abbreviation_in_a_question_finds_the_passage_that_spells_it_out(abbreviation_searcher):
    hits = abbreviation_searcher.search(
        SearchRequest("IROs who know children", k=2, retriever=Retriever.KEYWORD)
    ).hits
    assert hits[0].text.startswith("Independent reviewing officers (IROs) know children well.")
    # The displayed text is the letter's own, not the spelt-out matching text.
    assert all("(independent reviewing" not in h.text for h in hits)


def test_a_letters_own_definition_is_what_its_abbreviation_is_matched_by(abbreviation_searcher):
    hits = abbreviation_searcher.search(
        SearchRequest("practice lead officer drift", k=1, retriever=Retriever.KEYWORD)
    ).hits
    assert hits[0].text == "The PLO found that plans drift without timescales."


def test_a_quoted_phrase_is_in_every_result(searcher):
    found = searcher.search(SearchRequest('"graded care profile" for neglect', k=10))
    assert found.hits
    assert all("graded care profile" in h.text.lower() for h in found.hits)
    unquoted = searcher.search(SearchRequest("graded care profile for neglect", k=10))
    assert len(unquoted.hits) > len(found.hits)


def test_a_quoted_phrase_no_passage_holds_is_said_and_nothing_found(searcher):
    found = searcher.search(SearchRequest('"profile graded care"', k=10))
    assert found.hits == []
    assert [n.code for n in found.notices] == ["phrase_not_found"]
    assert "“profile graded care”" in found.notices[0].message


@pytest.mark.parametrize(
    "question",
    ["neglect", "Why was Halton judged requires improvement?", "care leavers judged good"],
)
def test_scores_never_rise_down_the_ranking(searcher, question):
    hits = searcher.search(SearchRequest(question, k=20)).hits
    assert hits
    assert all(a.score >= b.score for a, b in zip(hits, hits[1:], strict=False))


def test_a_misspelt_common_word_is_searched_as_the_word(index_dir, monkeypatch):
    monkeypatch.setattr("qa.search.spelling.FREQUENT", 1)
    fresh = Searcher.open(index_dir, embedder_for=lambda _model: HashEmbedder())
    found = fresh.search(SearchRequest("neglet", k=3))
    assert [(n.code, n.message) for n in found.notices] == [
        ("spelling_corrected", "Searched for “neglect” instead of “neglet”.")
    ]
    assert found.query == "neglect" and "neglect" in found.hits[0].text.lower()


def test_an_english_word_no_letter_uses_keeps_the_unknown_word_notice(searcher):
    found = searcher.search(SearchRequest("neglect photosynthesis", k=3))
    assert [n.code for n in found.notices] == ["unknown_words"]


@pytest.mark.parametrize(
    ("question", "searched"),
    [
        ("¿Qué dicen los inspectores sobre la negligencia en Halton?", True),
        ("ماذا قال المفتشون عن الإهمال؟", False),
    ],
)
def test_a_question_in_another_language_is_told_the_letters_are_english(
    searcher, question, searched
):
    found = searcher.search(SearchRequest(question, k=3))
    codes = [n.code for n in found.notices]
    assert codes[0] == "not_english"
    assert "The letters are in English" in found.notices[0].message
    assert bool(found.hits) is searched


def test_no_answer_is_said_when_no_top_passage_matches_well_enough(searcher, monkeypatch):
    monkeypatch.setitem(__import__("qa.search.answerable").search.answerable.THRESHOLDS, "hash", 2)
    response = searcher.answer(SearchRequest("neglect", k=5))
    assert "no_answer" in [n.code for n in response.notices]
    assert response.answer == [] and response.hits and not response.answered
    monkeypatch.setitem(__import__("qa.search.answerable").search.answerable.THRESHOLDS, "hash", 0)
    response = searcher.answer(SearchRequest("neglect", k=5))
    assert "no_answer" not in [n.code for n in response.notices] and response.answer


def test_a_question_no_letter_has_a_word_of_is_answered_by_nothing(searcher):
    found = searcher.search(SearchRequest("xyzzy plugh frobnicate", k=3))
    assert [n.code for n in found.notices] == ["no_known_words", "no_answer"]
    assert found.hits == [] and not found.answered


def test_a_quoted_phrase_is_searched_with_its_misspelling_put_right(index_dir, monkeypatch):
    monkeypatch.setattr("qa.search.spelling.FREQUENT", 1)
    fresh = Searcher.open(index_dir, embedder_for=lambda _model: HashEmbedder())
    found = fresh.search(SearchRequest('"graded care profle"', k=10))
    assert [n.code for n in found.notices] == ["spelling_corrected"]
    assert found.hits and all("graded care profile" in h.text.lower() for h in found.hits)

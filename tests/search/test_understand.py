"""What a question was understood as, said back: places the index lacks, a misspelt authority
put right, words no letter holds, judgements asked about, and sentences quoted with their
section."""

import pytest

from qa.indexing.embed import HashEmbedder
from qa.search.request import SearchRequest
from qa.search.searcher import Searcher
from qa.search.understand import understand


@pytest.fixture(scope="module")
def searcher(index_dir):
    return Searcher.open(index_dir, embedder_for=lambda _model: HashEmbedder())


def _codes(body):
    return [n["code"] for n in body["notices"]]


def test_a_place_without_letters_is_named_and_the_rest_searched(client):
    body = client.get("/search?q=neglect in Leeds").get_json()
    assert _codes(body) == ["authority_not_indexed"]
    assert body["notices"][0]["message"].startswith("No letters for Leeds are in this index")
    assert body["results"] and body["scope"] is None


def test_a_misspelt_authority_is_searched_as_the_one_it_is_close_to(client):
    body = client.get("/search?q=neglect in Rutlnd").get_json()
    assert body["scope"] == "Rutland"
    assert "authority_corrected" in _codes(body)
    corrected = next(n for n in body["notices"] if n["code"] == "authority_corrected")
    assert corrected["message"].startswith("Showing results for Rutland")
    assert {r["citation"]["local_authority"] for r in body["results"]} == {"Rutland"}
    assert [x["local_authority"] for x in body["letters"]] == ["Rutland"]


def test_a_question_no_letter_has_a_word_of_returns_nothing_and_says_so(client):
    body = client.get("/search?q=xyzzy plugh frobnicate").get_json()
    assert body["results"] == [] and body["answer"] == []
    assert _codes(body) == ["no_known_words", "no_answer"]
    assert "“xyzzy”, “plugh” or “frobnicate”" in body["notices"][0]["message"]


def test_words_no_letter_has_are_named_and_the_rest_searched(client):
    body = client.get("/search?q=neglect xyzzy").get_json()
    assert _codes(body) == ["unknown_words"]
    assert body["results"]


def test_a_judgement_question_puts_the_graded_letters_statement_first(client):
    body = client.get("/search?q=Why was Marshfield judged good?").get_json()
    assert "judgement" in _codes(body)
    first = body["results"][0]["citation"]
    assert (first["local_authority"], first["place"]) == ("Marshfield", "opening summary")
    assert body["letters"] == [
        {
            "letter_id": first["letter_id"],
            "local_authority": "Marshfield",
            "date": "2024-05-24",
            "published": "2024-07-12",
            "type": "standard inspection",
            "judgements": {
                "overall_effectiveness": "good",
                "impact_of_leaders": "good",
                "help_and_protection": "requires improvement to be good",
                "children_in_care": "good",
                "care_leavers": "outstanding",
            },
        }
    ]


def test_a_grade_no_letter_searched_has_is_said(client):
    body = client.get("/search?q=why was Marshfield judged inadequate").get_json()
    assert "judgement_not_found" in _codes(body)


@pytest.mark.parametrize(
    ("question", "grade"),
    [
        ("Why was Bury judged inadequate?", "inadequate"),
        ("which councils were rated outstanding", "outstanding"),
        ("what got Leeds to good", "good"),
        ("inadequate authorities and their leaders", "inadequate"),
        ("authorities that requires improvement", None),
        ("good practice in supervision", None),
    ],
)
def test_judgement_questions_are_recognised(searcher, question, grade):
    understood = understand(question, searcher.authority_matcher, searcher.parts.keywords.knows)
    assert understood.grade == grade


def test_answer_sentences_carry_their_section(client):
    body = client.get("/search?q=timeliness of initial health assessments").get_json()
    assert body["answer"][0]["section"] == "What needs to improve?"


def test_a_sentence_sharing_only_a_common_word_is_not_highlighted(searcher):
    response = searcher.answer(SearchRequest("children who go missing from home", k=10))
    for hit in response.hits:
        for sentence in hit.highlights:
            assert "missing" in sentence.lower(), sentence


def test_a_misspelt_place_does_not_stop_sentences_being_highlighted(client):
    body = client.get("/search?q=neglect in Rutlnd").get_json()
    assert body["answer"]
    assert all("neglect" in h.lower() for r in body["results"] for h in r["highlights"])
    assert any(r["highlights"] for r in body["results"])


def test_a_place_the_letters_hold_is_a_word_they_contain(client):
    body = client.get("/search?q=xyzzy in Rutland").get_json()
    assert _codes(body) == ["unknown_words"]
    assert body["results"] and body["scope"] == "Rutland"


def test_an_unknown_word_and_a_place_without_letters_search_nothing(client):
    body = client.get("/search?q=xyzzy in Leeds").get_json()
    assert _codes(body) == ["authority_not_indexed", "no_known_words", "no_answer"]
    assert body["results"] == []


def test_a_year_no_letter_of_the_place_is_from_is_said_and_not_applied(client):
    body = client.get("/search?q=neglect in Rutland in 2019").get_json()
    assert body["scope"] == "Rutland"
    assert body["notices"] == [
        {
            "code": "scope_not_applied",
            "message": "No indexed letter about Rutland is from 2019, so the search was not "
            "narrowed to 2019.",
        }
    ]

"""Answer sentences and highlights: whole, verbatim sentences that match the question best."""

from qa.core.analyser import tokenize
from qa.core.models import Citation, Hit
from qa.indexing.embed import HashEmbedder
from qa.indexing.keywords import KeywordIndex
from qa.reading.passages import sentence_spans
from qa.search.answer import pick_answer, pick_highlights
from qa.search.request import SearchRequest
from qa.search.searcher import Searcher

PASSAGE = (
    "Dr. Patel chairs the panel, e.g. for complex cases. Leaders have introduced a kinship care "
    "team that supports grandparents, including help with legal costs. Visits are frequent."
)


def _sentences(text: str) -> list[str]:
    return [text[start:end] for start, end in sentence_spans(text)]


def _hit(rank: int, text: str) -> Hit:
    citation = Citation(
        "id",
        "t",
        "A",
        "2024-01-01",
        None,
        "focused visit",
        "s",
        rank,
        rank,
        None,
        None,
        "a.txt",
        "/",
    )
    return Hit(rank, 1.0, text, citation, sentences=tuple(_sentences(text)))


def test_highlight_is_the_whole_sentence_that_answers():
    terms = dict.fromkeys(tokenize("help grandparents with legal costs"), 1.0)
    assert pick_highlights(_sentences(PASSAGE), terms) == [
        "Leaders have introduced a kinship care team that supports grandparents, including help "
        "with legal costs."
    ]


def test_abbreviations_do_not_cut_a_highlighted_sentence():
    terms = dict.fromkeys(tokenize("who chairs the panel for complex cases"), 1.0)
    assert (
        pick_highlights(_sentences(PASSAGE), terms)[0]
        == "Dr. Patel chairs the panel, e.g. for complex cases."
    )


def test_answer_points_at_the_result_holding_each_sentence():
    hits = [_hit(1, "Caseloads are high. Morale is good."), _hit(2, PASSAGE)]
    answer = pick_answer(hits, dict.fromkeys(tokenize("kinship care for grandparents"), 1.0))
    assert answer[0].result == 2
    assert answer[0].text.startswith("Leaders have introduced a kinship care team")
    assert all(a.text in hits[a.result - 1].text for a in answer)


def test_search_answer_quotes_the_known_sentence_first(index_dir):
    searcher = Searcher.open(index_dir, embedder_for=lambda _model: HashEmbedder())
    response = searcher.answer(SearchRequest("who helps grandparents with legal costs?", k=5))
    assert response.answer[0].text == (
        "Leaders have introduced a kinship care team that supports grandparents and other "
        "relatives who look after children, including help with legal costs."
    )
    assert response.hits[response.answer[0].result - 1].citation.local_authority == "Rutland"


def test_sentence_spans_are_verbatim_and_leave_out_bullet_marks():
    text = "Plans are reviewed:\n• in core groups, e.g. monthly.\n• by Dr. Jones. Then closed."
    assert _sentences(text) == [
        "Plans are reviewed:",
        "in core groups, e.g. monthly.",
        "by Dr. Jones.",
        "Then closed.",
    ]


def test_a_rare_word_of_the_question_outweighs_a_common_one():
    index = KeywordIndex.build(["children seen", "children neglect", "children visited"])
    weights = index.weights("neglect of children")
    assert weights[tokenize("neglect")[0]] > weights[tokenize("children")[0]]
    hits = [_hit(1, "Most children are seen alone and often. Neglect is recognised early.")]
    assert pick_answer(hits, weights)[0].text == "Neglect is recognised early."

"""The whole path with the real model: letters (text and a generated PDF) → index → answers."""

import pytest

from qa.core.settings import DEFAULT_MODEL
from qa.indexing.build import update_index
from qa.indexing.embed import shared_embedder
from qa.search.request import SearchRequest
from qa.search.searcher import Searcher

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def real_index(letters_dir, tmp_path_factory):
    index = tmp_path_factory.mktemp("real-index")
    summary = update_index(
        letters_dir, index, DEFAULT_MODEL, lambda: shared_embedder(DEFAULT_MODEL)
    )
    assert summary.letters == 3 and not summary.failed
    return index


@pytest.fixture(scope="module")
def searcher(real_index):
    return Searcher.open(real_index)


@pytest.mark.parametrize(
    ("question", "source", "start"),
    [
        (
            "Do young people leaving care get help opening a bank account?",
            "visits/halton's monitoring visit.md",
            "Care leavers in Halton are helped to get a passport",
        ),
        (
            "Is anyone helping grandparents who look after their grandchildren?",
            "visits/rutland focused visit.txt",
            "Leaders have introduced a kinship care team",
        ),
        (
            "What happens when children run away from home?",
            "marshfield inspection - 12 july 2024.pdf",
            "Children who go missing from home or care",
        ),
        (
            "how are privately fostered children checked on",
            "marshfield inspection - 12 july 2024.pdf",
            "Private fostering arrangements",
        ),
    ],
)
def test_paraphrased_question_finds_its_passage_first(searcher, question, source, start):
    hits = searcher.search(SearchRequest(question, k=3)).hits
    assert (hits[0].citation.source, hits[0].text[: len(start)]) == (source, start)


def test_pdf_passage_cites_its_page_and_paragraph(searcher):
    hits = searcher.search(SearchRequest("private fostering assessed and visited", k=1)).hits
    citation = hits[0].citation
    assert (citation.paragraph, citation.page, citation.local_authority) == (4, 2, "Marshfield")


def test_index_records_the_model_and_the_dimension(searcher):
    assert searcher.generation.manifest.model == DEFAULT_MODEL
    assert searcher.generation.manifest.dimension == 384


def test_real_vectors_are_unit_length(searcher):
    import numpy as np

    stored = searcher.vectors
    assert np.allclose(np.linalg.norm(stored, axis=1), 1.0, atol=1e-4)

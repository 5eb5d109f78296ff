import pytest

CITATION_FIELDS = {
    "letter_id",
    "title",
    "local_authority",
    "date",
    "type",
    "section",
    "paragraph",
    "page",
    "source",
    "url",
}


def test_search_returns_ranked_cited_passages(client):
    response = client.get("/search?q=kinship care for grandparents&k=3")
    assert response.status_code == 200
    body = response.get_json()
    assert body["query"] == "kinship care for grandparents"
    assert len(body["results"]) == 3
    first = body["results"][0]
    assert first["rank"] == 1 and isinstance(first["score"], float)
    assert first["text"].startswith("Leaders have introduced a kinship care team")
    assert set(first["citation"]) == CITATION_FIELDS
    assert first["citation"] | {"letter_id": None, "url": None} == {
        "letter_id": None,
        "url": None,
        "title": "Focused visit to Riverton children's services",
        "local_authority": "Riverton",
        "date": "2025-03-14",
        "type": "focused visit",
        "section": "Main findings",
        "paragraph": 5,
        "page": None,
        "source": "visits/riverton focused visit.txt",
    }
    assert first["citation"]["url"] == f"/letters/{first['citation']['letter_id']}#p5"


def test_pdf_citation_has_page_and_letter_number(client):
    body = client.get("/search?q=private fostering arrangements assessed promptly&k=1").get_json()
    citation = body["results"][0]["citation"]
    assert (citation["paragraph"], citation["page"], citation["source"]) == (
        4,
        2,
        "marshfield inspection - 12 july 2024.pdf",
    )


def test_search_default_k_is_ten(client):
    assert len(client.get("/search?q=children").get_json()["results"]) == 10


def test_search_returns_answer_sentences_from_results(client):
    body = client.get("/search?q=kinship care team&k=5").get_json()
    assert body["answer"], body
    for sentence in body["answer"]:
        assert sentence["text"] in body["results"][sentence["result"] - 1]["text"]


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("/search", "Missing question: give q, e.g. /search?q=neglect"),
        ("/search?q=", "Missing question: give q, e.g. /search?q=neglect"),
        ("/search?q=x&k=0", "k must be from 1 to 50, not 0"),
        ("/search?q=x&k=51", "k must be from 1 to 50, not 51"),
        ("/search?q=x&k=abc", "k must be a whole number from 1 to 50, not 'abc'"),
        (
            "/search?q=x&date_from=yesterday",
            "date_from must be a date as YYYY-MM-DD, not 'yesterday'",
        ),
    ],
)
def test_bad_search_is_a_400_with_a_json_message(client, url, message):
    response = client.get(url)
    assert response.status_code == 400
    assert response.get_json() == {"error": message}


def test_letters_list_has_every_letter_newest_first(client):
    letters = client.get("/api/letters").get_json()["letters"]
    assert [x["source"] for x in letters] == [
        "visits/riverton focused visit.txt",
        "visits/lakeside's monitoring visit.md",
        "marshfield inspection - 12 july 2024.pdf",
    ]
    assert {"letter_id", "title", "local_authority", "date", "type", "source", "passages"} <= set(
        letters[0]
    )
    assert letters[0]["passages"] == 6


def test_letter_has_its_passages_in_reading_order(client):
    listed = client.get("/api/letters").get_json()["letters"][0]
    letter = client.get(f"/api/letters/{listed['letter_id']}").get_json()
    assert letter["title"] == listed["title"]
    assert [p["paragraph"] for p in letter["passages"]] == [1, 2, 3, 4, 5, 6]
    assert set(letter["passages"][0]) >= {"paragraph", "page", "section", "text"}


@pytest.mark.parametrize(
    "url", ["/api/letters/0000000000000000", "/letters/nope", "/letters/nope/source"]
)
def test_unknown_letter_is_a_404(client, url):
    assert client.get(url).status_code == 404


def test_unknown_letter_api_error_is_json(client):
    assert client.get("/api/letters/abc").get_json() == {
        "error": "No letter with id 'abc' in the index"
    }


def test_health_counts_letters_and_passages(client):
    body = client.get("/health").get_json()
    assert (body["status"], body["letters"]) == ("ok", 3)
    assert body["passages"] > 10


def test_letter_page_anchors_every_passage(client):
    listed = client.get("/api/letters").get_json()["letters"][0]
    html = client.get(f"/letters/{listed['letter_id']}?hl=p5").get_data(as_text=True)
    for number in range(1, 7):
        assert f'id="p{number}"' in html
    assert 'class="app-passage app-passage--cited" id="p5"' in html


def test_search_page_shows_results_with_citations(client):
    html = client.get("/?q=kinship care team").get_data(as_text=True)
    assert "Leaders have introduced a" in html
    assert "Riverton · focused visit · 14 March 2025 · Main findings · paragraph 5" in html


def test_search_page_shows_errors_on_the_page(client):
    response = client.get("/?q=")
    assert response.status_code == 400
    assert "There is a problem" in response.get_data(as_text=True)


def test_original_pdf_is_served_inline(client):
    letters = client.get("/api/letters").get_json()["letters"]
    pdf = next(x for x in letters if x["source"].endswith(".pdf"))
    response = client.get(f"/letters/{pdf['letter_id']}/source")
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert "attachment" not in response.headers.get("Content-Disposition", "")
    assert response.data.startswith(b"%PDF")


def test_missing_index_is_a_503_that_says_how_to_build_it(tmp_path):
    from web import create_app

    client = create_app({"TESTING": True, "INDEX": str(tmp_path / "none")}).test_client()
    response = client.get("/search?q=neglect")
    assert response.status_code == 503
    assert 'run "python -m qa index --letters DIR' in response.get_json()["error"]

import pytest

CITATION_FIELDS = {
    "letter_id",
    "title",
    "local_authority",
    "date",
    "published",
    "type",
    "section",
    "paragraph",
    "position",
    "place",
    "page",
    "source",
    "url",
}


def test_search_returns_ranked_cited_passages(client):
    response = client.get("/search?q=kinship care for grandparents&k=3")
    assert response.status_code == 200
    body = response.get_json()
    assert body["query"] == "kinship care for grandparents"
    assert body["generation"] == client.get("/health").get_json()["generation"]
    assert len(body["results"]) == 3
    first = body["results"][0]
    assert first["rank"] == 1 and isinstance(first["score"], float)
    assert first["text"].startswith("Leaders have introduced a kinship care team")
    assert set(first["citation"]) == CITATION_FIELDS
    assert first["citation"] | {"letter_id": None, "url": None} == {
        "letter_id": None,
        "url": None,
        "title": "Focused visit to Rutland children's services",
        "local_authority": "Rutland",
        "date": "2025-02-05",
        "published": "2025-03-14",
        "type": "focused visit",
        "section": "Main findings",
        "paragraph": 5,
        "position": 5,
        "place": None,
        "page": None,
        "source": "visits/rutland focused visit.txt",
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
        ("/search", "Missing question (q): ask in words, e.g. neglect"),
        ("/search?q=", "Missing question (q): ask in words, e.g. neglect"),
        ("/search?q=x&k=0", "k must be from 1 to 50, not 0"),
        ("/search?q=x&k=51", "k must be from 1 to 50, not 51"),
        ("/search?q=x&k=abc", "k must be a whole number from 1 to 50, not 'abc'"),
        ("/search?q=%20%20", "Missing question (q): ask in words, e.g. neglect"),
        ("/search?q=" + "a" * 1001, "q is 1001 characters long; the limit is 1000"),
        ("/search?q=%3F%3F%21", "q has no word to search for: '??!'; ask in words"),
        ("/search?q=x&k=", "k must be a whole number from 1 to 50, not ''"),
        ("/search?q=x&k=-1", "k must be a whole number from 1 to 50, not '-1'"),
        ("/search?q=x&k=2.5", "k must be a whole number from 1 to 50, not '2.5'"),
        ("/search?q=x&k=1e3", "k must be a whole number from 1 to 50, not '1e3'"),
        ("/search?q=x&k=99999999", "k must be a whole number from 1 to 50, not '99999999'"),
        (
            "/search?q=x&date_from=yesterday",
            "date_from must be a date as YYYY-MM-DD, not 'yesterday'",
        ),
        (
            "/search?q=x&date_to=2024-02-30",
            "date_to must be a date as YYYY-MM-DD, not '2024-02-30'",
        ),
        (
            "/search?q=x&date_from=2024-01-01&date_to=2023-12-31",
            "date_from 2024-01-01 is after date_to 2023-12-31",
        ),
        (
            "/search?q=x&type=report",
            "No letters with type 'report' are in the index; "
            "choose one of: focused visit, monitoring visit, standard inspection",
        ),
        (
            "/search?q=x&local_authority=Atlantis",
            "No letters with local authority 'Atlantis' are in the index; "
            "choose one of: Halton, Marshfield, Rutland",
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
        "visits/rutland focused visit.txt",
        "marshfield inspection - 12 july 2024.pdf",
        "visits/halton's monitoring visit.md",
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


@pytest.mark.parametrize(
    "letter_id",
    [
        "..%2F..%2Fetc%2Fpasswd",
        "../../etc/passwd",
        "%2Fetc%2Fpasswd",
        "%2e%2e%2f%2e%2e%2fpyproject.toml",
        "..%5C..%5Cetc%5Cpasswd",
        "%00",
        "/etc/passwd",
    ],
)
def test_path_traversal_in_a_letter_id_finds_nothing(client, letter_id):
    response = client.get(f"/api/letters/{letter_id}")
    assert response.status_code == 404
    assert set(response.get_json()) == {"error"}
    for url in (f"/letters/{letter_id}", f"/letters/{letter_id}/source"):
        response = client.get(url)
        assert response.status_code == 404
        assert b"root:" not in response.data and b"[project]" not in response.data


@pytest.mark.parametrize(
    ("method", "url"),
    [("post", "/search"), ("put", "/api/letters"), ("patch", "/health"), ("post", "/openapi.json")],
)
def test_a_wrong_method_is_a_405_with_a_json_message(client, method, url):
    response = getattr(client, method)(url, data=b"{}", content_type="application/json")
    assert response.status_code == 405
    assert set(response.get_json()) == {"error"}


def test_unknown_api_path_is_a_404_with_a_json_message(client):
    response = client.get("/api/nothing/here")
    assert response.status_code == 404 and set(response.get_json()) == {"error"}


def test_a_letter_kept_elsewhere_and_linked_into_the_folder_is_served(fresh_letters, tmp_path):
    from tests.helpers import build
    from web import create_app

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    visit = fresh_letters / "visits" / "rutland focused visit.txt"
    visit.rename(elsewhere / "rutland.txt")
    visit.symlink_to(elsewhere / "rutland.txt")
    build(fresh_letters, tmp_path / "index")
    client = create_app({"TESTING": True, "INDEX": str(tmp_path / "index")}).test_client()
    letters = client.get("/api/letters").get_json()["letters"]
    letter = next(x for x in letters if x["source"] == "visits/rutland focused visit.txt")
    response = client.get(f"/letters/{letter['letter_id']}/source")
    assert response.status_code == 200 and b"Rutland" in response.data


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
    assert "Rutland · focused visit · 5 February 2025 · Main findings · paragraph 5" in html


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


def test_letter_passages_carry_printed_numbers_positions_and_places(client):
    letters = client.get("/api/letters").get_json()["letters"]
    letter_id = next(x["letter_id"] for x in letters if x["source"].startswith("marshfield"))
    passages = client.get(f"/api/letters/{letter_id}").get_json()["passages"]
    assert [p["position"] for p in passages] == list(range(1, len(passages) + 1))
    opening, point = passages[0], passages[1]
    assert (opening["paragraph"], opening["place"], opening["anchor"]) == (
        None,
        "opening summary",
        "u1",
    )
    assert (point["paragraph"], point["place"], point["section"]) == (
        None,
        "point 1",
        "What needs to improve?",
    )
    printed = [p["paragraph"] for p in passages if p["numbered"]]
    assert printed[0] == 1 and printed[-1] == 5
    assert all(p["paragraph"] is None for p in passages if not p["numbered"])


def test_citation_of_an_unnumbered_point_has_no_paragraph_number(client):
    body = client.get("/search?q=timeliness of initial health assessments&k=1").get_json()
    citation = body["results"][0]["citation"]
    assert (citation["paragraph"], citation["place"], citation["position"]) == (None, "point 1", 2)
    assert citation["url"].endswith("#u2")


@pytest.mark.parametrize(
    "question",
    [
        "neglect",
        '"graded care profile"',
        "Why was Halton judged requires improvement?",
        "neglet in Halton",
        "care leavers",
    ],
)
def test_every_response_has_scores_that_fall_with_rank(client, question):
    body = client.get("/search", query_string={"q": question, "k": 50}).get_json()
    scores = [r["score"] for r in body["results"]]
    assert scores and scores == sorted(scores, reverse=True), scores


def test_every_result_holds_the_quoted_phrase(client):
    body = client.get("/search", query_string={"q": '"graded care profile"'}).get_json()
    assert body["results"]
    assert all("graded care profile" in r["text"].lower() for r in body["results"])


@pytest.mark.parametrize(
    ("wrong", "message"),
    [
        # As the parser before the parameter models checked them: the dates (each range's
        # order with its last day), then local_authority, type, judgement, the per-area grades.
        ("local_authority=Nowhere&date_from=2020-13-01", "date_from must be a date"),
        ("date_from=2021-01-01&date_to=2020-01-01&type=zzz", "date_from 2021-01-01 is after"),
        ("date_from=2021-01-01&date_to=2020-01-01&published_since=x", "date_from 2021-01-01 is"),
        ("date_from=2021-01-01&date_to=x", "date_to must be a date"),
        ("published_since=2021-01-01&published_until=2020-01-01&local_authority=Nowhere", "pub"),
        ("type=zzz&local_authority=Nowhere", "No letters with local authority 'Nowhere'"),
        ("judgement=x&type=zzz", "No letters with type 'zzz'"),
        ("help_and_protection=bad&judgement=x", "judgement must be <area>:<grade>"),
        ("care_leavers=bad", "care_leavers grade must be one of"),
    ],
)
def test_the_first_wrong_filter_reported_is_the_one_checked_first(client, wrong, message):
    response = client.get(f"/search?q=neglect&{wrong}")
    assert response.status_code == 400
    assert response.get_json()["error"].startswith(message), response.get_json()


def test_improvements_api_reports_a_wrong_filter_before_too_many_words(client):
    words = "a" * 1001
    api = client.get(f"/api/improvements?q={words}&type=zzz")
    assert api.status_code == 400
    assert api.get_json()["error"].startswith("No letters with type 'zzz'")
    # The page keeps its own order: its words field first.
    page = client.get(f"/improvements?q={words}&type=zzz")
    assert page.status_code == 400
    assert "Words must be 1000 characters or fewer" in page.get_data(as_text=True)


@pytest.fixture
def admin_client(index_dir):
    from tests.conftest import ADMIN_TOKEN
    from web import create_app

    config = {"TESTING": True, "INDEX": str(index_dir), "RELOAD_SECONDS": 0.0}
    client = create_app(config | {"ADMIN_TOKEN": ADMIN_TOKEN}).test_client()
    client.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {ADMIN_TOKEN}"
    return client


@pytest.mark.parametrize("limit", ["%C2%B2", "abc", "", "0", "1001", "-1", "1.5"])
def test_a_bad_log_limit_is_a_400_naming_limit(admin_client, limit):
    response = admin_client.get(f"/api/admin/log?limit={limit}")
    assert response.status_code == 400
    assert response.get_json() == {"error": "limit must be a whole number from 1 to 1000"}


def test_the_log_limit_is_described_as_it_is_read(admin_client):
    assert admin_client.get("/api/admin/log?limit=5").status_code == 200
    assert admin_client.get("/api/admin/log").status_code == 200
    operation = admin_client.get("/openapi.json").get_json()["paths"]["/api/admin/log"]["get"]
    assert operation["parameters"] == [
        {
            "name": "limit",
            "in": "query",
            "description": "How many lines.",
            "schema": {"type": "integer", "minimum": 1, "maximum": 1000, "default": 100},
        }
    ]


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("/search?q=x&k=%C2%B2", "k must be a whole number from 1 to 50, not '²'"),
        ("/api/similar?letter_id=x&position=1&k=%C2%B2", None),
        ("/api/compare?q=x&per_letter=%C2%B2", "per_letter must be a whole number from 1 to 10"),
    ],
)
def test_a_superscript_digit_is_not_a_whole_number(client, url, message):
    response = client.get(url)
    assert response.status_code in (400, 404), response.get_data(as_text=True)
    if message:
        assert response.get_json() == {"error": message}


def test_k_sent_empty_is_refused_by_search_and_the_default_for_similar(client):
    assert client.get("/search?q=x&k=").status_code == 400
    letter_id = client.get("/api/letters").get_json()["letters"][0]["letter_id"]
    similar = client.get(f"/api/similar?letter_id={letter_id}&position=1&k=")
    assert similar.status_code == 200, similar.get_json()

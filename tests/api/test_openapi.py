"""The JSON API against its own OpenAPI description: schemathesis sends valid and invalid
requests in-process, and every answer must be documented, conform and never be a 5xx; a strict
validator (openapi-core) reads real answers of every JSON endpoint."""

import os
import re
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openapi_core import OpenAPI
from openapi_core.contrib.werkzeug import WerkzeugOpenAPIRequest, WerkzeugOpenAPIResponse
from schemathesis import GenerationMode, checks

from qa.search.request import QUERY_PATTERN
from qa.search.understand import NOTICE_CODES
from web.openapi import openapi_document

EXAMPLES = int(os.environ.get("QA_TEST_API_EXAMPLES", "60"))
DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
OPERATIONS = [
    (method.upper(), path)
    for path, operations in openapi_document()["paths"].items()
    for method in operations
]


@pytest.fixture(scope="module")
def api_app(index_dir):
    from web import create_app

    # The admin token stays unset: uploads and deletions, where served, must answer 403.
    return create_app(
        {"TESTING": True, "INDEX": str(index_dir), "RELOAD_SECONDS": 0.0, "ADMIN_TOKEN": None}
    )


@pytest.fixture(scope="module")
def api_schema(api_app):
    return schemathesis.openapi.from_wsgi("/openapi.json", api_app)


def _reversed_dates(query) -> bool:
    for start, end in (("date_from", "date_to"), ("published_since", "published_until")):
        dates = [(query or {}).get(name) for name in (start, end)]
        if all(isinstance(d, str) and DATE.fullmatch(d) for d in dates) and dates[0] > dates[1]:
            return True
    return False


def _letters_beyond_ascii(query) -> bool:
    question = (query or {}).get("q")
    return (
        isinstance(question, str)
        and re.search(QUERY_PATTERN, question) is not None
        and re.search("[A-Za-z0-9]", question) is None
    )


def _served(app, method: str, path: str) -> bool:
    rule = re.sub(r"\{(\w+)\}", r"<\1>", path)
    return any(r.rule == rule and method in r.methods for r in app.url_map.iter_rules())


# schemathesis's pytest plugin reads a private attribute that pytest 9 no longer has, so the
# cases are drawn here with Hypothesis from each operation's strategies, valid and invalid.
@pytest.mark.parametrize(("method", "path"), OPERATIONS, ids=[" ".join(o) for o in OPERATIONS])
def test_api_answers_every_request_as_documented(api_app, api_schema, method, path):
    if not _served(api_app, method, path):
        pytest.skip(f"{method} {path} is described but not served by this version")
    operation = api_schema[path][method]
    cases = st.one_of([operation.as_strategy(generation_mode=mode) for mode in GenerationMode])

    @given(case=cases)
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def answers_as_documented(case):
        excluded = []
        if _letters_beyond_ascii(case.query):
            # JSON Schema reads the pattern's \W as ASCII; the service counts letters of every
            # script, so a question in them is valid though the generator meant it not to be.
            excluded.append(checks.negative_data_rejection)
        if _reversed_dates(case.query):
            # Each date is valid alone; a range that ends before it starts is refused all the
            # same.
            excluded.append(checks.positive_data_acceptance)
        response = case.call_and_validate(excluded_checks=excluded)
        if _reversed_dates(case.query):
            assert response.status_code == 400

    answers_as_documented()


def test_openapi_is_served_with_the_filters_of_the_index(client):
    document = client.get("/openapi.json").get_json()
    parameters = {p["name"]: p for p in document["paths"]["/search"]["get"]["parameters"]}
    assert parameters["type"]["schema"]["enum"] == [
        "",
        "focused visit",
        "monitoring visit",
        "standard inspection",
    ]
    assert parameters["k"]["schema"] == {
        "type": "integer",
        "minimum": 1,
        "maximum": 50,
        "default": 10,
    }


def test_openapi_describes_uploads_and_deletions_with_a_bearer_token():
    paths = openapi_document()["paths"]
    upload = paths["/api/letters"]["post"]
    assert upload["security"] == [{"bearer": []}]
    assert set(upload["responses"]) >= {"201", "200", "401", "403", "413", "422"}
    assert "file" in upload["requestBody"]["content"]["multipart/form-data"]["schema"]["properties"]
    assert paths["/api/letters/{letter_id}"]["delete"]["security"] == [{"bearer": []}]


def _real_requests(client) -> list[tuple[str, dict, dict]]:
    letter_ids = [x["letter_id"] for x in client.get("/api/letters").get_json()["letters"]]
    return [("/api/letters/{letter_id}", {"letter_id": i}, {}) for i in letter_ids] + [
        ("/search", {}, {"q": "what needs to improve", "k": "50"}),
        ("/search", {}, {"q": "neglect", "local_authority": "Rutland"}),
        ("/search", {}, {"q": "neglect in Leeds and Rutlnd in 2019"}),
        ("/search", {}, {"q": "Why was Marshfield judged good?"}),
        ("/search", {}, {"q": "xyzzy plugh"}),
        ("/api/letters", {}, {}),
        ("/health", {}, {}),
    ]


def test_real_responses_of_every_letter_validate_against_openapi(api_app, api_schema):
    # Random letter ids only ever meet 404s: every indexed letter is asked for here.
    client = api_app.test_client()
    for path, path_parameters, query in _real_requests(client):
        case = api_schema[path]["GET"].Case(path_parameters=path_parameters, query=query)
        response = case.call()
        assert response.status_code == 200, (path, path_parameters, query)
        api_schema[path]["GET"].validate_response(response)


def test_every_notice_the_code_gives_is_described():
    source = "".join(p.read_text() for p in (Path(__file__).parents[2] / "qa").rglob("*.py"))
    given = set(re.findall(r'Notice\(\s*"([a-z_]+)"', source))
    assert given and given <= set(NOTICE_CODES)


@pytest.fixture(scope="module")
def strict_openapi(api_app) -> OpenAPI:
    # from_dict checks the document itself against the OpenAPI meta-schema first.
    return OpenAPI.from_dict(api_app.test_client().get("/openapi.json").get_json())


# (what is asked, the address with {letter} for an indexed letter's id, the status, whether the
# answer carries notices).
STRICT_CASES = [
    ("search without notices", "/search?q=neglect&k=50", 200, False),
    ("search with notices", "/search?q=neglect+in+Leeds+and+Rutlnd", 200, True),
    ("search for words no letter uses", "/search?q=xyzzy+plugh", 200, True),
    ("search in an authority", "/search?q=neglect&local_authority=Rutland", 200, None),
    ("letters", "/api/letters", 200, None),
    ("one letter", "/api/letters/{letter}", 200, None),
    ("authorities", "/api/authorities", 200, None),
    ("compare without authorities", "/api/compare?q=supervision", 200, None),
    ("compare with authorities", "/api/compare?q=supervision&local_authority=Rutland", 200, None),
    ("judgements", "/api/judgements", 200, None),
    ("latest judgements", "/api/judgements?latest=true&sort=help_and_protection", 200, None),
    ("improvements", "/api/improvements?q=plan", 200, None),
    ("similar", "/api/similar?letter_id={letter}&position=1", 200, None),
    ("trends", "/api/trends?q=neglect&q=supervision", 200, None),
    ("health", "/health", 200, None),
    ("a 400", "/search?q=x&k=0", 400, None),
    ("a 404", "/api/letters/0000000000000000", 404, None),
]


@pytest.mark.parametrize(
    ("address", "status", "notices"),
    [case[1:] for case in STRICT_CASES],
    ids=[case[0] for case in STRICT_CASES],
)
def test_real_responses_validate_strictly_against_openapi(
    api_app, strict_openapi, address, status, notices
):
    client = api_app.test_client()
    letter_id = client.get("/api/letters").get_json()["letters"][0]["letter_id"]
    response = client.get(address.format(letter=letter_id))
    assert response.status_code == status, response.get_data(as_text=True)
    if notices is not None:
        assert bool(response.get_json()["notices"]) is notices
    request = WerkzeugOpenAPIRequest(response.request)
    if status == 200:
        strict_openapi.validate_request(request)
    strict_openapi.validate_response(request, WerkzeugOpenAPIResponse(response))

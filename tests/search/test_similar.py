"""Similar findings: from one passage, the passages most like it in other letters."""

from __future__ import annotations

import re
from dataclasses import fields

import numpy as np
import pytest

from qa.core.models import Citation
from qa.search.similar import SimilarRequest, similar
from web.context import current_searcher


def _letters(client) -> list[dict]:
    return client.get("/api/letters").get_json()["letters"]


def _body(client, query: str, status: int = 200) -> dict:
    response = client.get("/api/similar" + query)
    assert response.status_code == status, response.get_json()
    return response.get_json()


def test_similar_passages_come_from_other_letters_each_with_a_full_citation(client):
    letter = _letters(client)[0]
    body = _body(client, f"?letter_id={letter['letter_id']}&position=2&k=5")
    assert body["passage"]["citation"]["letter_id"] == letter["letter_id"]
    assert body["passage"]["citation"]["position"] == 2
    results = body["results"]
    assert 1 <= len(results) <= 5
    assert {r["citation"]["letter_id"] for r in results}.isdisjoint({letter["letter_id"]})
    for hit in results:
        assert set(hit["citation"]) == {f.name for f in fields(Citation)}
        assert hit["citation"]["url"].startswith(f"/letters/{hit['citation']['letter_id']}#")
    scores = [r["score"] for r in results]
    assert scores == sorted(scores, reverse=True)
    assert [r["rank"] for r in results] == list(range(1, len(results) + 1))


def test_similar_passages_are_the_nearest_by_brute_force_cosine(app):
    with app.app_context():
        searcher = current_searcher()
    letter = searcher.letters[0]
    request = SimilarRequest(letter.letter_id, 1, k=50)
    found = similar(searcher, request)
    vectors = searcher.vectors
    rows = np.flatnonzero(searcher.owners != 0)
    cosines = vectors[rows] @ vectors[int(np.flatnonzero(searcher.owners == 0)[0])]
    texts = [
        searcher.letters[searcher.owners[r]]
        .passages[r - int(np.flatnonzero(searcher.owners == searcher.owners[r])[0])]
        .text
        for r in rows
    ]
    expected, seen = [], {letter.passages[0].text}
    for i in np.argsort(-cosines, kind="stable"):
        if texts[i] not in seen:
            seen.add(texts[i])
            expected.append(round(float(cosines[i]), 4))
    assert [hit.score for hit in found.hits] == pytest.approx(expected[:50], abs=1e-4)


def test_similar_passages_keep_the_filters_of_search(client):
    letters = _letters(client)
    first, other = letters[0], next(x for x in letters[1:] if x["local_authority"])
    query = f"?letter_id={first['letter_id']}&position=1&local_authority={other['local_authority']}"
    results = _body(client, query)["results"]
    assert results
    assert {r["citation"]["local_authority"] for r in results} == {other["local_authority"]}


@pytest.mark.parametrize(
    ("query", "status", "message"),
    [
        ("?position=1", 400, "Missing letter_id"),
        ("?letter_id={id}", 400, "position must be a whole number from 1 to"),
        ("?letter_id={id}&position=9999", 400, "position must be from 1 to"),
        ("?letter_id={id}&position=1&k=51", 400, "k must be from 1 to 50, not 51"),
        ("?letter_id=0123456789abcdef&position=1", 404, "0123456789abcdef"),
    ],
)
def test_a_bad_similar_request_names_what_is_wrong(client, query, status, message):
    letter_id = _letters(client)[0]["letter_id"]
    body = _body(client, query.format(id=letter_id), status)
    assert message in body["error"]


def test_the_search_page_and_the_letter_page_link_to_similar_findings(client):
    html = client.get("/?q=children").get_data(as_text=True)
    links = re.findall(r'href="(/similar\?letter_id=\w+&amp;position=\d+)"', html)
    assert len(links) == 10
    letter_id = _letters(client)[0]["letter_id"]
    letter = client.get(f"/letters/{letter_id}").get_data(as_text=True)
    assert f'href="/similar?letter_id={letter_id}&amp;position=1"' in letter
    page = client.get(links[0].replace("&amp;", "&"))
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "Findings like this one in other letters" in text
    assert 'id="result-1"' in text

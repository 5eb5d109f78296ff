"""/admin: sign in with the token, find letters by authority, remove one behind a confirmation
page, restore it, and read the latest log lines."""

from __future__ import annotations

import io
import json
import re

from tests.conftest import ADMIN_TOKEN
from tests.synthetic import FOCUSED_VISIT


def _csrf(page: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)


def _signed_in(app):
    client = app.test_client()
    token = _csrf(client.get("/admin").get_data(as_text=True))
    response = client.post("/admin/sign-in", data={"csrf_token": token, "token": ADMIN_TOKEN})
    assert response.status_code == 303, response.get_data(as_text=True)
    return client, token


def test_admin_is_linked_from_every_page_footer(client):
    assert 'href="/admin"' in client.get("/").get_data(as_text=True)


def test_signing_in_with_a_wrong_token_is_an_error_on_the_form(admin_site):
    app, _letters, _index = admin_site
    client = app.test_client()
    page = client.get("/admin").get_data(as_text=True)
    assert "Sign in" in page and "Remove" not in page
    wrong = client.post("/admin/sign-in", data={"csrf_token": _csrf(page), "token": "nope"})
    assert wrong.status_code == 401
    assert "govuk-error-summary" in wrong.get_data(as_text=True)
    assert "Remove" not in client.get("/admin").get_data(as_text=True)


def test_signed_in_the_page_lists_uploaded_letters_first_and_finds_them_by_authority(admin_site):
    app, _letters, _index = admin_site
    client, token = _signed_in(app)
    new = FOCUSED_VISIT.replace("Rutland", "Nottingham").replace("neglect", "neglect, again")
    added = client.post(
        "/admin",
        data={"csrf_token": token, "file": (io.BytesIO(new.encode()), "nottingham.txt")},
        content_type="multipart/form-data",
    )
    assert added.status_code == 201, added.get_data(as_text=True)
    page = client.get("/admin").get_data(as_text=True).split('id="removed"')[0]
    rows = re.findall(r'<td class="govuk-table__cell">([^<]*\.(?:txt|md|pdf))</td>', page)
    assert rows[0] == "uploads/nottingham.txt" and len(rows) == 4, rows
    found = client.get("/admin?authority=halt").get_data(as_text=True)
    assert "1 of 4 letters about “halt”" in found
    assert "Monitoring visit to Halton" in found and "Focused visit to Rutland" not in found


def test_remove_asks_first_then_restore_puts_the_letter_back(admin_site):
    app, letters, index = admin_site
    client, token = _signed_in(app)
    listed = client.get("/api/letters").get_json()["letters"]
    rutland = next(x for x in listed if x["local_authority"] == "Rutland")
    letter_id = rutland["letter_id"]
    page = client.get("/admin").get_data(as_text=True)
    assert f'href="/admin/letters/{letter_id}/remove"' in page

    confirm = client.get(f"/admin/letters/{letter_id}/remove").get_data(as_text=True)
    assert "Are you sure you want to remove this letter?" in confirm
    assert (letters / rutland["source"]).exists()

    refused = app.test_client().post(f"/admin/letters/{letter_id}/remove", data={})
    assert refused.status_code == 400 and (letters / rutland["source"]).exists()  # no CSRF
    removed = client.post(f"/admin/letters/{letter_id}/remove", data={"csrf_token": token})
    assert removed.status_code == 303
    page = client.get("/admin").get_data(as_text=True)
    assert "Removed “Focused visit to Rutland children&#39;s services”" in page
    assert f'action="/admin/letters/{letter_id}/restore"' in page
    assert not (letters / rutland["source"]).exists()
    assert letter_id not in [
        x["letter_id"] for x in client.get("/api/letters").get_json()["letters"]
    ]

    restored = client.post(f"/admin/letters/{letter_id}/restore", data={"csrf_token": token})
    assert restored.status_code == 303
    page = client.get("/admin").get_data(as_text=True)
    assert "Restored “Focused visit to Rutland children&#39;s services”" in page
    assert "No letters have been removed" in page
    assert (letters / rutland["source"]).exists()
    assert client.get(f"/api/letters/{letter_id}").status_code == 200

    lines = [json.loads(x) for x in (index / "audit.jsonl").read_text().splitlines()]
    assert [(x["action"], x["outcome"]) for x in lines] == [
        ("remove", "refused"),
        ("remove", "removed"),
        ("restore", "restored"),
    ]
    assert "restored" in page and "removed" in page


def test_a_removal_without_signing_in_is_refused(admin_site):
    app, letters, _index = admin_site
    client = app.test_client()
    token = _csrf(client.get("/admin").get_data(as_text=True))
    letter = client.get("/api/letters").get_json()["letters"][0]
    assert client.get(f"/admin/letters/{letter['letter_id']}/remove").status_code == 303
    response = client.post(
        f"/admin/letters/{letter['letter_id']}/remove", data={"csrf_token": token}
    )
    assert response.status_code == 401 and (letters / letter["source"]).exists()

"""Uploads and deletions through POST/DELETE /api/letters and the admin page."""

import io
import re

import pytest

from qa.indexing.store import current_path
from tests.helpers import build, files_under, upload
from tests.synthetic import FOCUSED_VISIT
from web import create_app

TOKEN = "s3cret-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
NEW_LETTER = FOCUSED_VISIT.replace("Rutland", "Nottingham").replace(
    "kinship care team", "family group conference service"
)


@pytest.fixture
def site(fresh_letters, tmp_path):
    """An app over its own index of a writable letters folder, uploads allowed."""
    index = tmp_path / "index"
    build(fresh_letters, index)
    app = create_app(
        {
            "TESTING": True,
            "INDEX": str(index),
            "LETTERS": str(fresh_letters),
            "RELOAD_SECONDS": 0.0,
            "ADMIN_TOKEN": TOKEN,
        }
    )
    return app, fresh_letters, index


def _upload(client, data: bytes, name: str, token: str | None = TOKEN):
    return upload(client, data, name, token)


def test_upload_stores_indexes_and_serves_the_new_letter_at_once(site):
    app, letters, _index = site
    client = app.test_client()
    response = _upload(client, NEW_LETTER.encode(), "nottingham visit.txt")
    assert response.status_code == 201
    body = response.get_json()
    assert body["local_authority"] == "Nottingham" and body["passages"]
    assert "uploads/nottingham_visit.txt" in files_under(letters)
    found = client.get("/search?q=family group conference service&k=1").get_json()
    assert found["results"][0]["citation"]["letter_id"] == body["letter_id"]


def test_uploading_the_same_content_again_returns_the_existing_letter(site):
    app, letters, index = site
    client = app.test_client()
    first = _upload(client, NEW_LETTER.encode(), "nottingham.txt").get_json()
    generation = current_path(index).name
    again = _upload(client, NEW_LETTER.encode(), "another name.txt")
    assert again.status_code == 200
    assert again.get_json()["letter_id"] == first["letter_id"]
    assert "uploads/another_name.txt" not in files_under(letters)
    assert current_path(index).name == generation


@pytest.mark.parametrize(
    ("data", "name", "reason"),
    [
        (b"\x00\x01garbage" * 50, "broken.pdf", "not a PDF file"),
        (b"", "empty.txt", "empty"),
        (b"MZ\x90\x00", "program.exe", "not a letter file"),
    ],
)
def test_an_unreadable_upload_is_422_with_the_reason_and_changes_nothing(site, data, name, reason):
    app, letters, index = site
    before, generation = files_under(letters), current_path(index).name
    response = _upload(app.test_client(), data, name)
    assert response.status_code == 422
    assert name in response.get_json()["error"] and reason in response.get_json()["error"]
    assert files_under(letters) == before and current_path(index).name == generation


def test_uploads_are_refused_with_403_while_no_admin_token_is_set(site):
    app, _letters, _index = site
    app.config["ADMIN_TOKEN"] = None
    client = app.test_client()
    response = _upload(client, NEW_LETTER.encode(), "x.txt")
    assert response.status_code == 403 and "QA_ADMIN_TOKEN" in response.get_json()["error"]
    assert client.delete("/api/letters/0123456789abcdef").status_code == 403


@pytest.mark.parametrize("token", [None, "wrong", "", TOKEN + "x"])
def test_a_missing_or_wrong_token_is_401(site, token):
    app, letters, _index = site
    before = files_under(letters)
    response = _upload(app.test_client(), NEW_LETTER.encode(), "x.txt", token=token)
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"].lower().startswith("bearer")
    assert "error" in response.get_json()
    assert files_under(letters) == before


def test_the_token_is_compared_in_constant_time(site, monkeypatch):
    import web.auth

    compared = []
    real = web.auth.hmac.compare_digest
    monkeypatch.setattr(
        web.auth.hmac, "compare_digest", lambda a, b: compared.append((a, b)) or real(a, b)
    )
    app, _letters, _index = site
    _upload(app.test_client(), b"irrelevant", "x.txt", token="guess")
    assert compared == [(b"guess", TOKEN.encode())]


def test_an_upload_that_is_not_multipart_is_415_and_one_without_a_file_is_400(site):
    app, _letters, _index = site
    client = app.test_client()
    headers = {"Authorization": f"Bearer {TOKEN}"}
    wrong_type = client.post("/api/letters", json={"file": "text"}, headers=headers)
    assert wrong_type.status_code == 415 and "multipart" in wrong_type.get_json()["error"]
    no_file = client.post(
        "/api/letters", data={"other": "x"}, headers=headers, content_type="multipart/form-data"
    )
    assert no_file.status_code == 400 and "file" in no_file.get_json()["error"]


def test_an_oversize_upload_is_413_naming_the_limit(site):
    app, letters, _index = site
    app.config["MAX_CONTENT_LENGTH"] = 1024
    before = files_under(letters)
    response = _upload(app.test_client(), b"x" * 4096, "big.txt")
    assert response.status_code == 413 and "MB" in response.get_json()["error"]
    assert files_under(letters) == before


def test_removal_moves_the_letter_file_and_its_copies_to_the_removed_letters(site):
    app, letters, _index = site
    client = app.test_client()
    visit = letters / "visits" / "rutland focused visit.txt"
    original = visit.read_bytes()
    (letters / "copy of rutland.txt").write_bytes(original)
    listed = client.get("/api/letters").get_json()["letters"]
    rutland = next(x for x in listed if x["local_authority"] == "Rutland")
    response = client.delete(f"/api/letters/{rutland['letter_id']}", headers=AUTH)
    assert response.status_code == 200
    body = response.get_json()
    assert body["deleted"]["letter_id"] == rutland["letter_id"]
    assert body["restore"] == f"/api/letters/{rutland['letter_id']}/restore"
    assert not visit.exists() and not (letters / "copy of rutland.txt").exists()
    kept = letters / ".removed" / rutland["letter_id"] / "files"
    assert (kept / "visits" / "rutland focused visit.txt").read_bytes() == original
    assert (kept / "copy of rutland.txt").read_bytes() == original
    assert client.get(f"/api/letters/{rutland['letter_id']}").status_code == 404
    remaining = {x["local_authority"] for x in client.get("/api/letters").get_json()["letters"]}
    assert "Rutland" not in remaining and len(remaining) == 2


def test_deleting_an_unknown_letter_is_404(site):
    app, _letters, _index = site
    response = app.test_client().delete(
        "/api/letters/0123456789abcdef", headers={"Authorization": f"Bearer {TOKEN}"}
    )
    assert response.status_code == 404 and "0123456789abcdef" in response.get_json()["error"]


def _csrf(page: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)


def test_the_admin_page_uploads_a_letter_with_the_token_and_csrf_token(site):
    app, _letters, _index = site
    client = app.test_client()
    form = client.get("/admin").get_data(as_text=True)
    response = client.post(
        "/admin",
        data={
            "csrf_token": _csrf(form),
            "token": TOKEN,
            "file": (io.BytesIO(NEW_LETTER.encode()), "nottingham.txt"),
        },
        content_type="multipart/form-data",
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 201 and "Letter added" in page
    letter_id = _upload(client, NEW_LETTER.encode(), "again.txt").get_json()["letter_id"]
    assert f"/letters/{letter_id}" in page


def test_the_admin_form_is_refused_without_its_csrf_token(site):
    app, letters, _index = site
    before = files_under(letters)
    response = app.test_client().post(
        "/admin",
        data={"token": TOKEN, "file": (io.BytesIO(NEW_LETTER.encode()), "n.txt")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 400 and "CSRF" in response.get_data(as_text=True)
    assert files_under(letters) == before


def test_the_admin_form_shows_a_wrong_token_and_a_broken_file_as_errors(site):
    app, letters, _index = site
    client = app.test_client()
    token = _csrf(client.get("/admin").get_data(as_text=True))

    def post(admin_token, data, name):
        return client.post(
            "/admin",
            data={"csrf_token": token, "token": admin_token, "file": (io.BytesIO(data), name)},
            content_type="multipart/form-data",
        )

    wrong = post("nope", NEW_LETTER.encode(), "n.txt")
    assert wrong.status_code == 401 and "govuk-error-summary" in wrong.get_data(as_text=True)
    broken = post(TOKEN, b"\x00garbage", "<script>x</script>.pdf")
    page = broken.get_data(as_text=True)
    assert broken.status_code == 422 and "Nothing was added" in page
    assert "<script>x" not in page
    assert "uploads" not in " ".join(files_under(letters))


def test_the_admin_page_says_uploads_are_off_without_a_token(site):
    app, _letters, _index = site
    app.config["ADMIN_TOKEN"] = None
    page = app.test_client().get("/admin").get_data(as_text=True)
    assert "Uploads are turned off" in page and 'type="file"' not in page

"""Nothing an administrator does loses a letter: removal moves it aside, restore puts it back,
purge is a separate command, every change (and every refused one) is one audit log line."""

from __future__ import annotations

import json
import stat

import pytest

from qa.cli.commands import main
from qa.indexing.store import current_path
from tests.conftest import ADMIN_TOKEN
from tests.helpers import build, files_under, upload
from tests.synthetic import FOCUSED_VISIT

AUTH = {"Authorization": f"Bearer {ADMIN_TOKEN}"}
NEW_LETTER = FOCUSED_VISIT.replace("Rutland", "Nottingham").replace(
    "kinship care team", "family group conference service"
)
QUESTION = "/search?q=family group conference service&k=1"


def _upload(client, data: bytes, name: str, headers=AUTH):
    return upload(client, data, name, ADMIN_TOKEN if headers else None)


def _log(index):
    lines = (index / "audit.jsonl").read_text().splitlines()
    return [json.loads(line) for line in lines]


def _cites(client, letter_id: str) -> bool:
    results = client.get(QUESTION).get_json()["results"]
    return any(r["citation"]["letter_id"] == letter_id for r in results)


def test_upload_remove_restore_brings_the_file_back_byte_for_byte_and_logs_three_lines(
    admin_site,
):
    app, letters, index = admin_site
    client = app.test_client()
    added = _upload(client, NEW_LETTER.encode(), "nottingham visit.txt")
    assert added.status_code == 201
    letter_id = added.get_json()["letter_id"]
    stored = letters / "uploads" / "nottingham_visit.txt"
    assert stored.read_bytes() == NEW_LETTER.encode() and _cites(client, letter_id)

    removed = client.delete(f"/api/letters/{letter_id}", headers=AUTH)
    assert removed.status_code == 200
    kept = letters / ".removed" / letter_id / "files" / "uploads" / "nottingham_visit.txt"
    assert not stored.exists() and kept.read_bytes() == NEW_LETTER.encode()
    listed = [x["letter_id"] for x in client.get("/api/letters").get_json()["letters"]]
    assert letter_id not in listed and not _cites(client, letter_id)

    restored = client.post(f"/api/letters/{letter_id}/restore", headers=AUTH)
    assert restored.status_code == 200, restored.get_json()
    assert restored.get_json()["letter_id"] == letter_id
    assert stored.read_bytes() == NEW_LETTER.encode() and _cites(client, letter_id)
    assert not (letters / ".removed" / letter_id).exists()

    log = _log(index)
    assert [(x["action"], x["outcome"], x["letter_id"]) for x in log] == [
        ("upload", "added", letter_id),
        ("remove", "removed", letter_id),
        ("restore", "restored", letter_id),
    ]
    upload = log[0]
    assert upload["file"] == "nottingham visit.txt" and upload["size"] == len(NEW_LETTER.encode())
    assert upload["sha256"].startswith(letter_id) and upload["client"] == "127.0.0.1"
    assert upload["status"] == 201 and upload["time"].endswith("Z")
    assert log[1]["file"] == "uploads/nottingham_visit.txt" and log[1]["size"] == upload["size"]


def test_the_log_is_served_newest_first_with_the_token_only(admin_site):
    app, _letters, _index = admin_site
    client = app.test_client()
    _upload(client, NEW_LETTER.encode(), "n.txt")
    _upload(client, b"hello", "note.txt")
    assert client.get("/api/admin/log").status_code == 401
    entries = client.get("/api/admin/log", headers=AUTH).get_json()["entries"]
    assert [(x["action"], x["outcome"]) for x in entries] == [
        ("upload", "refused"),
        ("upload", "added"),
    ]
    assert client.get("/api/admin/log?limit=1", headers=AUTH).get_json()["entries"] == entries[:1]
    bad = client.get("/api/admin/log?limit=0", headers=AUTH)
    assert bad.status_code == 400 and "limit" in bad.get_json()["error"]


def test_a_removed_letter_stays_out_of_a_rebuilt_index(admin_site):
    app, letters, index = admin_site
    client = app.test_client()
    letter = client.get("/api/letters").get_json()["letters"][0]
    client.delete(f"/api/letters/{letter['letter_id']}", headers=AUTH)
    summary = build(letters, index, rebuild=True)
    assert summary.letters == 2 and not summary.failed and not summary.skipped


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("delete", "/api/letters/0123456789abcdef"),
        ("post", "/api/letters/0123456789abcdef/restore"),
    ],
)
def test_removing_or_restoring_an_unknown_letter_is_404_and_logged_as_refused(
    admin_site, method, path
):
    app, _letters, index = admin_site
    response = getattr(app.test_client(), method)(path, headers=AUTH)
    assert response.status_code == 404 and "0123456789abcdef" in response.get_json()["error"]
    (line,) = _log(index)
    assert (line["outcome"], line["status"], line["letter_id"]) == (
        "refused",
        404,
        "0123456789abcdef",
    )
    assert "0123456789abcdef" in line["reason"]


def test_a_change_without_the_token_is_refused_and_logged(admin_site):
    app, letters, index = admin_site
    client = app.test_client()
    letter_id = client.get("/api/letters").get_json()["letters"][0]["letter_id"]
    before = files_under(letters)
    assert client.delete(f"/api/letters/{letter_id}").status_code == 401
    restore = client.post(f"/api/letters/{letter_id}/restore", headers={"Authorization": "x"})
    assert restore.status_code == 401
    assert _upload(client, NEW_LETTER.encode(), "n.txt", headers={}).status_code == 401
    assert files_under(letters) == before
    assert [(x["action"], x["outcome"], x["status"]) for x in _log(index)] == [
        ("remove", "refused", 401),
        ("restore", "refused", 401),
        ("upload", "refused", 401),
    ]
    app.config["ADMIN_TOKEN"] = None
    assert client.post(f"/api/letters/{letter_id}/restore").status_code == 403


def test_a_text_file_that_is_not_a_letter_is_422_with_the_reason_and_nothing_stored(admin_site):
    app, letters, index = admin_site
    client = app.test_client()
    before, generation = files_under(letters), current_path(index).name
    response = _upload(client, b"hello", "note.txt")
    assert response.status_code == 422
    assert response.get_json()["error"] == (
        "note.txt: not an inspection letter: it names no English local authority ('note' is "
        "not one); a text letter must be about one, as Ofsted's letters are"
    )
    assert files_under(letters) == before and current_path(index).name == generation
    results = client.get("/search?q=hello&k=50").get_json()["results"]
    assert all("note" not in r["citation"]["source"] for r in results)
    names = [x["name"] for x in client.get("/api/authorities").get_json()["authorities"]]
    assert "note" not in names
    (line,) = _log(index)
    assert (line["outcome"], line["status"], line["file"]) == ("refused", 422, "note.txt")
    assert line["sha256"] and line["size"] == 5


@pytest.mark.parametrize(
    ("name", "text", "reason"),
    [
        ("note.txt", "hello", "it names no English local authority ('note' is not one)"),
        (
            "riverton.txt",
            FOCUSED_VISIT.replace("Rutland", "Riverton"),
            "it names no English local authority ('Riverton' is not one)",
        ),
        (
            "rutland.md",
            "Dear Jo\n\nThe minutes of the parish council's meeting are attached.\n\n"
            "Yours sincerely\n",
            "it does not say what inspection or visit it reports",
        ),
    ],
)
def test_a_text_file_in_the_letters_folder_that_is_not_a_letter_is_skipped_with_the_reason(
    fresh_letters, tmp_path, name, text, reason
):
    (fresh_letters / name).write_text(text, encoding="utf-8")
    summary = build(fresh_letters, tmp_path / "index")
    (skipped,) = summary.skipped
    assert skipped[0] == name and f"not an inspection letter: {reason}" in skipped[1], skipped
    assert summary.letters == 3 and not summary.failed


def test_an_uploaded_file_has_the_mode_of_the_other_letters(admin_site):
    app, letters, _index = admin_site
    assert _upload(app.test_client(), NEW_LETTER.encode(), "n.txt").status_code == 201
    modes = {stat.S_IMODE(p.stat().st_mode) for p in letters.rglob("*") if p.is_file()}
    assert len(modes) == 1, {p.name: oct(p.stat().st_mode) for p in letters.rglob("*")}


SIXTY_MB = str(60 * 1024 * 1024)


def test_an_announced_60_mb_upload_is_413_as_json_from_the_api(admin_site):
    app, letters, index = admin_site
    before = files_under(letters)
    response = app.test_client().post(
        "/api/letters",
        data=b"",
        headers=AUTH,
        content_type="multipart/form-data; boundary=x",
        environ_overrides={"CONTENT_LENGTH": SIXTY_MB},
    )
    assert response.status_code == 413
    assert response.get_json() == {
        "error": "The request body is 60 MB; the limit is 20 MB (setting max_upload_mb, "
        "QA_MAX_UPLOAD_MB)"
    }
    assert files_under(letters) == before
    (line,) = _log(index)
    assert (line["action"], line["outcome"], line["status"]) == ("upload", "refused", 413)


def test_an_announced_60_mb_upload_on_the_form_is_its_error_summary(admin_site):
    app, _letters, _index = admin_site
    response = app.test_client().post(
        "/admin",
        data=b"",
        content_type="multipart/form-data; boundary=x",
        environ_overrides={"CONTENT_LENGTH": SIXTY_MB},
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 413 and "govuk-error-summary" in page
    assert "The request body is 60 MB; the limit is 20 MB" in page
    assert 'href="#file"' in page


def test_purge_deletes_a_removed_letter_for_good_only_when_asked(admin_site, runner):
    app, letters, index = admin_site
    client = app.test_client()
    letter_id = client.get("/api/letters").get_json()["letters"][0]["letter_id"]
    client.delete(f"/api/letters/{letter_id}", headers=AUTH)
    options = ["purge", "--letters", str(letters), "--index", str(index)]
    listed = runner.invoke(main, options)
    assert listed.exit_code == 0 and letter_id in listed.output, listed.output
    declined = runner.invoke(main, [*options, letter_id], input="n\n")
    assert declined.exit_code == 1 and "Nothing was deleted" in declined.output
    assert (letters / ".removed" / letter_id).is_dir()
    purged = runner.invoke(main, [*options, "--yes", letter_id])
    assert purged.exit_code == 0 and "for good" in purged.output, purged.output
    assert not (letters / ".removed" / letter_id).exists()
    assert [(x["action"], x["client"]) for x in _log(index)][-1] == ("purge", "command line")
    again = runner.invoke(main, [*options, "--yes", letter_id])
    assert again.exit_code == 2 and "No removed letter" in again.output

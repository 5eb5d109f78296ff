"""Security headers on every response, no inline script or style, oversize bodies refused."""

import json
import os
import re
import socket
import subprocess
import sys
import time

import pytest

from web.security import CONTENT_SECURITY_POLICY

PAGES = [
    "/",
    "/?q=kinship care",
    "/?q=",
    "/letters",
    "/letters/nope",
    "/search?q=neglect",
    "/search",
    "/api/letters",
    "/health",
    "/openapi.json",
    "/static/app.css",
]


@pytest.mark.parametrize("url", PAGES)
def test_every_response_carries_the_security_headers(client, url):
    headers = client.get(url).headers
    assert headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "same-origin"


def test_the_policy_allows_no_inline_script_and_no_framing():
    directives = dict(d.split(" ", 1) for d in CONTENT_SECURITY_POLICY.split("; "))
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe" not in CONTENT_SECURITY_POLICY


def test_original_files_carry_the_security_headers(client):
    for letter in client.get("/api/letters").get_json()["letters"]:
        response = client.get(f"/letters/{letter['letter_id']}/source")
        assert response.status_code == 200
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY


def test_pages_hold_no_inline_script_style_or_event_handler(client):
    letter = client.get("/api/letters").get_json()["letters"][0]["letter_id"]
    for url in ["/", "/?q=kinship care", "/?q=", "/letters", f"/letters/{letter}", "/nope"]:
        html = client.get(url).get_data(as_text=True)
        assert not re.search(r"<script(?![^>]*\bsrc=)", html), url
        assert not re.search(r"<style|\sstyle=|\son[a-z]+=", html), url


@pytest.fixture
def small_upload_client(index_dir):
    from web import create_app

    config = {"TESTING": True, "INDEX": str(index_dir), "MAX_UPLOAD_MB": 1}
    return create_app(config).test_client()


@pytest.mark.parametrize("url", ["/api/letters", "/search", "/"])
def test_a_body_over_the_upload_limit_is_a_413_before_anything_reads_it(small_upload_client, url):
    response = small_upload_client.post(
        url, data=b"x" * (2 * 1024 * 1024), content_type="application/octet-stream"
    )
    assert response.status_code == 413
    message = (
        "The request body is 2 MB; the limit is 1 MB (setting max_upload_mb, QA_MAX_UPLOAD_MB)"
    )
    if url == "/":
        assert message in response.get_data(as_text=True)
    else:
        assert response.get_json() == {"error": message}


def test_the_upload_limit_follows_the_environment(index_dir, monkeypatch):
    from web import create_app

    monkeypatch.setenv("QA_MAX_UPLOAD_MB", "3")
    app = create_app({"TESTING": True, "INDEX": str(index_dir)})
    assert app.config["MAX_CONTENT_LENGTH"] == 3 * 1024 * 1024


def test_a_malformed_upload_limit_is_named(index_dir, monkeypatch):
    from qa.core.errors import QAError
    from web import create_app

    monkeypatch.setenv("QA_MAX_UPLOAD_MB", "lots")
    with pytest.raises(
        QAError, match="QA_MAX_UPLOAD_MB must be a whole number like 20, not 'lots'"
    ):
        create_app({"TESTING": True, "INDEX": str(index_dir)})


def test_markup_in_an_unknown_letter_id_is_escaped_on_the_error_page(client):
    response = client.get("/letters/%3Cscript%3Ealert(1)")
    assert response.status_code == 404
    html = response.get_data(as_text=True)
    assert "No letter with id &#39;&lt;script&gt;alert(1)&#39; in the index" in html
    assert "<script>alert" not in html


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def waitress_server(index_dir, tmp_path_factory):
    """`python -m qa serve` with a 1 MB upload limit and uploads allowed; yields its port."""
    port = _free_port()
    log = tmp_path_factory.mktemp("serve") / "serve.log"
    env = os.environ | {"QA_MAX_UPLOAD_MB": "1", "QA_ADMIN_TOKEN": "secret"}
    command = [sys.executable, "-m", "qa", "serve", "--index", str(index_dir), "--port", str(port)]
    with open(log, "w") as output:
        server = subprocess.Popen(command, env=env, stdout=output, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while True:
            assert server.poll() is None and time.monotonic() < deadline, log.read_text()
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=2):
                    break
            except OSError:
                time.sleep(0.2)
        yield port
    finally:
        server.terminate()
        server.wait(timeout=10)


def _announce_60_mb(port: int, path: str) -> tuple[bytes, float]:
    """Send only the headers of a 60 MB upload; return the whole answer and how long it took."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as connection:
        connection.sendall(
            f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n".encode()
            + b"Authorization: Bearer secret\r\n"
            b"Content-Type: multipart/form-data; boundary=x\r\n"
            + f"Content-Length: {60 * 1024 * 1024}\r\n\r\n".encode()
        )
        started = time.monotonic()
        # Not one byte of the 60 MB body is sent: the answer must come all the same.
        answer = b""
        while chunk := connection.recv(65536):
            answer += chunk
        return answer, time.monotonic() - started


MESSAGE = "The request body is 60 MB; the limit is 1 MB (setting max_upload_mb, QA_MAX_UPLOAD_MB)"


@pytest.mark.slow
def test_waitress_refuses_an_announced_oversize_upload_before_reading_it_with_json(
    waitress_server,
):
    answer, seconds = _announce_60_mb(waitress_server, "/api/letters")
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 413"), answer
    assert b"Content-Type: application/json" in head and seconds < 5
    assert json.loads(body) == {"error": MESSAGE}


@pytest.mark.slow
def test_waitress_refuses_an_announced_oversize_upload_on_the_form_in_its_error_summary(
    waitress_server,
):
    answer, seconds = _announce_60_mb(waitress_server, "/admin")
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 413") and b"text/html" in head and seconds < 5, head
    page = body.decode()
    assert "govuk-error-summary" in page and MESSAGE in page and 'href="#file"' in page

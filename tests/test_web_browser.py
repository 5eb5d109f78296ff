"""The search form in a real browser: Debian's Chromium, headless, driven by Playwright."""

from __future__ import annotations

import shutil
import threading
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SCREENSHOTS = Path(__file__).resolve().parents[1] / "docs" / "screenshots"
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def server(index_dir):
    import waitress

    from web import create_app

    app = create_app({"INDEX": str(index_dir)})
    served = waitress.create_server(app, host="127.0.0.1", port=0, threads=4)
    thread = threading.Thread(target=served.run, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{served.effective_port}"
    served.close()


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium is not installed: run scripts/setup.sh --test")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=LAUNCH_ARGS
        )
        yield launched
        launched.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    yield context.new_page()
    context.close()


def test_question_shows_cited_results_and_leads_to_the_paragraph(server, page):
    page.goto(server + "/")
    page.get_by_label("What do you want to know?").fill("kinship care for grandparents")
    page.get_by_role("button", name="Search").click()
    first = page.locator("li.result").first
    assert (
        "Riverton · focused visit · 2025-03-14 · Main findings · paragraph 5"
        in first.locator(".citation").inner_text()
    )
    assert "kinship care team" in first.locator("mark").first.inner_text()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "search.png"), full_page=True)

    first.get_by_role("link", name="Read paragraph 5 in the letter").click()
    cited = page.locator("#p5")
    assert "cited" in cited.get_attribute("class")
    assert cited.is_visible()
    box = cited.bounding_box()
    assert box is not None and 0 <= box["y"] < 900, "the cited paragraph is scrolled into view"
    page.screenshot(path=str(SCREENSHOTS / "letter.png"))


def test_empty_question_shows_an_error_message(server, page):
    page.goto(server + "/")
    page.get_by_role("button", name="Search").click()
    assert page.locator(".govuk-error-summary").is_visible()
    assert "Missing question" in page.locator(".govuk-error-summary").inner_text()


def _policy_violations(page) -> list[str]:
    messages: list[str] = []
    page.on("console", lambda message: messages.append(message.text))
    return messages


def test_pages_break_no_rule_of_the_content_security_policy(server, page):
    messages = _policy_violations(page)
    page.goto(server + "/?q=kinship care for grandparents")
    page.get_by_role("link", name="Read paragraph 5 in the letter").first.click()
    page.goto(server + "/letters")
    assert not [m for m in messages if "Content Security Policy" in m], messages


def test_original_pdf_opens_in_the_browser_viewer_under_the_policy(server, page):
    messages = _policy_violations(page)
    letters = page.request.get(server + "/api/letters").json()["letters"]
    pdf = next(x for x in letters if x["source"].endswith(".pdf"))
    url = f"{server}/letters/{pdf['letter_id']}/source"
    assert "object-src 'none'" in page.request.get(url).headers["content-security-policy"]
    page.goto(url + "#page=2")
    # Chromium shows a PDF in its viewer extension's frame.
    deadline = time.monotonic() + 15
    while not any(f.url.startswith("chrome-extension://") for f in page.frames):
        assert time.monotonic() < deadline, [f.url for f in page.frames]
        page.wait_for_timeout(200)
    assert not [m for m in messages if "Content Security Policy" in m], messages

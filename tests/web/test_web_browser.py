"""The pages in a real browser: Debian's Chromium, headless, driven by Playwright; axe-core."""

from __future__ import annotations

import csv
import io
import re
import shutil
import threading
import time
from pathlib import Path

import pytest
from playwright.sync_api import expect, sync_playwright

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "docs" / "screenshots"
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORT = {"width": 1100, "height": 900}
GOVUK_FOCUS_YELLOW = "rgb(255, 221, 0)"
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


@pytest.fixture(scope="module")
def server(index_dir):
    import waitress

    from web import create_app

    # With a token set /admin shows its upload form (no test here uploads into the shared index).
    app = create_app({"INDEX": str(index_dir), "ADMIN_TOKEN": "browser-test-token"})
    served = waitress.create_server(app, host="127.0.0.1", port=0, threads=4)
    thread = threading.Thread(target=served.run, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{served.effective_port}"
    served.close()


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium is not installed: run scripts/setup.sh --test")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=LAUNCH_ARGS
        )
        yield launched
        launched.close()


def _open_page(browser, **options):
    """Return a new page, and the list its script errors are collected in."""
    context = browser.new_context(viewport=VIEWPORT, locale="en-GB", **options)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda err: errors.append(str(err)))
    return context, page, errors


@pytest.fixture
def page(browser):
    context, opened, errors = _open_page(browser)
    yield opened
    context.close()
    assert not errors, f"script errors on the page: {errors}"


def _letter_id(server, page, source_start: str) -> str:
    letters = page.request.get(server + "/api/letters").json()["letters"]
    return next(x["letter_id"] for x in letters if x["source"].startswith(source_start))


def _in_view(locator) -> bool:
    box = locator.bounding_box()
    return box is not None and 0 <= box["y"] < VIEWPORT["height"]


def test_question_shows_cited_results_and_leads_to_the_paragraph(server, page):
    page.goto(server + "/")
    assert "govuk-frontend-supported" in page.locator("body").get_attribute("class")
    page.get_by_label("What do you want to know?").fill("kinship care for grandparents")
    page.get_by_role("button", name="Search").click()
    answer = page.locator(".app-answer li").first
    assert answer.inner_text().startswith("“Leaders have introduced a kinship care team")
    assert answer.get_by_role("link").get_attribute("href") == "#result-1"
    first = page.locator("li.app-result").first
    assert first.locator("h3").inner_text() == (
        "[1] Rutland · focused visit · 5 February 2025 · Main findings · paragraph 5"
    )
    assert "kinship care team" in first.locator("mark").first.inner_text()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "search.png"), full_page=True)

    first.get_by_role("link", name="Read paragraph 5 in the letter").click()
    cited = page.locator("#p5")
    assert "app-passage--cited" in cited.get_attribute("class")
    assert cited.get_by_text("Cited").is_visible()
    assert _in_view(cited), "the cited paragraph is scrolled into view"
    assert page.get_by_role("heading", level=1).inner_text() == (
        "Focused visit to Rutland children's services"
    )
    facts = page.locator(".govuk-summary-list").inner_text()
    assert "Inspected\t4 February 2025 to 5 February 2025" in facts
    assert "Published\t14 March 2025" in facts
    page.screenshot(path=str(SCREENSHOTS / "letter.png"))


def test_a_misspelt_place_is_put_right_in_a_banner_above_the_results(server, page):
    page.goto(server + "/")
    page.get_by_label("What do you want to know?").fill("neglect in Rutlnd")
    page.get_by_role("button", name="Search").click()
    banner = page.locator(".govuk-notification-banner")
    expect(banner).to_be_visible()
    assert "Showing results for Rutland" in banner.inner_text()
    assert page.locator(".app-named-letters").get_by_role("link").count() == 1
    citations = page.locator("li.app-result h3").all_inner_texts()
    assert citations and all(" Rutland · " in c for c in citations)
    page.screenshot(path=str(SCREENSHOTS / "notice.png"), full_page=True)


def test_citation_opens_the_original_pdf_at_its_page(server, page):
    page.goto(server + "/?q=private+fostering+arrangements+assessed+promptly")
    first = page.locator("li.app-result").first
    assert first.locator("h3").inner_text().endswith("paragraph 4 · page 2")
    link = first.get_by_role("link", name=re.compile("^Open the original PDF at page 2"))
    href = link.get_attribute("href")
    letter_id = _letter_id(server, page, "marshfield")
    assert href == f"/letters/{letter_id}/source#page=2"

    served = page.request.get(server + href)
    assert served.status == 200
    assert served.headers["content-type"] == "application/pdf"
    assert served.headers["content-disposition"].startswith("inline")
    assert served.body().startswith(b"%PDF")


def test_filter_keeps_results_to_one_authority(server, page):
    page.goto(server + "/")
    page.get_by_label("What do you want to know?").fill("care leavers")
    page.get_by_text("Filter by local authority, type, date or judgement").click()
    page.get_by_label("Local authority").select_option("Halton")
    page.get_by_role("button", name="Search").click()
    expect(page).to_have_url(re.compile("local_authority=Halton"))
    expect(page.locator("li.app-result h3").first).to_be_visible()
    citations = page.locator("li.app-result h3").all_inner_texts()
    assert citations and all(" Halton · " in c for c in citations), citations
    assert page.locator("details.govuk-details").get_attribute("open") is not None
    assert page.get_by_label("Local authority").input_value() == "Halton"


def test_letters_list_filters_by_type_newest_first(server, page):
    page.goto(server + "/letters")
    assert page.locator("tbody tr td:first-child").all_inner_texts() == [
        "5 February 2025",
        "24 May 2024",
        "22 May 2024",
    ]
    page.get_by_label("Type of letter").select_option("monitoring visit")
    page.get_by_role("button", name="Filter letters").click()
    expect(page.locator("tbody tr")).to_have_count(1)
    page.get_by_role("link", name="Monitoring visit to Halton children's services").click()
    assert "Monitoring visit" in page.locator(".govuk-summary-list").inner_text()


def _tab_to(page, matches: str, limit: int = 40) -> int:
    """Press Tab until the focused element matches the JS predicate; return the presses."""
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        if page.evaluate(f"(el => {matches})(document.activeElement)"):
            return presses
    raise AssertionError(f"no element matching {matches} within {limit} presses of Tab")


def test_keyboard_alone_asks_and_follows_a_citation(server, page):
    page.goto(server + "/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Skip to main content"
    menu = page.locator(".govuk-service-navigation__link").count()
    assert _tab_to(page, "el.id === 'q'") <= menu + 2, (
        "the question box comes straight after the menu"
    )
    page.keyboard.type("kinship care for grandparents")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"\?q=kinship"))

    _tab_to(page, "el.textContent.startsWith('Read paragraph')")
    focused = page.locator(":focus")
    assert focused.inner_text().startswith("Read paragraph 5 in the letter")
    style = focused.evaluate("el => getComputedStyle(el).backgroundColor")
    assert style == GOVUK_FOCUS_YELLOW, "focus is visible"
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/letters/\w+\?hl=p5#p5$"))
    assert page.evaluate("document.activeElement.id") == "p5", "focus lands on the paragraph"
    assert page.locator("#p5").evaluate("el => getComputedStyle(el).outlineStyle") == "solid"
    assert _in_view(page.locator("#p5"))


def test_empty_question_shows_a_govuk_error_message(server, page):
    page.goto(server + "/")
    page.get_by_role("button", name="Search").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    assert "There is a problem\nEnter a question" in summary.inner_text()
    assert page.locator("#q-error").inner_text() == "Error:\nEnter a question"
    assert page.title().startswith("Error: ")
    summary.get_by_role("link", name="Enter a question").click()
    assert page.evaluate("document.activeElement.id") == "q"


def test_pages_work_without_javascript(server, browser):
    context, page, _ = _open_page(browser, java_script_enabled=False)
    try:
        page.goto(server + "/")
        assert "js-enabled" not in page.locator("body").get_attribute("class")
        page.get_by_label("What do you want to know?").fill("children")
        page.get_by_text("Filter by local authority, type, date or judgement").click()
        page.get_by_role("group", name="Inspected").get_by_label("From").fill("2024-01-01")
        page.get_by_role("button", name="Search").click()
        expect(page.locator("li.app-result")).to_have_count(10)
        page.get_by_role("link", name=re.compile("^Next")).click()
        expect(page.locator("#result-11")).to_be_visible()
        expect(page.get_by_role("link", name=re.compile("^Previous"))).to_be_visible()
        page.locator("#result-11").get_by_role(
            "link", name=re.compile("^Read (paragraph|this passage)")
        ).click()
        expect(page.locator(".app-passage--cited")).to_have_count(1)
    finally:
        context.close()


def _axe_pages(letter_id: str) -> list[str]:
    return [
        "/",
        "/?q=kinship+care",
        "/?q=care&local_authority=Halton&date_from=2024-01-01",
        "/?q=children&page=2",
        "/?q=",
        "/?q=neglect&date_from=2030-01-01",
        "/?q=neglect+in+Rutlnd",
        "/?q=Why+was+Marshfield+judged+good%3F",
        "/?q=xyzzy+plugh",
        "/letters",
        f"/letters/{letter_id}?hl=p3#p3",
        "/letters/0000000000000000",
        "/admin",
        "/judgements",
        "/judgements?help_and_protection=bad",
        "/improvements",
        "/improvements?q=neglect&local_authority=Rutland",
        "/authorities",
        "/authorities/marshfield",
        "/compare",
        "/compare?q=care&local_authority=Rutland&local_authority=Marshfield",
        "/compare?q=care+leavers",
        "/compare?q=",
    ]


def test_axe_finds_no_accessibility_violations(server, browser):
    """Every kind of page passes axe-core's WCAG 2.2 A and AA rules and its best practices."""
    # The app's Content-Security-Policy would refuse the injected axe script.
    context, page, errors = _open_page(browser, bypass_csp=True)
    found = {}
    try:
        letter_id = _letter_id(server, page, "marshfield")
        for path in _axe_pages(letter_id):
            page.goto(server + path)
            page.add_script_tag(path=str(AXE))
            result = page.evaluate(
                "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_22_AA
            )
            violations = [
                f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']]}"
                for v in result["violations"]
            ]
            if violations:
                found[path] = violations
            assert result["passes"], f"axe checked nothing on {path}"
    finally:
        context.close()
    assert not found, found
    assert not errors, errors


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


@pytest.fixture(scope="module")
def graded_server(tmp_path_factory):
    import waitress

    from tests.helpers import build
    from tests.synthetic import write_graded_pdf
    from web import create_app

    letters = tmp_path_factory.mktemp("graded-letters")
    for name, authority, dates, help_grade, point in [
        ("ashby 2019.pdf", "Ashby", "4 to 15 March 2019", "Inadequate", "Management oversight."),
        ("ashby 2024.pdf", "Ashby", "13 to 24 May 2024", "Good", "Supervision of staff."),
        ("corby 2023.pdf", "Corby", "6 to 17 March 2023", "Inadequate", "Plans for children."),
    ]:
        grades = {"help_and_protection": help_grade, "overall_effectiveness": help_grade}
        write_graded_pdf(letters / name, authority, dates, grades, [point])
    index = tmp_path_factory.mktemp("graded-index")
    build(letters, index)
    served = waitress.create_server(
        create_app({"INDEX": str(index)}), host="127.0.0.1", port=0, threads=2
    )
    threading.Thread(target=served.run, daemon=True).start()
    yield f"http://127.0.0.1:{served.effective_port}"
    served.close()


def _authorities(page) -> list[str]:
    return page.locator("table.app-judgements tbody tr td:first-child").all_inner_texts()


def test_judgements_table_filters_sorts_and_downloads_what_it_shows(graded_server, page):
    page.goto(graded_server + "/judgements")
    assert _authorities(page) == ["Ashby", "Corby", "Ashby"]
    page.get_by_text("Filter inspections", exact=True).first.click()
    page.get_by_label("Help and protection").select_option("inadequate")
    page.get_by_role("button", name="Filter inspections").click()
    expect(page.locator("#count")).to_contain_text("2 inspections")
    page.get_by_role("link", name="Local authority").click()
    assert _authorities(page) == ["Ashby", "Corby"]
    expect(page.locator("th[aria-sort=ascending]")).to_have_text("Local authority")
    page.get_by_role("link", name="Local authority").click()
    assert _authorities(page) == ["Corby", "Ashby"]
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("^Download these 2 rows")).click()
    text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    lines = text.splitlines()
    assert lines[0].startswith("letter_id,local_authority,type,date,")
    assert [line.split(",")[1] for line in lines[1:]] == ["Corby", "Ashby"]


def test_improvement_points_page_finds_points_and_links_to_them(graded_server, page):
    page.goto(graded_server + "/improvements")
    page.get_by_label("Points that mention").fill("supervision")
    page.get_by_role("button", name="Show points").click()
    expect(page.locator("#count")).to_contain_text("1 point")
    page.locator(".app-improvements").get_by_role("link").first.click()
    expect(page.locator("h1")).to_contain_text("Ashby")


def test_a_question_naming_authorities_is_compared_across_their_letters(graded_server, page):
    page.goto(graded_server + "/?q=supervision+in+Ashby")
    page.get_by_role("link", name="Compare across letters").click()
    expect(page.locator("h1")).to_have_text("Compare across letters")
    items = page.locator(".app-timeline__item h4")
    expect(items).to_have_count(2)
    assert [t.split(":")[0] for t in items.all_inner_texts()] == ["15 March 2019", "24 May 2024"]
    expect(page.locator(".app-compare-result mark").first).to_be_visible()


def test_an_authority_page_charts_its_grades_beside_a_table(graded_server, page):
    page.goto(graded_server + "/authorities")
    page.get_by_role("link", name="Ashby").click()
    expect(page.locator("h1")).to_have_text("Ashby")
    chart = page.get_by_role("img", name=re.compile("Grades of Ashby"))
    expect(chart).to_be_visible()
    expect(page.locator("g.app-chart__mark")).to_have_count(4)
    expect(page.locator("table.app-grades tbody tr")).to_have_count(2)


ADMIN_TOKEN = "browser-admin-token"


@pytest.fixture(scope="module")
def admin_server(letters_dir, tmp_path_factory):
    """A server over its own copy of the letters and index, changes allowed: (url, letters)."""
    from tests.helpers import build
    from web import create_app
    from web.server import create_server

    letters = Path(shutil.copytree(letters_dir, tmp_path_factory.mktemp("admin") / "letters"))
    index = letters.parent / "index"
    build(letters, index)
    config = {
        "INDEX": str(index),
        "LETTERS": str(letters),
        "ADMIN_TOKEN": ADMIN_TOKEN,
        "RELOAD_SECONDS": 0.0,
    }
    served = create_server(create_app(config), host="127.0.0.1", port=0, threads=4)
    threading.Thread(target=served.run, daemon=True).start()
    yield f"http://127.0.0.1:{served.effective_port}", letters
    served.close()


def _axe_violations(page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_22_AA
    )
    return [f"{v['id']}: {[n['target'] for n in v['nodes']]}" for v in result["violations"]]


def test_admin_removes_a_letter_after_confirming_and_restores_it(admin_server, browser):
    url, letters = admin_server
    visit = letters / "visits" / "rutland focused visit.txt"
    original = visit.read_bytes()
    context, page, errors = _open_page(browser, bypass_csp=True)
    violations = {}
    try:
        page.goto(url + "/")
        page.get_by_role("link", name="Manage letters (administrators)").click()
        page.get_by_label("Admin token").fill(ADMIN_TOKEN)
        page.get_by_role("button", name="Sign in").click()
        page.get_by_label("Local authority").fill("Rutland")
        page.get_by_role("button", name="Find letters").click()
        violations["/admin (signed in)"] = _axe_violations(page)
        page.get_by_role("link", name=re.compile("^Remove Focused visit to Rutland")).click()
        expect(page.get_by_role("heading", level=1)).to_have_text(
            "Are you sure you want to remove this letter?"
        )
        violations["confirmation"] = _axe_violations(page)
        assert visit.exists()
        page.get_by_role("button", name="Remove letter").click()
        expect(page.locator(".govuk-notification-banner")).to_contain_text(
            "Removed “Focused visit to Rutland children's services”"
        )
        assert not visit.exists()
        found = page.request.get(url + "/search?q=kinship care team&k=50").json()["results"]
        assert all(r["citation"]["local_authority"] != "Rutland" for r in found)
        violations["/admin (removed)"] = _axe_violations(page)

        page.get_by_role("button", name=re.compile("^Restore Focused visit to Rutland")).click()
        expect(page.locator(".govuk-notification-banner")).to_contain_text("Restored")
        assert visit.read_bytes() == original
        found = page.request.get(url + "/search?q=kinship care team&k=5").json()["results"]
        assert found[0]["citation"]["local_authority"] == "Rutland"
        log = page.locator("#log ~ table").first
        expect(log).to_contain_text("restore")
        expect(log).to_contain_text("remove")
        page.screenshot(path=str(SCREENSHOTS / "admin.png"), full_page=True)
    finally:
        context.close()
    assert not any(violations.values()), violations
    assert not errors, errors


def test_search_results_download_as_csv_with_their_citations(server, page):
    page.goto(server + "/?q=kinship+care+for+grandparents")
    first = page.locator("li.app-result h3").first.inner_text()
    with page.expect_download() as download:
        page.get_by_role("link", name="Download these results as CSV").click()
    text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows[0]["local_authority"] == "Rutland" and rows[0]["paragraph"] == "5"
    assert first.startswith("[1] Rutland")
    assert rows[0]["url"].startswith(server + "/letters/")
    assert len(rows) == int(rows[-1]["rank"])


@pytest.fixture(scope="module")
def ten_server(tmp_path_factory):
    """A server over one graded report from each of ten authorities."""
    import waitress

    from tests.helpers import build_ten_authorities
    from web import create_app

    index = build_ten_authorities(tmp_path_factory.mktemp("ten-authorities"))
    served = waitress.create_server(
        create_app({"INDEX": str(index)}), host="127.0.0.1", port=0, threads=2
    )
    threading.Thread(target=served.run, daemon=True).start()
    yield f"http://127.0.0.1:{served.effective_port}"
    served.close()


def test_the_compare_form_takes_a_fourth_authority_without_script(ten_server, browser):
    context, page, errors = _open_page(browser, java_script_enabled=False)
    page.goto(ten_server + "/compare")
    page.get_by_label("What do you want to compare?").fill("supervision")
    for n, name in enumerate(["Rutland", "Halton", "Hartlepool"], start=1):
        page.get_by_label(f"Authority {n}", exact=True).select_option(name)
    page.get_by_role("button", name="Add another authority").click()
    assert page.url.endswith("#local_authority-4")
    page.get_by_label("Authority 4", exact=True).select_option("York")
    page.get_by_role("button", name="Compare", exact=True).click()
    headings = page.locator("section.app-compare-authority h3").all_inner_texts()
    assert headings == ["Rutland", "Halton", "Hartlepool", "York"]
    context.close()
    context, page, errors = _open_page(browser, bypass_csp=True)
    page.goto(ten_server + "/compare?q=supervision&local_authority=York&add=another")
    assert _axe_violations(page) == []
    page.goto(ten_server + "/authorities/york")
    page.get_by_label("Compare what its letters say about").fill("supervision")
    page.get_by_label("With another authority’s letters (optional)").select_option("Bury")
    page.get_by_role("button", name="Compare across letters").click()
    assert page.locator("section.app-compare-authority h3").all_inner_texts() == ["York", "Bury"]
    assert _axe_violations(page) == []
    context.close()
    assert not errors


def test_an_authority_page_reads_at_375_px_without_scrolling_the_page_sideways(
    graded_server, browser
):
    context = browser.new_context(
        viewport={"width": 375, "height": 800}, locale="en-GB", bypass_csp=True
    )
    page = context.new_page()
    page.goto(graded_server + "/authorities/ashby")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    label = page.locator("text.app-chart__label").first
    assert label.bounding_box()["height"] >= 12, "the chart's labels are legible"
    table = page.locator(".app-table-scroll")
    assert page.evaluate("e => e.scrollWidth > e.clientWidth", table.element_handle())
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "authority-375.png"), full_page=True)
    assert _axe_violations(page) == []
    context.close()


def test_a_similar_findings_link_leads_to_cited_passages_of_other_letters(server, browser):
    context, page, errors = _open_page(browser, bypass_csp=True)
    page.goto(server + "/?q=kinship+care+for+grandparents")
    first = page.locator("li.app-result").first
    first.get_by_role("link", name=re.compile("^Find similar findings in other letters")).click()
    expect(page.locator("h1")).to_have_text("Findings like this one in other letters")
    source = page.locator(".app-similar-source .app-citation").inner_text()
    assert source.startswith("Rutland")
    results = page.locator("li.app-result h3").all_inner_texts()
    assert results and not any(" Rutland " in f" {r} " for r in results)
    assert _axe_violations(page) == []
    page.locator("li.app-result").first.get_by_role("link", name=re.compile("^Read")).click()
    expect(page.locator(".app-passage--cited")).to_be_visible()
    context.close()
    assert not errors


def test_the_trends_page_counts_phrases_by_year_and_links_to_the_passages(server, browser):
    context, page, errors = _open_page(browser, bypass_csp=True)
    page.goto(server + "/trends")
    page.get_by_label("Phrase 1", exact=True).fill("kinship care")
    page.get_by_label("Phrase 2 (optional)").fill("children")
    page.get_by_role("button", name="Count").click()
    expect(page.locator("h2#trends-heading")).to_contain_text("“kinship care” and “children”")
    expect(page.get_by_role("img", name="Share of each year’s letters mentioning each phrase"))
    expect(page.locator("g.app-chart__mark").first).to_be_visible()
    assert _axe_violations(page) == []
    api = page.request.get(server + "/api/trends?q=kinship+care&q=children").json()
    cells = page.locator("td[data-phrase]")
    shown = [(c.get_attribute("data-phrase"), c.get_attribute("data-letters")) for c in cells.all()]
    assert shown == [(c["phrase"], str(c["letters"])) for y in api["years"] for c in y["counts"]]
    with page.expect_download() as download:
        page.get_by_role("link", name="Download these figures as CSV").click()
    rows = list(csv.DictReader(io.StringIO(Path(download.value.path()).read_text("utf-8-sig"))))
    assert [(r["phrase"], r["mentions"]) for r in rows] == shown
    page.locator("td[data-phrase='kinship care'] a").first.click()
    expect(page.locator("li.app-result").first).to_contain_text("kinship care")
    context.close()
    assert not errors

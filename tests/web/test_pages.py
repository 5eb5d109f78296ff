"""The pages people use, as HTML: GOV.UK components, pages of results, errors in plain words."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from web import create_app


def _html(client, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status, response.get_data(as_text=True)[-2000:]
    return response.get_data(as_text=True)


def _letter_id(client, source_start: str) -> str:
    letters = client.get("/api/letters").get_json()["letters"]
    return next(x["letter_id"] for x in letters if x["source"].startswith(source_start))


def test_search_page_pages_through_results(client):
    first = _html(client, "/?q=children")
    assert "Passages 1 to 10 for “children”" in first
    assert "What the letters say" in first
    assert 'href="/?q=children&amp;page=2#results-heading" rel="next"' in first
    assert 'rel="prev"' not in first

    second = _html(client, "/?q=children&page=2")
    assert re.search(r"Passages 11 to 1\d for “children”", second)
    assert 'id="result-11"' in second and 'id="result-10"' not in second
    assert "What the letters say" not in second, "the answer is shown once, on the first page"
    assert 'href="/?q=children&amp;page=1#results-heading" rel="prev"' in second


def test_pagination_links_keep_the_filters(client):
    html = _html(client, "/?q=children&date_from=2024-01-01&type=")
    assert 'href="/?q=children&amp;date_from=2024-01-01&amp;page=2#results-heading"' in html


# "²" passes str.isdigit() but not int(): it is no number either.
@pytest.mark.parametrize("page", ["5", "99", "abc", "0", "-1", "%C2%B2"])
def test_a_page_past_the_results_or_not_a_number_still_shows_results(client, page):
    html = _html(client, f"/?q=children&page={page}")
    assert re.search(r"Passages (1|11) to 1?\d for “children”", html)


def test_an_improvements_page_not_a_number_is_the_first_page(client):
    response = client.get("/improvements?page=%C2%B2")
    assert response.status_code == 200
    first = client.get("/improvements?page=abc").get_data(as_text=True)
    assert response.get_data(as_text=True) == first


def test_a_page_number_of_any_length_past_the_last_is_the_last_page(client):
    last = client.get("/improvements?page=999999").get_data(as_text=True)
    response = client.get("/improvements?page=" + "1" * 5000)
    assert response.status_code == 200
    assert response.get_data(as_text=True) == last
    html = _html(client, "/?q=children&page=" + "9" * 40)
    assert re.search(r"Passages (1|11) to 1?\d for “children”", html)


def test_no_results_say_what_to_try(client):
    html = _html(client, "/?q=neglect&date_from=2030-01-01")
    assert "No passages found for “neglect”" in html
    assert "fewer filters, or a wider date range" in html


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ("q=", "q", "Enter a question"),
        ("q=" + "a" * 1001, "q", "Question must be 1000 characters or fewer"),
        ("q=%3F%3F%3F", "q", "Question must contain at least one letter or number"),
        ("q=x&date_from=2024-02-30", "date_from", "The inspected ‘from’ date must be a real date"),
        ("q=x&date_to=soon", "date_to", "The inspected ‘to’ date must be a real date"),
        (
            "q=x&published_since=2024-13-01",
            "published_since",
            "The published ‘from’ date must be a real date",
        ),
        (
            "q=x&date_from=2025-01-01&date_to=2024-01-01",
            "date_from",
            "The inspected ‘from’ date must be the same as or before its ‘to’ date",
        ),
        (
            "q=x&local_authority=Nowhere",
            "local_authority",
            "Choose a local authority from the list",
        ),
        ("q=x&type=party", "type", "Choose a type of letter from the list"),
    ],
)
def test_bad_form_shows_a_govuk_error_at_its_field(client, query, field, message):
    html = _html(client, f"/?{query}", status=400)
    assert "<title>Error: " in html
    assert f'<a href="#{field}">{message}</a>' in html, "the error summary links to the field"
    assert re.search(
        rf'<p id="{field}-error" class="govuk-error-message">\s*'
        rf'<span class="govuk-visually-hidden">Error:</span> {re.escape(message)}',
        html,
    )
    if field != "q":
        assert '<details class="govuk-details" open>' in html, "the filters are shown open"


KEY, VALUE = 'class="govuk-summary-list__key"', 'class="govuk-summary-list__value"'


def test_letter_page_shows_its_facts_in_a_summary_list(client):
    html = _html(client, f"/letters/{_letter_id(client, 'marshfield')}?hl=p4")
    facts = re.sub(r"\s+", " ", html.split('<dl class="govuk-summary-list">')[1].split("</dl>")[0])
    for key, value in [
        ("Local authority", '<a class="govuk-link" href="/authorities/marshfield">Marshfield</a>'),
        ("Type of letter", "Standard inspection"),
        ("Inspected", "13 May 2024 to 24 May 2024"),
        ("Published", "12 July 2024 (from the file name)"),
        ("Lead inspector", "Morgan Ellis"),
    ]:
        row = f"<dt {KEY}> {key} </dt> <dd {VALUE}> {value} </dd>"
        assert row in facts
    assert "<li>Care leavers: outstanding</li>" in facts
    assert "(2 pages)" in facts
    assert html.count("app-passage--cited") == 1
    assert 'href="/letters/' in html and "/source#page=2" in html


def test_letters_page_filters_by_authority_and_type(client):
    assert _html(client, "/letters").count('<tr class="govuk-table__row">') == 4
    html = _html(client, "/letters?local_authority=Rutland&type=focused+visit")
    assert html.count('<tr class="govuk-table__row">') == 2
    assert "Focused visit to Rutland children&#39;s services" in html
    assert '<option value="Rutland" selected>' in html
    assert "No letters match" in _html(client, "/letters?local_authority=Rutland&type=party")


class _InlineCode(HTMLParser):
    """Collect what a Content-Security-Policy without 'unsafe-inline' would refuse."""

    def __init__(self) -> None:
        super().__init__()
        self.refused: list[str] = []

    def handle_starttag(self, tag, attrs):
        names = dict(attrs)
        if tag == "script" and "src" not in names:
            self.refused.append("inline <script>")
        self.refused += [f"{tag} {name}=" for name in names if name == "style" or name[:2] == "on"]
        if tag == "style":
            self.refused.append("<style>")


@pytest.mark.parametrize(
    "url",
    ["/", "/?q=children", "/?q=", "/letters", "/letters/0000000000000000", "/letters/{id}?hl=p3"],
)
def test_pages_carry_no_inline_script_or_style(client, url):
    checker = _InlineCode()
    checker.feed(client.get(url.format(id=_letter_id(client, "marshfield"))).get_data(as_text=True))
    assert checker.refused == []


@pytest.mark.parametrize(
    ("path", "mimetype"),
    [
        ("/static/build/frontend.css", "text/css"),
        ("/assets/govuk-frontend.min.js", "text/javascript"),
        ("/static/favicon.svg", "image/svg+xml"),
        ("/static/app.js", "text/javascript"),
        ("/static/js-enabled.js", "text/javascript"),
    ],
)
def test_govuk_frontend_and_app_assets_are_served(client, path, mimetype):
    response = client.get(path)
    assert response.status_code == 200, "run scripts/setup.sh to install GOV.UK Frontend"
    assert response.mimetype == mimetype


@pytest.mark.parametrize(
    "path",
    [
        "/assets/../package.json",
        "/assets/%2e%2e/%2e%2e/package.json",
        "/assets/nope.css",
        "/assets/govuk-frontend.min.css",
        "/assets/fonts/bold-b542beb274-v2.woff2",
        "/assets/images/govuk-crest.svg",
        "/assets/images/favicon.svg",
    ],
)
def test_assets_outside_govuk_frontends_scripts_are_not_served(client, path):
    assert client.get(path).status_code == 404


@pytest.mark.parametrize("url", ["/", "/?q=neglect", "/letters", "/letters/nope"])
def test_pages_carry_no_govuk_crown_royal_arms_or_crown_copyright(client, url):
    html = client.get(url).get_data(as_text=True)
    for mark in ("govuk-footer__crown", "govuk-footer__copyright-logo", "Crown copyright"):
        assert mark not in html
    assert "/assets/images/" not in html and "/assets/fonts/" not in html
    assert "Open Government Licence v3.0" in html


def test_styles_use_the_services_own_font_stack_not_gds_transport(client):
    css = client.get("/static/build/frontend.css").get_data(as_text=True)
    assert "GDS Transport" not in css and "@font-face" not in css
    assert 'font-family:system-ui,-apple-system,"Segoe UI"' in css


def test_unexpected_error_is_a_page_not_a_stack_trace(app, monkeypatch):
    def broken():
        raise RuntimeError("secret detail")

    monkeypatch.setattr(app.extensions["live_index"], "searcher", broken)
    html = _html(app.test_client(), "/letters", status=500)
    assert "Sorry, there is a problem with the service" in html
    assert "secret detail" not in html and "Traceback" not in html


def test_missing_index_says_how_to_build_one(tmp_path):
    client = create_app({"TESTING": True, "INDEX": str(tmp_path / "none")}).test_client()
    html = _html(client, "/", status=503)
    assert "Sorry, the service is unavailable" in html
    assert "run &#34;python -m qa index" in html


def test_unnumbered_point_is_cited_by_its_place_and_shows_no_number(client):
    html = _html(client, "/?q=timeliness of initial health assessments for children in care")
    first = html[html.index('id="result-1"') : html.index('id="result-2"')]
    assert "What needs to improve? · point 1 · page 1" in first
    assert "paragraph" not in first.split("</h3>")[0]
    assert "Read this passage in the letter" in first
    letter_id = _letter_id(client, "marshfield")
    letter = _html(client, f"/letters/{letter_id}?hl=u2#u2")
    cited = letter[letter.index('id="u2"') :].split("</div>")[0]
    assert "app-passage__number" in cited
    assert not re.search(r"Paragraph </span>\s*\d", cited)
    assert re.search(r"Paragraph </span>\s*4", letter[letter.index('id="p4"') :])


def test_a_question_in_another_script_is_accepted_and_told_the_letters_are_english(client):
    page = _html(client, "/?q=ماذا قال المفتشون عن الإهمال؟")
    assert "at least one letter or number" not in page
    assert "The letters are in English" in page


def test_an_unanswered_question_shows_only_the_nearest_passages(client, monkeypatch):
    monkeypatch.setitem(__import__("qa.search.answerable").search.answerable.THRESHOLDS, "hash", 2)
    page = _html(client, "/?q=neglect")
    assert "What the letters say" not in page
    assert "Nothing in the letters answers this question" in page
    assert "Nearest passages 1 to" in page and "none answers it" in page


def test_the_search_page_shows_notices_and_the_named_letters(client):
    html = client.get("/?q=neglect in Rutlnd").get_data(as_text=True)
    assert "How your question was read" in html
    assert "Showing results for Rutland" in html
    assert "Letters about Rutland" in html
    html = client.get("/?q=Why was Marshfield judged good?").get_data(as_text=True)
    assert "(Since the last inspection" not in html
    assert "Letters judged good (Marshfield, 2024-05-24) come first." in html

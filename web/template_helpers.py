"""What the page templates use to show letters and citations: highlights, dates, links."""

from __future__ import annotations

from datetime import date

from flask import Blueprint, url_for
from markupsafe import Markup, escape

from qa.api.render import citation_line
from qa.catalogue.authorities import slug
from qa.core.grades import NOT_PRINTED, area_label, grade_label, grade_summary
from qa.core.models import Citation

bp = Blueprint("template_helpers", __name__)


@bp.app_template_filter("marked")
def marked(text: str, highlights: list[str] | tuple[str, ...] = ()) -> Markup:
    """Return text escaped, with each highlighted sentence wrapped in <mark>."""
    pieces, position = [], 0
    spans = sorted((text.find(h), h) for h in highlights if h and text.find(h) >= 0)
    for start, sentence in spans:
        if start < position:
            continue
        pieces.append(escape(text[position:start]))
        pieces.append(Markup("<mark>") + escape(sentence) + Markup("</mark>"))
        position = start + len(sentence)
    pieces.append(escape(text[position:]))
    return Markup("").join(pieces)


@bp.app_template_filter("long_date")
def long_date(value: str | None, missing: str = "Not stated") -> str:
    """Return an ISO date as GOV.UK writes dates (14 March 2025), or missing when there is none."""
    if not value:
        return missing
    try:
        day = date.fromisoformat(value)
    except ValueError:
        return value
    return f"{day.day} {day:%B %Y}"


@bp.app_template_global()
def paragraph_href(citation: Citation) -> str:
    """Return the link to the cited paragraph in the letter view, highlighted and in view."""
    anchor = citation.url.rpartition("#")[2]
    return url_for("pages.letter_page", letter_id=citation.letter_id, hl=anchor) + f"#{anchor}"


@bp.app_template_global()
def source_href(letter_id: str, page: int | None = None) -> str:
    """Return the link to the letter's original file, at its page when it has pages."""
    href = url_for("pages.letter_source", letter_id=letter_id)
    return f"{href}#page={page}" if page else href


@bp.app_template_global()
def cited_as(citation: Citation) -> str:
    """Return the citation line with the date as people write it."""
    return citation_line(citation, long_date)


@bp.app_template_filter("grade_summary")
def grade_in_words(judgements: dict[str, str | None] | None) -> str:
    """Return a letter's grade in words, capitalised (see qa.core.grades.grade_summary)."""
    return grade_label(grade_summary(judgements))


# A letter's grade in words as a sentence goes on with it: "(requires improvement to be good)".
bp.add_app_template_filter(grade_summary, "grade_words")
# A grade as a label or a choice shows it: "Requires improvement".
bp.add_app_template_filter(grade_label, "grade_label")
# A judgement area's name for people: "help_and_protection" → "Help and protection".
bp.add_app_template_filter(area_label, "area_name")


@bp.app_template_filter("area_grade")
def area_grade(grade: str | None) -> Markup:
    """Return an area's grade as printed, or a dash that says, to a screen reader, the letter
    prints none for it (NOT_PRINTED)."""
    if grade:
        return escape(grade)
    return Markup('–<span class="govuk-visually-hidden"> %s</span>') % NOT_PRINTED


@bp.app_template_filter("authority_slug")
def authority_slug(name: str) -> str:
    """Return an authority's address: its name as /authorities/<slug> spells it."""
    return slug(name)

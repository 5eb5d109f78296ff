"""Read a letter's facts: title, authority, type, dates, inspectors and judgements."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from qa.core.fields import PublishedFrom
from qa.core.places import known_place
from qa.core.text import squash_spaces
from qa.reading.blocks import FACT_LINE
from qa.reading.ingest import Document
from qa.reading.layout import printed_rows, title_lines

MONTHS = {
    m: i
    for i, m in enumerate(
        """january february march april may june july august september october november
        december""".split(),
        start=1,
    )
}
_MONTH = (
    r"(january|february|march|april|may|june|july|august|september|october|november|december"
    r"|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\b\.?"
)
FULL_DATE = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH}\s+(\d{{4}})\b", re.I)
_DAY_MONTH = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?(?:\s+{_MONTH})?(?:\s+(\d{{4}}))?", re.I)

_COUNCIL = re.compile(
    r"^(?:the\s+)?(?:(?:london|royal)\s+borough\s+of\s+|council\s+of\s+the\s+)?"
    r"(.+?)(?:\s+(?:metropolitan\s+)?(?:borough|county|city|district)?\s*council|\s+borough)?$",
    re.I,
)


@dataclass
class Facts:
    """What a letter says about itself; None where it does not say."""

    title: str = ""
    local_authority: str | None = None
    named_as: str | None = None
    type: str | None = None
    date: str | None = None
    published: str | None = None
    published_from: PublishedFrom | None = None
    visit_dates: dict[str, str | None] = field(default_factory=lambda: {"start": None, "end": None})
    lead_inspector: str | None = None
    inspectors: list[str] = field(default_factory=list)
    judgements: dict[str, str | None] | None = None


def read_facts(doc: Document, body_title: str | None, front: str) -> Facts:
    """Return the facts printed on the letter's first pages (front: their front_text), all
    but the judgements (qa/reading/judgements.py)."""
    facts = Facts()
    facts.title = body_title or _printed_title(doc) or doc.path.stem
    facts.named_as = _authority(facts.title, front)
    place = known_place(facts.named_as) if facts.named_as else None
    facts.local_authority = place.name if place else facts.named_as
    facts.type = letter_type(facts.title) or letter_type(front[:3000])
    facts.visit_dates = _visit_dates(front)
    facts.date = facts.visit_dates["end"]
    facts.published, facts.published_from = _publication(front, doc.path.name)
    facts.type = _inspection_length(facts.type, facts.visit_dates)
    facts.lead_inspector, facts.inspectors = _inspectors(front, row_texts(doc))
    return facts


def front_text(doc: Document) -> str:
    """Return the text of the letter's first pages, where its facts are printed."""
    return spell_dates("\n".join(row_texts(doc, last_page=3)[:200]))


_NUMERIC_DATE = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b")
_MONTH_NAMES = {number: name.capitalize() for name, number in MONTHS.items()}


def spell_dates(text: str) -> str:
    """Write day/month/year dates ("12/09/2016", as some 2015-2016 reports print them) in words."""

    def spell(match: re.Match) -> str:
        day, month, year = (int(g) for g in match.groups())
        if not 1 <= month <= 12:
            return match.group(0)
        return f"{day} {_MONTH_NAMES[month]} {year}"

    return _NUMERIC_DATE.sub(spell, text)


def row_texts(doc: Document, last_page: int | None = None) -> list[str]:
    """Return the document's printed rows as text: side-by-side cells joined, in page order."""
    lines = [ln for ln in doc.lines if ln.page is None or last_page is None or ln.page <= last_page]
    if doc.kind == "text":
        return [ln.text for ln in lines]
    return [" ".join(ln.text for ln in row) for row in printed_rows(lines)]


def _printed_title(doc: Document) -> str | None:
    if doc.kind != "pdf":
        return None
    first = [ln for ln in doc.lines if ln.page == 1]
    title = squash_spaces(" ".join(ln.text for ln in title_lines(doc)))
    if title and not re.search(r"\b(inspection|visit)\b", title, re.I):
        # The council's name alone: add the report's own description printed beneath it.
        start = next(
            (i for i, ln in enumerate(first) if re.match(r"(re-)?inspection of ", ln.text, re.I)),
            None,
        )
        if start is not None:
            described = [first[start].text]
            for above, line in zip(
                first[start : start + 3], first[start + 1 : start + 4], strict=False
            ):
                wraps = line.size == above.size and line.y0 - above.y1 < line.size * 0.5
                if not wraps or line.text.lower() == "and" or FACT_LINE.match(line.text):
                    break
                described.append(line.text)
            title = f"{title} – {squash_spaces(' '.join(described))}"
    return title or None


_TITLE_AUTHORITY = (
    re.compile(r"inspection of (.+?) children(?:[’']s)? (?:and families )?trust", re.I),
    re.compile(r"inspection of (.+?)(?: local authority)? children[’']s services", re.I),
    re.compile(
        r"(?:focused|monitoring) visit to (.+?)(?: local authority)? children[’']s services", re.I
    ),
    re.compile(r"joint targeted area inspection (?:of|in) (.+?)$", re.I),
)


def _authority(title: str, front: str) -> str | None:
    if " – " in title:
        return council_name(title.split(" – ")[0])
    for pattern in _TITLE_AUTHORITY:
        if match := pattern.search(title):
            return council_name(match.group(1))
    # Reports of 2013-2017 print the council's name alone as their title.
    if not re.search(r"\b(inspection|visit|report)\b", title, re.I) and len(title.split()) <= 8:
        return council_name(title)
    for line in front.splitlines()[:30]:
        line = squash_spaces(line)
        if re.search(r"\bcouncil$", line, re.I) and len(line.split()) <= 8:
            return council_name(line)
    return None


_AREA_PREFIX = re.compile(
    r"^(?:the\s+)?(?:metropolitan\s+)?(?:borough\s+of|city\s+of)\s+(?!london\b|westminster\b)", re.I
)
_AREA_SUFFIX = re.compile(
    r"\s+(?:(?:local\s+)?safeguarding\s+children\s+board|children[’']s\s+services|unitary\s+authority"
    r"|metropolitan(?:\s+borough)?|city(?:\s+of)?|district|county)$",
    re.I,
)


def council_name(text: str) -> str:
    """Return the area's name from a council's name ("Oldham Borough Council" → "Oldham")."""
    text = squash_spaces(text).strip(" ,.")
    match = _COUNCIL.match(text)
    name = (match.group(1) if match else text).strip()
    for _ in range(2):
        name = _AREA_SUFFIX.sub("", _AREA_PREFIX.sub("", name)).strip()
    return name


def letter_type(text: str) -> str | None:
    """Return the kind of letter its title and opening describe."""
    lowered = text.lower()
    for needle, kind in (
        ("joint targeted area inspection", "joint targeted area inspection"),
        ("focused visit", "focused visit"),
        ("monitoring visit", "monitoring visit"),
        ("short inspection", "inspection (short)"),
        ("inspection of services for children in need of help and protection", "single inspection"),
        ("safeguarding children board", "local safeguarding children board review"),
        ("local authority children’s services", "inspection"),
        ("local authority children's services", "inspection"),
        ("looked after children services", "looked after children inspection"),
        ("safeguarding and looked after", "safeguarding and looked after children inspection"),
        ("inspection", "inspection"),
    ):
        if needle in lowered:
            return kind
    return None


def _month(name: str) -> int:
    """Return a month's number from its name or abbreviation ("Feb", "Sept")."""
    name = name.lower().rstrip(".")
    return next(number for full, number in MONTHS.items() if full.startswith(name[:3]))


def _inspection_length(kind: str | None, visit: dict[str, str | None]) -> str | None:
    """Tell a short inspection from a standard one by its days on site, as the framework does.

    Since 2018 a short inspection is one working week on site (Monday to Friday) and a
    standard one two; reports print the dates, not the word. Other spans stay "inspection".
    """
    if kind != "inspection" or not visit["start"] or not visit["end"] or visit["end"] < "2018":
        return kind
    days = (date.fromisoformat(visit["end"]) - date.fromisoformat(visit["start"])).days
    return {4: "short inspection", 11: "standard inspection"}.get(days, kind)


def parse_date(text: str) -> str | None:
    """Return the first full date in text as YYYY-MM-DD, or None."""
    match = FULL_DATE.search(text)
    if not match:
        return None
    day, month, year = int(match.group(1)), _month(match.group(2)), int(match.group(3))
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def date_range(text: str) -> dict[str, str | None]:
    """Return the start and end of a range such as "13 to 24 May 2024"."""
    parts = [(int(d), m, y) for d, m, y in _DAY_MONTH.findall(text)]
    if not parts or not parts[-1][1] or not parts[-1][2]:
        return {"start": None, "end": None}
    end_day, end_month, end_year = parts[-1]
    start_day, start_month, start_year = parts[0]
    start_month = start_month or end_month
    start_year = start_year or end_year
    end_m, start_m = _month(end_month), _month(start_month)
    if not parts[0][2] and start_m > end_m:
        start_year = str(int(end_year) - 1)
    try:
        end = date(int(end_year), end_m, end_day).isoformat()
        start = date(int(start_year), start_m, start_day).isoformat()
    except ValueError:
        return {"start": None, "end": None}
    return {"start": start, "end": end}


_VISIT_LINE = re.compile(
    r"(?:inspection dates?|dates? of (?:the )?(?:inspection|visit))\s*:?\s*(.*\d{4})", re.I
)
_LETTER_VISIT = re.compile(
    r"(?:visit|inspection) to .{3,80}? (?:on|between|from) ((?:\d{1,2}\S*|and|to|–|-|\s|"
    + _MONTH
    + r")+\d{4})",
    re.I,
)


def _visit_dates(front: str) -> dict[str, str | None]:
    for line in front.splitlines():
        if match := _VISIT_LINE.search(squash_spaces(line)):
            found = date_range(match.group(1))
            if found["end"]:
                return found
    if match := _LETTER_VISIT.search(squash_spaces(front)):
        return date_range(match.group(1))
    return {"start": None, "end": None}


# Ofsted names its downloads "<kind of report> - 12 july 2024.pdf", by the day it published them.
_FILE_DATE = re.compile(rf" - (\d{{1,2}} {_MONTH} \d{{4}})\.[a-z]+$", re.I)


def _publication(front: str, file_name: str) -> tuple[str | None, PublishedFrom | None]:
    """Return the publication date and where it was read: "print" (the report's "Report
    published" line, or a letter's own date above its salutation), else "file name" (as
    Ofsted names its downloads), else (None, None)."""
    if printed := _printed_publication(front):
        return printed, "print"
    if (match := _FILE_DATE.search(file_name)) and (named := parse_date(match.group(1))):
        return named, "file name"
    return None, None


def _printed_publication(front: str) -> str | None:
    """Return a report's printed publication date, or the date above a letter's salutation."""
    lines = [squash_spaces(line) for line in front.splitlines()[:60]]
    for line in lines:
        if re.match(r"^(report )?published\s*:?", line, re.I):
            return parse_date(line)
    salutation = next((i for i, line in enumerate(lines) if SALUTATION_START.match(line)), None)
    for line in lines[:salutation]:
        if salutation is not None and FULL_DATE.fullmatch(line):
            return parse_date(line)
    return None


SALUTATION_START = re.compile(r"^Dear\s")
_NAME = r"([A-Z][\w'’-]+(?:\s+[A-Z](?:[\w'’-]+|\.)?){1,3})"


_ROLE = re.compile(
    r"^(?:(?P<role>(?:deputy\s+)?lead|team|reporting|shadow)\s+inspectors?(?:\s+on\s+site)?\s*:?"
    r"|inspectors\s*:)\s*(?P<names>[A-Z].+)$",
    re.I,
)


def _inspectors(front: str, lines: list[str]) -> tuple[str | None, list[str]]:
    """Return the lead inspector and every inspector, lead first.

    Recent reports name the lead on the title page, older ones in "The inspection team" at
    the end, and letters in their opening paragraph.
    """
    lead, team = None, []
    for line in lines:
        match = _ROLE.match(squash_spaces(line))
        if not match:
            continue
        role = (match.group("role") or "").lower()
        names = _names(match.group("names"))
        if role in ("lead", "reporting") and lead is None and names:
            lead = names[0]
        team.extend(names)
    flat = squash_spaces(front)
    if lead is None:
        for pattern in (rf"(?i:lead inspector)\s*:?\s*{_NAME}", rf"(?i:led by) {_NAME}"):
            if match := re.search(pattern, flat):
                lead = _names(match.group(1))[0]
                break
    if match := re.search(rf"team inspectors? ((?:{_NAME}(?:,\s*| and\s+)?)+)", flat):
        team.extend(_names(match.group(1)))
    ordered = [lead] if lead else []
    ordered.extend(name for name in team if name not in ordered)
    return lead, list(dict.fromkeys(ordered))


def _names(text: str) -> list[str]:
    names = []
    for part in re.split(r",\s*|\s+and\s+|;\s*", text):
        part = re.sub(
            r"\s+\(?(HMI|HMCI|His Majesty.*|Her Majesty.*|Ofsted Inspector.*)\)?$", "", part.strip()
        )
        part = re.sub(r"^\(?HMI\)?\s+", "", part).strip(" .")
        if re.fullmatch(_NAME, part) and not re.search(r"Majesty|Inspector|Ofsted", part):
            names.append(part)
    return names

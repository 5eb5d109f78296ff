from pathlib import Path

import pytest

from qa.reading.reader import read_letter
from tests.synthetic import (
    FOCUSED_VISIT,
    bullet,
    footnote,
    heading,
    numbered,
    para,
    write_inspection_pdf,
    write_pdf,
)

HEADER = "Inspection of Testshire local authority children's services"
FILLER = "Inspectors found that practice with children is improving across the service. "


def _read_text(tmp_path: Path, text: str, name: str = "letter.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return read_letter(path, name)


@pytest.fixture
def report(tmp_path):
    return read_letter(write_inspection_pdf(tmp_path / "report.pdf"), "report.pdf")


def test_text_letter_has_one_passage_per_paragraph_without_address_or_sign_off(tmp_path):
    letter = _read_text(tmp_path, FOCUSED_VISIT)
    texts = [p.text for p in letter.passages]
    assert texts[0].startswith("This letter summarises the findings")
    assert texts[-1].startswith("Ofsted will take the findings")
    assert not any(
        "Piccadilly" in t or "Yours sincerely" in t or t.startswith("Dear") for t in texts
    )
    assert [p.paragraph for p in letter.passages] == list(range(1, len(texts) + 1))


def test_paragraph_split_by_a_blank_line_mid_sentence_is_one_passage(tmp_path):
    letter = _read_text(tmp_path, FOCUSED_VISIT)
    joined = [p for p in letter.passages if "plans for these children drift" in p.text]
    assert len(joined) == 1
    assert joined[0].section == "Main findings"


def test_text_letter_sections_are_its_headings(tmp_path):
    letter = _read_text(tmp_path, FOCUSED_VISIT)
    sections = {p.text[:30]: p.section for p in letter.passages}
    assert sections["Social workers in Rutland know"] == "Headline findings"
    assert sections["• The response to neglect, so "] == (
        "What needs to improve in this area of social work practice?"
    )


def test_markdown_markup_is_not_in_passages(tmp_path, letters_dir):
    path = letters_dir / "visits" / "halton's monitoring visit.md"
    letter = read_letter(path, "x.md")
    assert letter.title == "Monitoring visit to Halton children's services"
    assert any(p.text.startswith("The local offer for care leavers") for p in letter.passages)
    assert not any("**" in p.text or "#" in p.text for p in letter.passages)


def test_pdf_numbered_paragraphs_keep_their_numbers(report):
    numbered = sorted({p.paragraph for p in report.passages if p.numbered})
    assert numbered == [1, 2, 3, 4, 5]
    assert report.passages[[p.anchor for p in report.passages].index("p4")].text.startswith(
        "Private fostering arrangements"
    )


def test_pdf_bullets_stay_with_their_lead_in(report):
    lead_in = next(p for p in report.passages if p.anchor == "p2")
    assert lead_in.text == (
        "The evidence considered by inspectors included:\n"
        "• case records of children in need\n• discussions with social workers"
    )


def test_pdf_paragraph_across_a_page_break_is_one_passage_on_its_first_page(tmp_path):
    elements = [numbered(n, FILLER * 6) for n in range(1, 8)]
    path = write_pdf(
        tmp_path / "long.pdf",
        HEADER,
        [],
        elements,
        header=HEADER,
        footer=HEADER + " 1 to 5 May 2023",
    )
    letter = read_letter(path, "long.pdf")
    assert sorted({p.paragraph for p in letter.passages}) == list(range(1, 8))
    for passage in letter.passages:
        assert passage.text.startswith("Inspectors found"), passage
        assert passage.text.rstrip().endswith("service."), passage
        assert HEADER.lower() not in passage.text.lower()
    assert len({p.page for p in letter.passages}) > 1


def test_pdf_running_header_footer_and_page_numbers_are_not_passages(report):
    for passage in report.passages:
        assert "13 to 24 May 2024" not in passage.text
        assert passage.text.strip() not in {"1", "2"}


def test_pdf_footnotes_and_judgement_table_are_not_passages(report):
    texts = " ".join(p.text for p in report.passages)
    assert "Local authority data supplied" not in texts
    assert "Requires improvement to be good" not in texts
    assert "Judgement" not in texts


def test_pdf_section_is_the_printed_heading(report):
    by_anchor = {p.anchor: p for p in report.passages}
    assert by_anchor["p5"].section == "The experiences and progress of care leavers: outstanding"
    assert by_anchor["p1"].section == (
        "The experiences and progress of children who need help and protection: "
        "requires improvement to be good"
    )


def test_unnumbered_paragraphs_in_a_numbered_letter_have_distinct_anchors(report):
    anchors = [p.anchor for p in report.passages]
    assert len(anchors) == len(set(anchors))
    summary = report.passages[0]
    assert (summary.numbered, summary.anchor) == (False, "u1")


def test_very_long_paragraph_is_split_at_sentences_keeping_its_number(report):
    parts = [p for p in report.passages if p.paragraph == 3]
    assert [p.anchor for p in parts] == ["p3", "p3-2"]
    assert all(p.text.endswith(".") for p in parts)


def test_pdf_with_heading_then_plain_paragraphs(tmp_path):
    elements = [
        heading("Executive summary"),
        para("First finding. " * 3),
        para("Second finding. " * 3),
        footnote("2 A note."),
    ]
    letter = read_letter(write_pdf(tmp_path / "s.pdf", HEADER, [], elements), "s.pdf")
    assert [(p.section, p.paragraph) for p in letter.passages] == [
        ("Executive summary", 1),
        ("Executive summary", 2),
    ]


def test_bullets_without_lead_in_are_passages_of_their_own(tmp_path):
    elements = [
        heading("What needs to improve?"),
        bullet("Supervision."),
        bullet("Return home interviews."),
    ]
    letter = read_letter(write_pdf(tmp_path / "b.pdf", HEADER, [], elements), "b.pdf")
    assert [p.text for p in letter.passages] == ["• Supervision.", "• Return home interviews."]


def _numbered_lines(tmp_path, lines):
    """Write a page of (x, text, gap-before) lines set in 12-point type; return its passages."""
    import pymupdf

    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    page.insert_text((71, 120), HEADER, fontsize=26)
    y = 200.0
    for x, text, gap in lines:
        y += 14.5 + gap
        page.insert_text((x, y), text, fontsize=12)
    path = tmp_path / "n.pdf"
    doc.save(path)
    return read_letter(path, "n.pdf").passages


def test_wrapped_line_starting_with_a_number_is_no_new_paragraph(tmp_path):
    passages = _numbered_lines(
        tmp_path,
        [
            (71, "1. Disabled children are helped to plan for adult life well before they", 0),
            (99, "turn 18, and the help goes on until they are", 0),
            (99, "2. Families say this is a strength of the service and of the partnership.", 0),
            (71, "2. Plans are reviewed regularly.", 12),
        ],
    )
    assert [p.paragraph for p in passages] == [1, 2]
    assert passages[0].text.endswith(
        "until they are 2. Families say this is a strength of the service and of the partnership."
    )


@pytest.mark.parametrize(
    ("marker", "expected"),
    [("2 Children", "Children are seen alone."), ("2. . Children", "Children are seen alone.")],
)
def test_paragraph_number_without_its_full_stop_or_with_two_is_read(tmp_path, marker, expected):
    passages = _numbered_lines(
        tmp_path,
        [
            (71, "1. Social workers know children well and visit them often.", 0),
            (71, f"{marker} are seen alone.", 12),
        ],
    )
    assert [(p.paragraph, p.text) for p in passages][-1] == (2, expected)


@pytest.mark.parametrize(
    "text",
    [
        "Leaders know their services well. They act on what they learn! Do they? Yes.",
        "Managers oversee plans, e.g. for neglect. Children are seen alone.",
        "Dr. Jones reviewed 12 cases in 2019. Most were good.",
        "Social workers visit etc. The plans are clear.",
        "Staff say things may. Change is slow.",
        "One carer said ‘they listen to us. They help.’ Plans improve.",
        'A parent said "it was hard. Now it is better." Plans improve.',
        "Caseloads (which were high. Now lower) are manageable. Staff stay.",
        "Inspectors met the LSCB. The chair was clear. Work with Ofsted. Next steps.",
        "• Children are seen alone.",
        "No sentence ends here",
    ],
)
def test_plain_prose_is_split_where_pysbd_splits_it(text):
    import pysbd

    from qa.reading.passages import split_sentences

    segmenter = pysbd.Segmenter(language="en", clean=False, char_span=False)
    expected = [s.strip() for s in segmenter.segment(text) if s.strip()]
    assert split_sentences(text) == expected


def test_every_passage_knows_where_its_sentences_are(report):
    from qa.reading.passages import split_sentences

    for passage in report.passages:
        expected = [s.removeprefix("• ") for s in split_sentences(passage.text)]
        assert passage.sentences() == expected

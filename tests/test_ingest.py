from pathlib import Path

import pymupdf
import pytest
from letters import para, write_pdf

from qa.errors import LetterError, NotALetter
from qa.ingest import read_document

REPORT_NOT_FOUND = (
    b"<!DOCTYPE html>\r\n<html><head><title>Report not found</title></head>"
    b"<body>Report not found</body></html>"
)


def _pdf(tmp_path: Path, **options) -> Path:
    body = [para("The local authority has a clear plan for improvement. " * 8)]
    return write_pdf(
        tmp_path / "letter.pdf",
        "Inspection of Testshire local authority children's services",
        [],
        body,
        **options,
    )


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.pdf", b"", "the file is empty"),
        ("random.pdf", bytes(range(256)) * 4, "not a PDF file (it does not start with %PDF)"),
        ("empty.txt", b"   \n\n", "the file is empty"),
        ("binary.txt", b"\x00\x01\x02binary\x00" * 20, "binary data, not text"),
        (
            "page.pdf",
            b"<html><body>Some other page</body></html>",
            "a saved web page, not a letter; save the letter itself",
        ),
        ("letter.doc", b"Dear Sir", "unsupported file type '.doc'; use .pdf, .txt or .md"),
    ],
)
def test_unreadable_file_is_reported_with_its_reason(tmp_path, name, data, reason):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(LetterError) as caught:
        read_document(path)
    assert caught.value.reason == reason
    assert str(caught.value) == f"{name}: {reason}"


def test_saved_report_not_found_page_is_not_a_letter(tmp_path):
    path = tmp_path / "children's services inspection - 19 october 2012.pdf"
    path.write_bytes(REPORT_NOT_FOUND)
    with pytest.raises(NotALetter, match="Report not found"):
        read_document(path)


def test_truncated_pdf_is_reported(tmp_path):
    path = _pdf(tmp_path)
    path.write_bytes(path.read_bytes()[: len(path.read_bytes()) // 3])
    with pytest.raises(LetterError, match="damaged|no text"):
        read_document(path)


def test_password_protected_pdf_is_reported(tmp_path):
    path = _pdf(tmp_path, password="secret")
    with pytest.raises(LetterError, match="password-protected"):
        read_document(path)


def test_pdf_without_text_layer_is_reported(tmp_path):
    doc = pymupdf.open()
    page = doc.new_page()
    page.draw_rect(pymupdf.Rect(50, 50, 300, 300), fill=(0.5, 0.5, 0.5))
    path = tmp_path / "scan.pdf"
    doc.save(path)
    with pytest.raises(LetterError, match="no text layer"):
        read_document(path)


def test_windows_1252_text_is_read(tmp_path):
    path = tmp_path / "letter.txt"
    path.write_bytes("Children\u2019s services are good.\n".encode("cp1252"))
    assert read_document(path).lines[0].text == "Children\u2019s services are good."


def test_pdf_lines_carry_page_position_and_size(tmp_path):
    doc = read_document(_pdf(tmp_path))
    title = doc.lines[0]
    assert (title.page, title.size) == (1, 26.0)
    assert doc.page_count == 1

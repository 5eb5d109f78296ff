from pathlib import Path

import pytest

from qa.core.errors import LetterError, NotALetter
from qa.reading.ingest import read_document
from tests.synthetic import para, write_inspection_pdf, write_pdf, write_scanned_pdf

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


@pytest.mark.parametrize("kept", [0.1, 0.3, 0.5, 0.7, 0.9, 0.99])
def test_truncated_pdf_is_reported_not_read_in_part(tmp_path, kept):
    path = write_inspection_pdf(tmp_path / "letter.pdf")
    path.write_bytes(path.read_bytes()[: int(path.stat().st_size * kept)])
    with pytest.raises(LetterError, match="^letter.pdf: a (truncated|damaged or truncated) PDF"):
        read_document(path)


def test_password_protected_pdf_is_reported(tmp_path):
    path = _pdf(tmp_path, password="secret")
    with pytest.raises(LetterError, match="password-protected"):
        read_document(path)


def test_pdf_without_text_layer_is_reported(tmp_path):
    with pytest.raises(LetterError, match="no text layer"):
        read_document(write_scanned_pdf(tmp_path / "scan.pdf"))


def test_windows_1252_text_is_read(tmp_path):
    path = tmp_path / "letter.txt"
    path.write_bytes("Children\u2019s services are good.\n".encode("cp1252"))
    assert read_document(path).lines[0].text == "Children\u2019s services are good."


def test_utf_16_text_with_a_byte_order_mark_is_read(tmp_path):
    path = tmp_path / "letter.txt"
    path.write_bytes("Children\u2019s services are good.\n".encode("utf-16"))
    assert read_document(path).lines[0].text == "Children\u2019s services are good."


def test_pdf_lines_carry_page_position_and_size(tmp_path):
    doc = read_document(_pdf(tmp_path))
    title = doc.lines[0]
    assert (title.page, title.size) == (1, 26.0)
    assert doc.page_count == 1

"""The code's folders show its stages: each imports only the stages below it, chains of imports
stay short, and reading a search request loads nothing heavy."""

import functools
import json
import subprocess
import sys
from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parents[1]
STAGES = ("core", "reading", "indexing", "search", "catalogue", "api", "cli")
HEAVY = ("pymupdf", "fitz", "bm25s", "faiss", "torch", "onnxruntime", "sentence_transformers")


def test_lint_imports_keeps_every_contract():
    result = subprocess.run(
        [str(Path(sys.executable).with_name("lint-imports"))],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_qa_is_stage_packages_with_at_most_three_modules_at_its_top():
    top = sorted(p.name for p in (ROOT / "qa").glob("*.py"))
    packages = sorted(p.parent.name for p in (ROOT / "qa").glob("*/__init__.py"))
    assert len(top) <= 3, top
    assert set(STAGES) <= set(packages), packages


def _longest_chain(graph: grimp.ImportGraph) -> list[str]:
    @functools.cache
    def longest(module: str) -> tuple[str, ...]:
        below = [longest(m) for m in graph.find_modules_directly_imported_by(module)]
        return (module, *max(below, key=len, default=()))

    return list(max((longest(m) for m in graph.modules), key=len))


def test_no_chain_of_imports_in_qa_is_over_nine_modules():
    chain = _longest_chain(grimp.build_graph("qa", cache_dir=None))
    assert len(chain) <= 9, " -> ".join(chain)


def test_reading_a_search_request_loads_no_pdf_reader_index_or_model_runtime():
    code = (
        "import json, sys; import qa.search.request; "
        f"print(json.dumps(sorted(m for m in {list(HEAVY)!r} if m in sys.modules)))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert json.loads(result.stdout) == []


def test_the_web_app_loads_the_pdf_reader_only_when_a_pdf_is_read(tmp_path):
    pdf = tmp_path / "letter.pdf"
    pdf.write_bytes(b"%PDF-1.4\n%%EOF\n")
    code = (
        "import sys; from pathlib import Path; from web import create_app; "
        f"create_app({{'INDEX': {str(tmp_path / 'index')!r}}}); "
        "print('pymupdf' in sys.modules); "
        "from qa.core.errors import LetterError; from qa.reading.ingest import read_document\n"
        f"try: read_document(Path({str(pdf)!r}))\n"
        "except LetterError: pass\n"
        "print('pymupdf' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["False", "True"]

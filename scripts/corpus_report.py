"""Report how faithfully every letter in a folder is read: passages, numbering, furniture, facts.

python scripts/corpus_report.py ../shared/letters [--show-gaps]
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from qa.blocks import GRADE_CELL, TABLE_HEADER  # noqa: E402
from qa.errors import LetterError, NotALetter  # noqa: E402
from qa.folding import normalise  # noqa: E402
from qa.improvements import IMPROVEMENT_HEADING, read_improvements  # noqa: E402
from qa.ingest import read_document  # noqa: E402
from qa.inspections import inspection_row  # noqa: E402
from qa.models import Letter  # noqa: E402
from qa.reader import read_letter  # noqa: E402
from qa.scan import letter_files  # noqa: E402

FIELDS = ("title", "local_authority", "type", "date", "visit_dates", "lead_inspector", "judgements")


def _check(args: tuple[Path, str]) -> dict:
    path, source = args
    try:
        letter = read_letter(path, source)
    except NotALetter as err:
        return {"source": source, "skipped": err.reason}
    except LetterError as err:
        return {"source": source, "error": err.reason}
    repeated = _repeated_lines(path) if path.suffix.lower() == ".pdf" else set()
    doc = read_document(path)
    # Words as printed, bullets and their glyphs ("•", "−", private-use dashes) aside, and
    # the page furniture a paragraph runs across (running headers, page numbers).
    body = [
        line.text
        for line in doc.lines
        if _folded(line.text) not in repeated and not line.text.strip().isdigit()
    ]
    printed = normalise(" ".join(body))
    points = read_improvements(letter)
    furniture = [
        p.anchor for p in letter.passages if any(key in _folded(p.text) for key in repeated)
    ]
    numbers = sorted({p.paragraph for p in letter.passages if p.numbered})
    gaps = sorted(set(range(1, numbers[-1] + 1)) - set(numbers)) if numbers else []
    facts = letter.facts()
    misnumbered, restarts = _misnumbered(letter)
    return {
        "source": source,
        "passages": len(letter.passages),
        "furniture": furniture,
        "numbered": bool(numbers),
        "gaps": gaps,
        "last": numbers[-1] if numbers else 0,
        "facts": {f: bool(facts[f]) and facts[f] != {"start": None, "end": None} for f in FIELDS},
        "type": letter.type,
        "misnumbered": misnumbered,
        "restarts": restarts,
        "positions_ok": [p.position for p in letter.passages]
        == list(range(1, len(letter.passages) + 1)),
        "table_sections": sorted({p.section for p in letter.passages if _table_cell(p.section)}),
        "graded": bool(inspection_row(letter)),
        "prints_improvements": any(
            len(line.text) <= 80 and IMPROVEMENT_HEADING.match(line.text) for line in doc.lines
        ),
        "improvements": len(points),
        "not_verbatim": [i.position for i in points if normalise(i.text) not in printed],
    }


def _misnumbered(letter: Letter) -> tuple[list[str], int]:
    """Return the anchors of passages whose paragraph number the letter prints on another of
    its paragraphs, and how often the printed numbering starts again at 1 (a second report
    bound into the same file numbers its own paragraphs)."""
    runs: list[dict[int, str]] = [{}]
    owner: list[int] = []
    last = 0
    for passage in letter.passages:
        if passage.numbered and passage.paragraph is not None:
            if passage.paragraph < last and passage.paragraph == 1:
                runs.append({})
            last = passage.paragraph
            runs[-1].setdefault(passage.paragraph, passage.anchor.split("-")[0])
        owner.append(len(runs) - 1)
    wrong = []
    for passage, run in zip(letter.passages, owner, strict=True):
        printed_on = runs[run].get(passage.paragraph) if passage.paragraph is not None else None
        if printed_on is not None and printed_on != passage.anchor.split("-")[0]:
            wrong.append(passage.anchor)
    return wrong, len(runs) - 1


def _table_cell(section: str) -> bool:
    """Return True for a section that is a table's header row, a grade or a page number."""
    return bool(TABLE_HEADER.match(section) or GRADE_CELL.fullmatch(section) or section.isdigit())


def _folded(text: str) -> str:
    # Case is kept: a letter may say "the last inspection of X local authority children's
    # services" in a sentence, while its running footer says "Inspection of X …".
    return re.sub(r"\s+", " ", re.sub(r"\d+", "#", text)).strip()


def _repeated_lines(path: Path) -> set[str]:
    """Return the letter's lines (folded) that stand on more than half of its pages."""
    doc = read_document(path)
    if not doc.page_count or doc.page_count < 3:
        return set()
    pages_with: dict[str, set[int]] = {}
    for line in doc.lines:
        key = _folded(line.text)
        # Short lines ("Good", "•") repeat by nature; a header or footer is a sentence.
        if len(key) >= 20:
            pages_with.setdefault(key, set()).add(line.page or 0)
    return {key for key, pages in pages_with.items() if len(pages) > doc.page_count / 2}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("letters", type=Path)
    parser.add_argument("--show-gaps", action="store_true")
    args = parser.parse_args()
    started = time.perf_counter()
    jobs = [(path, source) for source, path in letter_files(args.letters)]
    with ProcessPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(_check, jobs, chunksize=4))
    elapsed = time.perf_counter() - started
    read = [r for r in results if "passages" in r]
    errors = [r for r in results if "error" in r]
    skipped = [r for r in results if "skipped" in r]
    print(
        f"files: {len(results)}  read: {len(read)}  not letters: {len(skipped)}  "
        f"errors: {len(errors)}  ({elapsed:.0f} s)"
    )
    for r in errors:
        print(f"  ERROR {r['source']}: {r['error']}")
    for r in skipped:
        print(f"  skipped {r['source']}: {r['skipped']}")
    counts = sorted(r["passages"] for r in read)
    print(
        f"passages: {sum(counts)}  per letter min {counts[0]} "
        f"median {counts[len(counts) // 2]} max {counts[-1]}"
    )
    furniture = [(r["source"], a) for r in read for a in r["furniture"]]
    print(f"passages containing a line repeated on most pages: {len(furniture)}")
    for source, anchor in furniture[:20]:
        print(f"  {source} #{anchor}")
    numbered = [r for r in read if r["numbered"]]
    complete = [r for r in numbered if not r["gaps"]]
    print(f"numbered letters with complete 1..N: {len(complete)}/{len(numbered)}")
    if args.show_gaps:
        for r in numbered:
            if r["gaps"]:
                print(f"  gaps {r['source']} (last {r['last']}): {r['gaps'][:12]}")
    misnumbered = [(r["source"], a) for r in read for a in r["misnumbered"]]
    print(
        f"passages whose paragraph number is printed on another paragraph of their letter: "
        f"{len(misnumbered)}"
    )
    for source, anchor in misnumbered[:20]:
        print(f"  {source} #{anchor}")
    restarted = [r["source"] for r in read if r["restarts"]]
    print(
        f"letters whose printed numbering starts again at 1 (two reports in one file): "
        f"{len(restarted)}"
    )
    for source in restarted[:10]:
        print(f"  {source}")
    print(f"letters whose positions are not 1..N: {sum(not r['positions_ok'] for r in read)}")
    tables = [(r["source"], s) for r in read for s in r["table_sections"]]
    print(f"sections that are a table header, a grade or a page number: {len(tables)}")
    for source, section in tables[:20]:
        print(f"  {source}: {section!r}")
    print("fact coverage:")
    for f in FIELDS:
        have = sum(r["facts"][f] for r in read)
        print(f"  {f:16s} {have}/{len(read)}")
    print(f"graded inspections listed (/api/judgements): {sum(r['graded'] for r in read)}")
    printing = [r for r in read if r["prints_improvements"]]
    having = [r for r in printing if r["improvements"]]
    share = len(having) / len(printing) if printing else 1.0
    print(
        f"letters printing an improvement heading that have their points: {len(having)}/"
        f"{len(printing)} ({share:.1%}); points {sum(r['improvements'] for r in read)}, in "
        f"{sum(bool(r['improvements']) for r in read)} letters"
    )
    for r in printing:
        if not r["improvements"]:
            print(f"  no points: {r['source']}")
    verbatim = [(r["source"], n) for r in read for n in r["not_verbatim"]]
    print(f"points not verbatim in their letter's text: {len(verbatim)}")
    for source, position in verbatim[:20]:
        print(f"  {source} passage {position}")
    print("types:", dict(Counter(r["type"] for r in read)))


if __name__ == "__main__":
    main()

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

from qa.catalogue.inspections import inspection_row  # noqa: E402
from qa.core.errors import LetterError, NotALetter  # noqa: E402
from qa.core.grades import GRADE_CELL  # noqa: E402
from qa.core.models import Letter  # noqa: E402
from qa.core.text import normalise  # noqa: E402
from qa.reading.blocks import TABLE_HEADER  # noqa: E402
from qa.reading.improvements import IMPROVEMENT_HEADING, read_improvements  # noqa: E402
from qa.reading.ingest import read_document  # noqa: E402
from qa.reading.reader import read_letter  # noqa: E402
from qa.reading.scan import letter_files  # noqa: E402
from scripts.printed_citations import NOTHING_PRINTED, check_citations, print_citations  # noqa: E402
from scripts.printed_points import check_points, print_points  # noqa: E402

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
    # the page furniture a paragraph runs across (running headers, page numbers), and the
    # paragraph numbers set beside their text (a hair lower than its first line, at times).
    rows = Counter((line.page, round(line.y0)) for line in doc.lines)
    body = [
        line.text
        for line in doc.lines
        if _folded(line.text) not in repeated
        and not line.text.strip().isdigit()
        and not (
            re.fullmatch(r"\d{1,3}\.", line.text.strip()) and rows[line.page, round(line.y0)] > 1
        )
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
    anchors = Counter(p.anchor for p in letter.passages)
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
        **check_points(doc, repeated, points),
        "identity": _identity(letter),
        "repeated_anchors": sorted(a for a, n in anchors.items() if n > 1),
        **(check_citations(letter, path) if doc.kind == "pdf" else NOTHING_PRINTED),
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
            runs[-1].setdefault(passage.paragraph, _paragraph_anchor(passage.anchor))
        owner.append(len(runs) - 1)
    wrong = []
    for passage, run in zip(letter.passages, owner, strict=True):
        printed_on = runs[run].get(passage.paragraph) if passage.paragraph is not None else None
        if printed_on is not None and printed_on != _paragraph_anchor(passage.anchor):
            wrong.append(passage.anchor)
    return wrong, len(runs) - 1


def _paragraph_anchor(anchor: str) -> str:
    # "p12-2" is the second part of paragraph 12; "lscb-p1" a bound report's paragraph 1.
    return re.sub(r"-\d+$", "", anchor)


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
    print_citations(read)
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
    print_points(read)
    print("types:", dict(Counter(r["type"] for r in read)))
    _report_identity([r["identity"] for r in read])


# Ofsted names its downloads "<kind of report> - 12 july 2024.pdf", by the day it published them.
_FILE_DATE = re.compile(r" - (\d{1,2}) ([a-z]+) (\d{4})\.pdf$", re.I)
_MONTHS = "january february march april may june july august september october november december"


def _identity(letter: Letter) -> dict:
    """Return what the authority and date checks need of one letter."""
    parts = letter.source.split("/")
    named = _FILE_DATE.search(letter.source)
    file_date = None
    if named and named.group(2).lower() in _MONTHS.split():
        month = _MONTHS.split().index(named.group(2).lower()) + 1
        file_date = f"{named.group(3)}-{month:02d}-{int(named.group(1)):02d}"
    return {
        "source": letter.source,
        "folder": parts[1] if len(parts) > 2 and parts[0] == "ofsted-ilacs" else None,
        "file_date": file_date,
        "letter": letter.facts() | {"letter_id": letter.letter_id, "sha256": letter.sha256},
    }


def _report_identity(rows: list[dict]) -> None:
    """Check authorities and dates against what the reader did not make: the folder each
    report sits in (one folder per authority) and the date Ofsted named each file by."""
    from qa.catalogue.inspections import InspectionQuery, list_inspections
    from qa.core.filters import LetterFilter
    from qa.core.grades import JUDGEMENT_AREAS, grade_summary, same_grade
    from qa.indexing.summary import unknown_authorities

    letters = [Letter(**row["letter"]) for row in rows]
    by_folder: dict[str, set[str | None]] = {}
    folders_of: dict[str | None, set[str]] = {}
    for row, letter in zip(rows, letters, strict=True):
        if row["folder"]:
            by_folder.setdefault(row["folder"], set()).add(letter.local_authority)
            folders_of.setdefault(letter.local_authority, set()).add(row["folder"])
    names = {x.local_authority for x in letters if x.local_authority}
    split = {f: n for f, n in by_folder.items() if len(n) > 1}
    shared = {n: f for n, f in folders_of.items() if len(f) > 1}
    print(
        f"authorities: {len(names)}; authority folders {len(by_folder)}; folders whose reports "
        f"are filed under more than one authority {len(split)}; authorities over more than one "
        f"folder {len(shared)}"
    )
    for folder, found in sorted(split.items()):
        print(f"  {folder}: {sorted(map(str, found))}")
    for name, found in sorted(shared.items()):
        print(f"  {name}: {sorted(found)}")
    unknown = unknown_authorities(letters)
    print(f"letters whose authority the gazetteer does not know: {len(unknown)}")
    for source, name in unknown:
        print(f"  {source}: {name!r}")
    renamed = Counter(
        (x.named_as, x.local_authority) for x in letters if x.named_as != x.local_authority
    )
    print(f"letters printing another name of their authority: {sum(renamed.values())}")
    for (printed, name), count in sorted(renamed.items(), key=str):
        print(f"  {printed!r} → {name!r}: {count}")
    # Latest: each folder's newest graded report by the date Ofsted named the file by.
    newest: dict[str, tuple[str, str]] = {}
    for row, letter in zip(rows, letters, strict=True):
        graded = letter.judgements and any(letter.judgements.values())
        if row["folder"] and graded and row["file_date"]:
            best = newest.get(row["folder"])
            if best is None or row["file_date"] > best[0]:
                newest[row["folder"]] = (row["file_date"], letter.letter_id)
    listed = list_inspections(letters, InspectionQuery(latest=True))
    listed_ids = {r.letter_id for r in listed}
    wrong = sorted(f for f, (_, letter_id) in newest.items() if letter_id not in listed_ids)
    print(
        f"latest=true rows {len(listed)}; folders with a graded report {len(newest)}; "
        f"folders whose newest graded report (by file name) latest=true misses {len(wrong)}"
    )
    for folder in wrong:
        print(f"  {folder}")
    by_id = {x.letter_id: x for x in letters}
    disagree = 0
    for area in JUDGEMENT_AREAS:
        for grade in ("outstanding", "good", "requires improvement", "inadequate"):
            query = InspectionQuery(LetterFilter(judgements=((area, grade),)), latest=True)
            served = {r.letter_id for r in list_inspections(letters, query)}
            by_hand = {
                letter_id
                for _, letter_id in newest.values()
                if same_grade((by_id[letter_id].judgements or {}).get(area), grade)
            }
            if served != by_hand:
                disagree += 1
                print(f"  latest=true {area}={grade}: served {len(served)}, by hand {len(by_hand)}")
    print(f"latest=true filters (area × grade) disagreeing with the folders by hand: {disagree}")
    sources = Counter(x.published_from for x in letters)
    print(
        f"publication dates: printed {sources['print']}, from the file name "
        f"{sources['file name']}, none {sources[None]}"
    )
    differ = [
        (row["source"], x.published, row["file_date"])
        for row, x in zip(rows, letters, strict=True)
        if x.published_from == "print" and row["file_date"] and x.published != row["file_date"]
    ]
    print(f"printed publication dates differing from the file name's: {len(differ)}")
    for source, printed, named in differ:
        print(f"  {source}: printed {printed}, file name {named}")
    late = [x.source for x in letters if x.date and x.published and x.published < x.date]
    print(f"letters published before their inspection ended: {len(late)}")
    for source in late:
        print(f"  {source}")
    undated = [x.source for x in letters if not x.date]
    print(f"letters without an inspection date (visit's last day): {len(undated)}")
    print("grades in words:", dict(Counter(grade_summary(x.judgements) for x in letters)))


if __name__ == "__main__":
    main()

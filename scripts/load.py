"""Load test: concurrent searches against the production server while the index is updated.

python scripts/load.py --index ~/.cache/qa/full --letters ../shared/letters [--seconds 60]
python scripts/load.py --mode admin [--tool ours|locust] --index … --letters …

--mode admin mixes writes in: searchers run while an administrator uploads, removes and
restores letters through the API (scripts/load_mixed.py); with --tool locust the same
scenario runs in locust, headless, so the figures do not rest on our own client alone.

Works on copies: the index is copied to a temporary folder, and the letters folder becomes a
folder of links to the letters plus one new letter (a text letter of the folder with a
paragraph added). The script starts "python -m qa serve" (waitress) on 127.0.0.1 over the
copy, runs --clients clients searching without pause for --seconds, and meanwhile runs
"python -m qa index" to add the new letter. Every answer must be a 200 whose results all come
from letters of the index generation the answer names ("no mixed results"). It prints the
throughput and the latency percentiles; the exit status is 1 on any error or mixed answer.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from serving import free_port, percentile, wait_for_health  # noqa: E402

from qa.indexing.store import POINTER, current_path, read_generation_at  # noqa: E402
from qa.reading.scan import letter_files  # noqa: E402

ADDED_PARAGRAPH = (
    "Load test marker: inspectors saw the zebra crossing outside the family hub repainted."
)
QUESTIONS = [
    "what did inspectors say about neglect?",
    "zebra crossing outside the family hub",
    "are care leavers helped to find somewhere to live?",
    "how well are children in care supported at school?",
    "return home interviews for children who go missing",
    "caseloads of social workers",
    "private fostering arrangements",
    "quality of supervision and management oversight",
    "support for disabled children",
    "early help services for families",
    "timeliness of initial health assessments",
    "kinship care and special guardianship",
]


@dataclass
class Tally:
    """What the clients saw, added to under a lock."""

    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    mixed: list[str] = field(default_factory=list)
    generations: dict[str, int] = field(default_factory=dict)
    citing_added: dict[str, int] = field(default_factory=dict)
    first_seen: dict[str, float] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)


class Generations:
    """Each index generation's letters, read from disk the first time an answer names it."""

    def __init__(self, index: Path) -> None:
        self.index = index
        self._letters: dict[str, dict[str, str]] = {}
        self._lock = threading.Lock()

    def letters(self, name: str) -> dict[str, str]:
        """Return the generation's letters as {letter_id: source}."""
        with self._lock:
            if name not in self._letters:
                generation = read_generation_at(self.index / name)
                self._letters[name] = {x.letter_id: x.source for x in generation.letters}
            return self._letters[name]


def prepare(
    index: Path, letters: Path, work: Path, with_added: bool = True
) -> tuple[Path, Path, str]:
    """Copy the index and link the letters into work, plus one new letter (with_added).

    Returns the index copy, the letters folder and the new letter's source (or, without
    with_added, of the text letter it would be made from).
    """
    index_copy = work / "index"
    current = current_path(index)
    if current is None:
        sys.exit(f"no index at {index}")
    shutil.copytree(current, index_copy / current.name)
    shutil.copy(index / POINTER, index_copy / POINTER)
    folder = work / "letters"
    base = None
    for source, path in letter_files(letters):
        link = folder / source
        link.parent.mkdir(parents=True, exist_ok=True)
        link.symlink_to(path.resolve())
        if base is None and path.suffix.lower() in (".txt", ".md"):
            base = path
    if base is None:
        sys.exit(f"{letters} holds no text letter to make the new letter from")
    if not with_added:
        return index_copy, folder, base.relative_to(letters).as_posix()
    added = folder / "load-test" / f"added {base.name}"
    added.parent.mkdir()
    added.write_bytes(with_paragraph(base.read_bytes(), ADDED_PARAGRAPH.encode()))
    return index_copy, folder, added.relative_to(folder).as_posix()


def with_paragraph(letter: bytes, paragraph: bytes) -> bytes:
    """Return the letter with the paragraph added before its sign-off (what follows "Yours
    sincerely" is not read as the letter's body)."""
    sign_off = letter.rfind(b"\nYours ")
    at = len(letter) if sign_off < 0 else sign_off + 1
    return letter[:at] + b"\n" + paragraph + b"\n\n" + letter[at:]


def client(
    number: int,
    port: int,
    until: float,
    started: float,
    tally: Tally,
    known: Generations,
    added: str,
) -> None:
    """Search without pause until the deadline, checking every answer."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    added_in_json = json.dumps(added)[1:-1].encode()
    turn = number
    while time.monotonic() < until:
        question = QUESTIONS[turn % len(QUESTIONS)]
        k = (5, 10, 20)[turn % 3]
        turn += 1
        path = f"/search?q={urllib.parse.quote(question)}&k={k}"
        sent = time.monotonic()
        try:
            connection.request("GET", path)
            response = connection.getresponse()
            body = response.read()
        except (OSError, http.client.HTTPException) as err:
            connection.close()
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            with tally.lock:
                tally.errors.append(f"{path}: {type(err).__name__}: {err}")
            continue
        elapsed = time.monotonic() - sent
        problem, mixed, generation = check_answer(response.status, body, known)
        cites_added = added_in_json in body
        with tally.lock:
            tally.latencies.append(elapsed)
            if problem:
                tally.errors.append(f"{path}: {problem}")
            if mixed:
                tally.mixed.append(f"{path}: {mixed}")
            if generation:
                tally.generations[generation] = tally.generations.get(generation, 0) + 1
                tally.first_seen.setdefault(generation, sent - started)
                tally.citing_added[generation] = tally.citing_added.get(generation, 0) + cites_added


def check_answer(status: int, body: bytes, known: Generations) -> tuple[str, str, str | None]:
    """Return (error, mixed-results problem, generation) for one /search answer."""
    if status != 200:
        return f"status {status}: {body[:200]!r}", "", None
    try:
        answer = json.loads(body)
    except ValueError:
        return f"not JSON: {body[:200]!r}", "", None
    generation = answer.get("generation")
    if not generation:
        return "no generation in the answer", "", None
    letters = known.letters(generation)
    for result in answer["results"]:
        citation = result["citation"]
        if letters.get(citation["letter_id"]) != citation["source"]:
            return "", f"{citation['source']} is not a letter of {generation}", generation
    return "", "", generation


def update(index: Path, letters: Path, model: str, delay: float, report: dict) -> None:
    """Wait, then run the index command as a user would; record how it went."""
    time.sleep(delay)
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "qa", "index", "--letters", str(letters), "--index", str(index)]
        + ["--model", model],
        capture_output=True,
        text=True,
    )
    report.update(
        status=result.returncode,
        seconds=time.monotonic() - started,
        started=delay,
        output=(result.stdout + result.stderr).strip(),
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", type=Path, required=True, help="index to copy and serve")
    parser.add_argument("--letters", type=Path, required=True, help="its letters folder")
    parser.add_argument("--seconds", type=float, default=60.0, help="how long to search")
    parser.add_argument("--clients", type=int, default=8, help="concurrent clients")
    parser.add_argument("--threads", type=int, default=8, help="waitress threads")
    parser.add_argument(
        "--update-after", type=float, default=None, help="start the update after (s/6)"
    )
    parser.add_argument(
        "--mode",
        choices=["update", "admin"],
        default="update",
        help="update: the index command adds a letter; admin: uploads, removals, restores",
    )
    parser.add_argument(
        "--tool", choices=["ours", "locust"], default="ours", help="who drives the admin mode"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="qa-load-") as temporary:
        if args.mode == "admin":
            from load_mixed import run_mixed

            return run_mixed(args, Path(temporary))
        return run(args, Path(temporary))


def start_server(
    index: Path, threads: int, work: Path, env: dict[str, str] | None = None
) -> tuple[subprocess.Popen, int, dict]:
    """Start "python -m qa serve" over index; return it, its port and its /health answer."""
    port = free_port()
    with open(work / "server.log", "w") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "qa", "serve", "--index", str(index), "--host", "127.0.0.1"]
            + ["--port", str(port), "--threads", str(threads)],
            env=os.environ | {"QA_RELOAD_SECONDS": "1"} | (env or {}),
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        connection, body = wait_for_health(port, server, timeout=600)
    except RuntimeError as err:
        server.terminate()
        sys.exit(f"{err}:\n{(work / 'server.log').read_text()}")
    connection.close()
    return server, port, json.loads(body)


def run(args: argparse.Namespace, work: Path) -> int:
    index, letters, added = prepare(args.index, args.letters, work)
    model = read_generation_at(current_path(index)).manifest.model
    server, port, health = start_server(index, args.threads, work)
    try:
        tally, report = Tally(), {}
        known = Generations(index)
        known.letters(health["generation"])
        started = time.monotonic()
        until = started + args.seconds
        delay = args.seconds / 6 if args.update_after is None else args.update_after
        updater = threading.Thread(target=update, args=(index, letters, model, delay, report))
        clients = [
            threading.Thread(target=client, args=(n, port, until, started, tally, known, added))
            for n in range(args.clients)
        ]
        for thread in [updater, *clients]:
            thread.start()
        for thread in clients:
            thread.join()
        elapsed = time.monotonic() - started
        updater.join()
    finally:
        server.terminate()
        server.wait(timeout=30)
    return summarise(args, health, tally, report, elapsed, added)


def summarise(
    args: argparse.Namespace, health: dict, tally: Tally, report: dict, elapsed: float, added: str
) -> int:
    """Print what happened; return the exit status."""
    count = len(tally.latencies)
    print(
        f"server: waitress, {args.threads} threads, {health['letters']} letters, "
        f"{health['passages']} passages ({health['generation']}, model {health['model']})"
    )
    print(
        f"update: added {added!r} from {report['started']:.0f} s, exit {report['status']}, "
        f"{report['seconds']:.1f} s"
    )
    if report["status"] != 0:
        print(report["output"])
    for name, seen in sorted(tally.generations.items()):
        print(
            f"  {name}: {seen} answers from {tally.first_seen[name]:.1f} s, "
            f"{tally.citing_added[name]} citing the new letter"
        )
    print(f"{args.clients} clients for {elapsed:.1f} s: {count} searches, {count / elapsed:.1f}/s")
    print(f"errors {len(tally.errors)}, mixed results {len(tally.mixed)}")
    if count:
        ms = [1000 * x for x in tally.latencies]
        print(
            f"latency ms: p50 {percentile(ms, 50):.0f}, p95 {percentile(ms, 95):.0f}, "
            f"p99 {percentile(ms, 99):.0f}, max {max(ms):.0f}"
        )
    for problem in (tally.errors + tally.mixed)[:10]:
        print("  " + problem)
    served_new = len(tally.generations) > 1
    if not served_new:
        print("the new generation was not served before the end: try more --seconds")
    failed = tally.errors or tally.mixed or report["status"] != 0 or not count
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

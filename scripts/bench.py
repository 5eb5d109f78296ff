"""Measure the service against a plain sentence-transformers + FAISS script, side by side.

    .venv/bin/python scripts/bench.py --letters ../shared/letters   # full corpus, ~21 min
    .venv/bin/python scripts/bench.py --quick                       # seeds + 4 letters, ~1 min
    .venv/bin/python scripts/bench.py --index ~/.cache/qa/full      # no build: updates and
                                                                    # serving on a copy of it

In one run, each step a whole process as a user runs it, each ratio from figures measured
next to each other:
  build      full build from nothing (python -m qa index): seconds, passages/s, peak RSS of
             the build and its readers, and the bare model.encode rate (PyTorch) on the same
             passages (or a random sample of them), measured twice just after it
  update     one new letter added to the full index, then an update with nothing changed
  serve      python -m qa serve (waitress): time from start until /health answers, RSS;
             /search p50 over HTTP (hybrid, a third of requests filtered) against the bare
             script's model.encode(query) + flat FAISS search over as many vectors, in
             alternating rounds; /api/compare, /api/trends (two phrases) and /api/similar
             (a passage drawn at random) each against one /search

The machine is shared: ratios hold better than absolute figures; the load average is printed.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from serving import free_port, percentile, wait_for_health  # noqa: E402

from qa.core.offline import stay_offline  # noqa: E402
from qa.indexing.store import read_generation  # noqa: E402
from qa.reading.scan import letter_files  # noqa: E402

if TYPE_CHECKING:
    import numpy as np

    from qa.indexing.store import Generation

PYTHON = sys.executable
QUICK_PDFS = 4
# Questions in the words of the service's users; none is copied from a letter.
QUESTIONS = [
    "what did inspectors say about neglect?",
    "how well are care leavers supported into education, employment or training?",
    "are social workers' caseloads manageable?",
    "quality of supervision and management oversight",
    "children missing from home or care",
    "how do leaders know about the quality of practice?",
    "help for children at risk of exploitation",
    "placement sufficiency and children living far from home",
    "are children seen alone by their social workers?",
    "the front door and multi-agency safeguarding hub",
    "private fostering arrangements",
    "disabled children and short breaks",
    "response to domestic abuse",
    "how stable is the workforce, agency staff turnover",
    "independent reviewing officers challenge",
    "life story work for children in care",
    "pathway plans for care leavers",
    "early help and thresholds for intervention",
    "children who are privately fostered or homeless at 16 and 17",
    "what needs to improve in assessments?",
    "corporate parenting board and children in care council",
    "delays in permanence and adoption",
    "quality of child protection plans",
    "youth offending and criminal exploitation",
]


def questions_on_an_index(
    description: str, argv: list[str] | None
) -> tuple[Generation, np.ndarray]:
    """Read a scan-measuring script's arguments (a question set, --index) and return the
    index's generation and the bench's questions and then the set's, embedded by its model."""
    from qa.indexing.embed import shared_embedder
    from qa.search.evaluate import read_questions

    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("questions", type=Path)
    parser.add_argument("--index", type=Path, default=Path("index"))
    args = parser.parse_args(argv)
    generation = read_generation(args.index)
    asked = QUESTIONS + [q.question for q in read_questions(args.questions)]
    return generation, shared_embedder(generation.manifest.model).embed(asked)


@dataclass
class Results:
    """Every figure the run measured, printed as it comes and as a table at the end."""

    lines: list[str] = field(default_factory=list)
    figures: dict[str, float] = field(default_factory=dict)

    def say(self, line: str) -> None:
        self.lines.append(line)
        print(line, flush=True)


def main() -> int:
    args = _arguments()
    work = Path(tempfile.mkdtemp(prefix="qa-bench-", dir=args.workdir))
    results = Results()
    try:
        results.say(_machine())
        view = _letters_view(args.letters, work / "letters", args.quick)
        index = work / "index"
        if args.index:
            shutil.copytree(args.index, index)
            results.say(f"index: a copy of {args.index} (no build measured)")
        else:
            _bench_build(view, index, work, args, results)
        _bench_updates(view, index, results)
        _bench_serving(index, work, args, results)
        results.say(f"load average at the end: {_load()}")
        if args.json:
            args.json.write_text(json.dumps(results.figures, indent=1) + "\n")
    finally:
        if args.keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    return 0


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--letters",
        type=Path,
        default=ROOT.parent / "shared" / "letters",
        help="the letters folder (default ../shared/letters)",
    )
    parser.add_argument("--quick", action="store_true", help="only .txt letters and 4 PDFs")
    parser.add_argument("--index", type=Path, help="skip the build: use a copy of this index")
    parser.add_argument(
        "--sample", type=int, default=3000, help="passages for the bare encode rate (default 3000)"
    )
    parser.add_argument("--requests", type=int, help="timed /search requests (200; quick 60)")
    parser.add_argument("--rounds", type=int, default=4, help="alternating rounds (default 4)")
    parser.add_argument("--workdir", type=Path, help="where the temporary folder goes")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()
    if args.requests is None:
        args.requests = 60 if args.quick else 200
    return args


def _machine() -> str:
    import numpy
    import onnxruntime

    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    torch = _installed("torch")
    return (
        f"machine: {cpu}, {os.cpu_count()} cores, {memory:.0f} GiB, Python "
        f"{platform.python_version()}, torch {torch}, onnxruntime {onnxruntime.__version__}, "
        f"numpy {numpy.__version__}; load average {_load()}"
    )


def _installed(name: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(name)
    except PackageNotFoundError:
        return "not installed"


def _load() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def _letters_view(letters: Path, view: Path, quick: bool) -> Path:
    """Mirror the letters folder with links, so a letter can be taken out and put back."""
    files = list(letter_files(letters))
    if quick:
        pdfs = [entry for entry in files if entry[0].lower().endswith(".pdf")]
        files = [entry for entry in files if not entry[0].lower().endswith(".pdf")]
        files += pdfs[:QUICK_PDFS]
    for source, path in files:
        (view / source).parent.mkdir(parents=True, exist_ok=True)
        (view / source).symlink_to(path.resolve())
    return view


def _bench_build(view: Path, index: Path, work: Path, args, results: Results) -> None:
    command = ["index", "--letters", str(view), "--index", str(index), "--rebuild"]
    seconds, peak, _out = _run_qa(command)
    generation = read_generation(index)
    count = len(generation.keys)
    rate = count / seconds
    passages = [p.text for letter in generation.letters for p in letter.passages]
    sample = random.Random(8).sample(passages, min(args.sample, len(passages)))
    (work / "sample.json").write_text(json.dumps(sample), encoding="utf-8")
    # The faster of OpenMP's default and passive waiting, so as not to flatter the build.
    bare = [_bare_encode_rate(work / "sample.json", policy) for policy in (None, "PASSIVE")]
    bare_rate = max(bare)
    results.figures |= {
        "build_seconds": seconds,
        "build_passages": count,
        "build_rate": rate,
        "build_peak_rss_mb": peak / 2**20,
        "bare_encode_rate": bare_rate,
        "build_ratio": rate / bare_rate,
    }
    results.say(
        f"build: {len(generation.letters)} letters, {count} passages in {seconds:.1f} s = "
        f"{rate:.1f} passages/s (process start included); peak RSS {peak / 2**20:.0f} MB "
        f"(the build and its reader processes)"
    )
    results.say(
        f"bare model.encode (PyTorch, batch 32) on {len(sample)} of the same passages"
        f"{' (a random sample)' if len(sample) < count else ''}, just after the build: "
        f"{bare[0]:.1f} passages/s, {bare[1]:.1f} with OMP_WAIT_POLICY=PASSIVE"
    )
    results.say(f"  build / bare encode rate = {rate / bare_rate:.2f}x  (target >= 1.0)")


def _bare_encode_rate(sample: Path, wait_policy: str | None) -> float:
    out = subprocess.run(
        [PYTHON, str(ROOT / "scripts" / "bare_baseline.py"), "encode", str(sample)],
        capture_output=True,
        text=True,
        check=True,
        env=_env(OMP_WAIT_POLICY=wait_policy),
    ).stdout
    figures = json.loads(out.strip().splitlines()[-1])
    return figures["passages"] / figures["seconds"]


def _bench_updates(view: Path, index: Path, results: Results) -> None:
    # A letter of typical length: the median by passage count.
    letters = sorted(read_generation(index).letters, key=lambda x: (len(x.passages), x.source))
    newest = letters[len(letters) // 2]
    link = view / newest.source
    target = link.resolve()
    command = ["index", "--letters", str(view), "--index", str(index)]
    link.unlink()
    _run_qa(command)  # the index without it (not timed)
    link.symlink_to(target)
    seconds, _peak, out = _run_qa(command)
    noop, _peak, noop_out = _run_qa(command)
    results.figures |= {"update_one_letter_seconds": seconds, "update_noop_seconds": noop}
    results.say(
        f"update, one new letter ({len(newest.passages)} passages): {seconds:.1f} s, process "
        f"start included (target <= 10 s) — {_last_line(out)}"
    )
    results.say(f"update, nothing changed: {noop:.1f} s (target <= 3 s) — {_last_line(noop_out)}")


def _last_line(text: str) -> str:
    lines = [line for line in text.splitlines() if line.strip()]
    return lines[-1] if lines else ""


def _bench_serving(index: Path, work: Path, args, results: Results) -> None:
    port = free_port()
    log = open(work / "serve.log", "w")
    started = time.perf_counter()
    server = subprocess.Popen(
        [PYTHON, "-m", "qa", "serve", "--index", str(index), "--port", str(port)],
        stdout=log,
        stderr=subprocess.STDOUT,
        env=_env(),
        cwd=ROOT,
    )
    bare = None
    try:
        connection = wait_for_health(port, server, timeout=300)[0]
        ready = time.perf_counter() - started
        requests = _requests(connection, args.requests)
        vectors = sorted((index / (index / "CURRENT").read_text().strip()).glob("*.faiss"))[0]
        bare = subprocess.Popen(
            [PYTHON, str(ROOT / "scripts" / "bare_baseline.py"), "search", str(vectors)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            env=_env(OMP_WAIT_POLICY="PASSIVE"),
        )
        warm = requests[:10]
        _time_bare(bare, [query["q"] for query in warm])
        _time_server(connection, warm)
        comparisons = _comparisons(connection, len(requests))
        _time_server(connection, comparisons[:5], "/api/compare")
        counted, alike = _trends(len(requests)), _similar(connection, len(requests))
        # The first count reads each word's passages once per generation: not timed.
        _time_server(connection, counted[:5], "/api/trends")
        _time_server(connection, alike[:5], "/api/similar")
        served, plain, compared, searched, trended, neighbours = [], [], [], [], [], []
        for round_ in range(args.rounds):
            block = requests[round_ :: args.rounds]
            plain += _time_bare(bare, [query["q"] for query in block])
            served += _time_server(connection, block)
            # The same questions, unfiltered, against a comparison over ten letters or so.
            asked = [{"q": query["q"], "k": "10"} for query in block]
            searched += _time_server(connection, asked)
            compared += _time_server(connection, comparisons[round_ :: args.rounds], "/api/compare")
            trended += _time_server(connection, counted[round_ :: args.rounds], "/api/trends")
            neighbours += _time_server(connection, alike[round_ :: args.rounds], "/api/similar")
        rss, peak = _rss(server.pid, "VmRSS"), _rss(server.pid, "VmHWM")
    finally:
        if bare is not None:
            bare.stdin.close()
            bare.wait()
        server.terminate()
        server.wait()
        log.close()
    ours, theirs = statistics.median(served), statistics.median(plain)
    results.figures |= {
        "serve_ready_seconds": ready,
        "serve_rss_mb": rss / 2**20,
        "serve_peak_rss_mb": peak / 2**20,
        "search_p50_ms": ours * 1000,
        "search_p90_ms": percentile(served, 90) * 1000,
        "bare_search_p50_ms": theirs * 1000,
        "search_ratio": ours / theirs,
    }
    results.say(
        f"serve: ready in {ready:.1f} s from process start (target <= 10 s); RSS "
        f"{rss / 2**20:.0f} MB after the requests, peak {peak / 2**20:.0f} MB (target <= 1 GB)"
    )
    results.say(
        f"/search over HTTP, {len(served)} requests ({args.rounds} rounds): p50 "
        f"{ours * 1000:.1f} ms, p90 {percentile(served, 90) * 1000:.1f} ms; bare encode + "
        f"flat search (PyTorch, FAISS on one thread, OMP_WAIT_POLICY=PASSIVE): p50 "
        f"{theirs * 1000:.1f} ms, p90 "
        f"{percentile(plain, 90) * 1000:.1f} ms"
    )
    results.say(f"  /search p50 / bare p50 = {ours / theirs:.2f}x  (target <= 1.0)")
    one, many = statistics.median(searched), statistics.median(compared)
    results.figures |= {"compare_p50_ms": many * 1000, "compare_ratio": many / one}
    results.say(
        f"/api/compare over three authorities ({len(compared)} requests): p50 {many * 1000:.1f} "
        f"ms against {one * 1000:.1f} ms for /search of the same questions: {many / one:.2f}x "
        "(target <= 3)"
    )
    for name, path, timed in (
        ("trends", "/api/trends", trended),
        ("similar", "/api/similar", neighbours),
    ):
        p50 = statistics.median(timed)
        results.figures |= {f"{name}_p50_ms": p50 * 1000, f"{name}_ratio": p50 / one}
        results.say(
            f"{path} ({len(timed)} requests): p50 {p50 * 1000:.1f} ms against {one * 1000:.1f} "
            f"ms for one /search: {p50 / one:.2f}x (target <= 3)"
        )


# Phrases a policy analyst counts over the years, two to a request.
PHRASES = [
    "county lines",
    "child criminal exploitation",
    "agency social workers",
    "CSE",
    "private fostering",
    "caseloads",
    "neglect",
    "return home interviews",
    "management oversight",
    "edge of care",
]


def _trends(count: int) -> list[dict]:
    """Return count /api/trends parameter sets: two phrases each, a third of them filtered."""
    chosen = []
    for number in range(count):
        pair = [PHRASES[number % len(PHRASES)], PHRASES[(number * 3 + 1) % len(PHRASES)]]
        chosen.append({"q": pair} | ({"date_from": "2018-01-01"} if number % 3 == 2 else {}))
    return chosen


def _similar(connection: http.client.HTTPConnection, count: int) -> list[dict]:
    """Return count /api/similar parameter sets: passages drawn at random (seeded)."""
    connection.request("GET", "/api/letters")
    letters = json.loads(connection.getresponse().read())["letters"]
    draw = random.Random(26)
    chosen = []
    for _ in range(count):
        letter = draw.choice([x for x in letters if x["passages"]])
        position = draw.randint(1, letter["passages"])
        chosen.append({"letter_id": letter["letter_id"], "position": str(position), "k": "10"})
    return chosen


def _requests(connection: http.client.HTTPConnection, count: int) -> list[dict[str, str]]:
    """Return count /search parameter sets: every question, a third of them filtered."""
    connection.request("GET", "/api/letters")
    letters = json.loads(connection.getresponse().read())["letters"]
    authorities = sorted({x["local_authority"] for x in letters if x["local_authority"]})
    types = sorted({x["type"] for x in letters if x["type"]})
    filters = [{}, {}, {"type": types[0]} if types else {}]
    filters += [{}, {}, {"date_from": "2020-01-01"}]
    filters += [{}, {}, {"local_authority": authorities[0]} if authorities else {}]
    chosen = []
    for number in range(count):
        question = QUESTIONS[number % len(QUESTIONS)]
        chosen.append({"q": question, "k": "10"} | filters[number % len(filters)])
    return chosen


def _time_server(
    connection: http.client.HTTPConnection, block: list[dict], path: str = "/search"
) -> list:
    seconds = []
    for params in block:
        started = time.perf_counter()
        connection.request("GET", f"{path}?{urlencode(params, doseq=True)}")
        response = connection.getresponse()
        body = response.read()
        seconds.append(time.perf_counter() - started)
        if response.status != 200:
            raise RuntimeError(f"{path}?{urlencode(params)} answered {response.status}: {body}")
    return seconds


def _comparisons(connection: http.client.HTTPConnection, count: int) -> list[dict]:
    """Return count /api/compare parameter sets: each question put to the letters of three
    authorities with three or four letters each (about ten letters)."""
    connection.request("GET", "/api/authorities")
    found = json.loads(connection.getresponse().read())["authorities"]
    three = [a["name"] for a in found if 3 <= a["letters"] <= 4][:3] or [a["name"] for a in found][
        :3
    ]
    return [
        {"q": QUESTIONS[number % len(QUESTIONS)], "local_authority": three}
        for number in range(count)
    ]


def _time_bare(bare: subprocess.Popen, queries: list[str]) -> list[float]:
    bare.stdin.write(json.dumps({"queries": queries}) + "\n")
    bare.stdin.flush()
    return json.loads(bare.stdout.readline())["seconds"]


def _run_qa(command: list[str]) -> tuple[float, int, str]:
    """Run python -m qa COMMAND; return its seconds, the peak RSS of it and its children
    together (sampled every 0.1 s), and its output. Exit status 1 (some files unreadable)
    is accepted, as make index accepts it."""
    started = time.perf_counter()
    process = subprocess.Popen(
        [PYTHON, "-m", "qa", *command],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=_env(),
        cwd=ROOT,
    )
    peak = 0
    while process.poll() is None:
        peak = max(peak, _tree_rss(process.pid))
        time.sleep(0.1)
    seconds = time.perf_counter() - started
    out = process.stdout.read()
    if process.returncode not in (0, 1):
        raise RuntimeError(f"python -m qa {' '.join(command)} failed:\n{out}")
    return seconds, peak, out


def _tree_rss(root: int) -> int:
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parent = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(parent, []).append(int(stat.parent.name))
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        todo.extend(children.get(pid, []))
        total += _rss(pid, "VmRSS")
    return total


def _rss(pid: int, field_name: str) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field_name + ":"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _env(**extra: str | None) -> dict[str, str]:
    """Return the environment for a child process: offline, plus extra (None removes)."""
    env = dict(os.environ)
    stay_offline(env)
    for name, value in extra.items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    return env


if __name__ == "__main__":
    sys.exit(main())

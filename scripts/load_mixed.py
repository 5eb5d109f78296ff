"""The mixed load (python scripts/load.py --mode admin): searchers, and an administrator who
uploads, removes and restores letters, against the production server over copies of the index
and the letters; driven by our own client (--tool ours) or by locust (--tool locust).

It reports searches a second, latency percentiles, errors, answers mixing two generations,
whether every upload was searchable when its 201 came back and every removal gone when its
answer came back, whether every file is accounted for (letters folder or removed folder, byte
for byte) and whether the audit log has one line per action. Exit status 1 on any of them.
"""

from __future__ import annotations

import argparse
import csv
import http.client
import json
import os
import secrets
import subprocess
import sys
import threading
import time
from pathlib import Path

from load import Generations, Tally, client, prepare, start_server, update
from load_admin import Admin, Upload, account
from serving import percentile

from qa.indexing.store import current_path, read_generation_at
from qa.reading.scan import letter_files

LOCUSTFILE = Path(__file__).resolve().parent / "locustfile.py"


def run_mixed(args: argparse.Namespace, work: Path) -> int:
    """Run the mixed load with args.tool; print the figures; return the exit status."""
    index, letters, base_source = prepare(args.index, args.letters, work, with_added=False)
    sources = [source for source, _path in letter_files(letters)]
    # The copy's letters are the folder of links: index them there (nothing is re-embedded),
    # so that uploads and removals change the copy, never the letters it links to.
    model = read_generation_at(current_path(index)).manifest.model
    pointed: dict = {}
    update(index, letters, model, 0.0, pointed)
    if pointed["status"] not in (0, 1):  # 1: some files are unreadable (each named)
        sys.exit(f"could not index the copy of the letters:\n{pointed['output']}")
    token = secrets.token_hex(16)
    server, port, health = start_server(
        index, args.threads, work, {"QA_ADMIN_TOKEN": token, "QA_LETTERS": str(letters)}
    )
    try:
        if args.tool == "locust":
            figures, admin, mixed = _with_locust(args, port, index, token, letters / base_source)
        else:
            figures, admin, mixed = _with_ours(args, port, index, token, letters / base_source)
    finally:
        server.terminate()
        server.wait(timeout=30)
    lost = account(letters, index, admin, sources)
    log_lines = len((index / "audit.jsonl").read_text().splitlines())
    return _summarise(args, health, figures, admin, mixed, lost, log_lines)


def _with_ours(
    args: argparse.Namespace, port: int, index: Path, token: str, base: Path
) -> tuple[dict, Admin, list[str]]:
    tally, known = Tally(), Generations(index)
    admin = Admin(_sender(port), token, base.read_bytes())
    started = time.monotonic()
    until = started + args.seconds

    def administer() -> None:
        while time.monotonic() < until:
            admin.cycle(admin.cycles, leave_removed=admin.cycles % 2 == 1)

    administrator = threading.Thread(target=administer)
    searchers = [
        threading.Thread(target=client, args=(n, port, until, started, tally, known, "\0"))
        for n in range(args.clients)
    ]
    for thread in [administrator, *searchers]:
        thread.start()
    for thread in searchers:
        thread.join()
    elapsed = time.monotonic() - started
    administrator.join()  # its last cycle, begun before the deadline, is seen through
    ms = [1000 * x for x in tally.latencies] or [0.0]
    figures = {
        "tool": f"our client ({args.clients} threads)",
        "searches": len(tally.latencies),
        "per_second": len(tally.latencies) / elapsed,
        "p50": percentile(ms, 50),
        "p95": percentile(ms, 95),
        "p99": percentile(ms, 99),
        "errors": tally.errors,
        "generations": len(tally.generations),
        "seconds": elapsed,
    }
    return figures, admin, tally.mixed


def _sender(port: int):
    """Return a send(method, path, body, headers) over one kept-alive connection."""
    holder = [http.client.HTTPConnection("127.0.0.1", port, timeout=300)]

    def send(method: str, path: str, body: bytes | None, headers: dict[str, str]):
        try:
            holder[0].request(method, path, body=body, headers=headers)
            response = holder[0].getresponse()
            return response.status, response.read()
        except (OSError, http.client.HTTPException) as err:
            holder[0].close()
            holder[0] = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
            return 0, f"{type(err).__name__}: {err}".encode()

    return send


def _with_locust(
    args: argparse.Namespace, port: int, index: Path, token: str, base: Path
) -> tuple[dict, Admin, list[str]]:
    work = index.parent
    report = work / "locust-report.json"
    users = args.clients + 1  # the searchers and one administrator (fixed_count = 1)
    command = [sys.executable, "-m", "locust", "-f", str(LOCUSTFILE), "--headless"]
    command += ["-u", str(users), "-r", str(users), "-t", f"{args.seconds:.0f}s"]
    # An administrator stopped part-way would leave a change it never saw answered.
    command += ["--stop-timeout", "600", "--host", f"http://127.0.0.1:{port}"]
    command += ["--csv", str(work / "locust"), "--only-summary", "--loglevel", "WARNING"]
    env = os.environ | {
        "QA_LOAD_INDEX": str(index),
        "QA_LOAD_TOKEN": token,
        "QA_LOAD_BASE": str(base),
        "QA_LOAD_REPORT": str(report),
    }
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    if not report.exists():
        sys.exit(f"locust wrote no report (exit {result.returncode}):\n{result.stderr[-3000:]}")
    data = json.loads(report.read_text())
    admin = Admin(lambda *_: (0, b""), token, b"")
    for record in data["admins"]:
        admin.actions += [tuple(x) for x in record["actions"]]
        admin.problems += record["problems"]
        admin.cycles += record["cycles"]
        for kind, seconds in record["seconds"].items():
            admin.seconds.setdefault(kind, []).extend(seconds)
        for upload in record["uploads"]:
            admin.uploads.append(Upload(**upload | {"data": upload["data"].encode()}))
    with open(work / "locust_stats.csv", newline="") as handle:
        rows = {row["Name"]: row for row in csv.DictReader(handle)}
    search = rows["/search"]
    failures = [
        f"{row['Name']}: {row['Message']} ({row['Occurrences']}x)"
        for row in csv.DictReader(open(work / "locust_failures.csv", newline=""))
        if row["Name"] == "/search"
    ]
    figures = {
        "tool": f"locust {_locust_version()} ({args.clients} searchers, headless)",
        "searches": int(search["Request Count"]),
        "per_second": float(search["Requests/s"]),
        "p50": float(search["50%"]),
        "p95": float(search["95%"]),
        "p99": float(search["99%"]),
        "errors": [f for f in failures if "mixed answer" not in f],
        "generations": None,
        "seconds": args.seconds,
    }
    return figures, admin, data["mixed"]


def _locust_version() -> str:
    from importlib.metadata import version

    return version("locust")


def _summarise(
    args: argparse.Namespace,
    health: dict,
    figures: dict,
    admin: Admin,
    mixed: list[str],
    lost: list[str],
    log_lines: int,
) -> int:
    print(
        f"server: waitress, {args.threads} threads, {health['letters']} letters, "
        f"{health['passages']} passages ({health['generation']}, model {health['model']})"
    )
    print(f"driver: {figures['tool']}, {figures['seconds']:.0f} s")
    print(
        f"searches: {figures['searches']}, {figures['per_second']:.1f}/s; latency ms: "
        f"p50 {figures['p50']:.0f}, p95 {figures['p95']:.0f}, p99 {figures['p99']:.0f}"
    )
    print(f"errors {len(figures['errors'])}, mixed results {len(mixed)}")
    counts = {kind: len(seconds) for kind, seconds in admin.seconds.items()}
    timings = ", ".join(
        f"{kind} {counts[kind]}x median {percentile(seconds, 50):.1f} s"
        for kind, seconds in admin.seconds.items()
    )
    print(f"administrator: {admin.cycles} cycles, {len(admin.actions)} actions ({timings})")
    print(f"admin problems {len(admin.problems)} (searchable at 201, gone at removal, status)")
    print(f"files lost {len(lost)}; audit log {log_lines} lines for {len(admin.actions)} actions")
    for problem in (figures["errors"] + mixed + admin.problems + lost)[:10]:
        print("  " + problem)
    failed = figures["errors"] or mixed or admin.problems or lost or not admin.actions
    return 1 if failed or log_lines != len(admin.actions) else 0

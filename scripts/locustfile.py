"""The mixed load in locust: searchers, and one administrator uploading, removing and restoring.

Started by `python scripts/load.py --mode admin --tool locust` (headless, against the server
it starts), which passes through the environment: QA_LOAD_INDEX (the served index, to check
that every answer's results come from the generation it names), QA_LOAD_TOKEN, QA_LOAD_BASE
(the text letter uploads are made from) and QA_LOAD_REPORT (where the administrator's record
is written when the run stops).
"""

from __future__ import annotations

import json
import os
import sys
import urllib.parse
from pathlib import Path

from locust import HttpUser, constant, events, task

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from load import QUESTIONS, Generations, check_answer  # noqa: E402
from load_admin import Admin  # noqa: E402

KNOWN = Generations(Path(os.environ["QA_LOAD_INDEX"]))
MIXED: list[str] = []
ADMINS: list[Admin] = []


class Searcher(HttpUser):
    """Asks the load's questions without pause; every answer must be from one generation."""

    wait_time = constant(0)
    weight = 10

    def on_start(self) -> None:
        self.turn = id(self) % len(QUESTIONS)

    @task
    def search(self) -> None:
        question = QUESTIONS[self.turn % len(QUESTIONS)]
        k = (5, 10, 20)[self.turn % 3]
        self.turn += 1
        path = f"/search?{urllib.parse.urlencode({'q': question, 'k': k})}"
        with self.client.get(path, name="/search", catch_response=True) as response:
            problem, mixed, _generation = check_answer(
                response.status_code, response.content, KNOWN
            )
            if mixed:
                MIXED.append(f"{path}: {mixed}")
                response.failure(f"mixed answer: {mixed}")
            elif problem:
                response.failure(problem)


class Administrator(HttpUser):
    """Upload → remove → restore, again and again, each answer checked as it comes."""

    wait_time = constant(0)
    fixed_count = 1

    def on_start(self) -> None:
        base = Path(os.environ["QA_LOAD_BASE"]).read_bytes()
        self.admin = Admin(self._send, os.environ["QA_LOAD_TOKEN"], base)
        ADMINS.append(self.admin)

    def _send(self, method: str, path: str, body: bytes | None, headers: dict[str, str]):
        name = path.split("?")[0]
        if "/api/letters/" in name:
            name = "/api/letters/<id>" + ("/restore" if name.endswith("/restore") else "")
        response = self.client.request(method, path, data=body, headers=headers, name=name)
        return response.status_code, response.content

    @task
    def change_letters(self) -> None:
        self.admin.cycle(self.admin.cycles, leave_removed=self.admin.cycles % 2 == 1)


@events.test_stop.add_listener
def write_report(**_kwargs) -> None:
    """Write the administrator's record and the mixed answers for scripts/load.py to check."""
    report = {
        "mixed": MIXED,
        "admins": [
            {
                "actions": admin.actions,
                "uploads": [vars(u) | {"data": u.data.decode("utf-8")} for u in admin.uploads],
                "problems": admin.problems,
                "seconds": admin.seconds,
                "cycles": admin.cycles,
            }
            for admin in ADMINS
        ],
    }
    Path(os.environ["QA_LOAD_REPORT"]).write_text(json.dumps(report), encoding="utf-8")

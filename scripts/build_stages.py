"""Time a full build stage by stage: what each stage costs, in wall and CPU seconds.

    .venv/bin/python scripts/build_stages.py ../shared/letters --index /tmp/stages-index

Builds an index from nothing into --index (removed first) as `python -m qa index` does (two
processes reading), and prints each stage's seconds as the progress reports see them: reading
the letters, embedding the passages, embedding the sentences, the keyword index, writing. The
build without the sentences is the same build less their stage (they are embedded after the
passages, from the letters already read, and nothing else waits for them), so the last line is
the ratio asked of them: the whole build over the build less the sentences.
CPU seconds count this process and the readers it started, so a busy machine skews them less
than the wall clock.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

from qa.core.settings import DEFAULT_MODEL
from qa.indexing.build import UpdateOptions, update_index
from qa.indexing.embed import load_embedder
from qa.indexing.vectors import Progress


def _cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    readers = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + readers.ru_utime + readers.ru_stime


@dataclass
class Stages:
    """When each stage was first and last reported, in wall and CPU seconds."""

    started: tuple[float, float] = field(default_factory=lambda: (time.perf_counter(), _cpu()))
    seen: dict[str, list[float]] = field(default_factory=dict)
    order: list[str] = field(default_factory=list)

    def report(self, step: Progress) -> None:
        now = (time.perf_counter(), _cpu())
        if step.stage not in self.seen:
            self.order.append(step.stage)
            self.seen[step.stage] = [*now, *now]
        self.seen[step.stage][2:] = now

    def spans(self, ended: tuple[float, float]) -> dict[str, tuple[float, float]]:
        """Return each stage's wall and CPU seconds: from the previous stage's last report (the
        first: the start) to its own last report (the last stage: to the end of the build).
        A stage reports each chunk once it is done, so its last report is its end."""
        ends = [(self.seen[s][2], self.seen[s][3]) for s in self.order[:-1]] + [ended]
        starts = [self.started, *ends[:-1]]
        return {
            stage: (ends[n][0] - starts[n][0], ends[n][1] - starts[n][1])
            for n, stage in enumerate(self.order)
        }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("letters", type=Path)
    parser.add_argument("--index", type=Path, required=True)
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()
    shutil.rmtree(args.index, ignore_errors=True)
    stages = Stages()
    options = UpdateOptions(progress=stages.report, rebuild=True, workers=2)
    summary = update_index(
        args.letters, args.index, DEFAULT_MODEL, lambda: load_embedder(DEFAULT_MODEL), options
    )
    ended = (time.perf_counter(), _cpu())
    total = (ended[0] - stages.started[0], ended[1] - stages.started[1])
    spans = stages.spans(ended)
    print(f"letters {summary.letters}, passages {summary.passages}")
    for stage, (wall, cpu) in spans.items():
        print(f"{stage:10s} {wall:8.1f} s wall {cpu:8.1f} s CPU")
    print(f"{'total':10s} {total[0]:8.1f} s wall {total[1]:8.1f} s CPU")
    sentences = spans.get("sentences", (0.0, 0.0))
    ratio_wall = total[0] / (total[0] - sentences[0])
    ratio_cpu = total[1] / (total[1] - sentences[1])
    print(f"with the sentences, the build is {ratio_wall:.2f}x (wall), {ratio_cpu:.2f}x (CPU)")
    if args.json:
        figures = {"stages": spans, "total": total, "ratio": [ratio_wall, ratio_cpu]}
        args.json.write_text(json.dumps(figures, indent=1) + "\n")


if __name__ == "__main__":
    main()

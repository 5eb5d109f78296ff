"""Export the embedding model to ONNX for ONNX Runtime (run by scripts/setup.sh; offline).

    .venv/bin/python scripts/export_onnx.py [--model all-MiniLM-L6-v2]

Does nothing when an export of the same weights is already there.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from qa.core.offline import stay_offline  # noqa: E402

stay_offline(os.environ)

from qa.core.errors import QAError  # noqa: E402
from qa.indexing.embed import DEFAULT_MODEL  # noqa: E402
from qa.indexing.export import export_onnx  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default=DEFAULT_MODEL, help="a model name or folder")
    parser.add_argument("--root", type=Path, default=None, help="where exports go")
    args = parser.parse_args()
    try:
        folder, written = export_onnx(args.model, args.root)
    except QAError as err:
        print(f"Error: {err}", file=sys.stderr)
        return 2
    print(f"ONNX export of {args.model} {'written to' if written else 'up to date in'} {folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The environment that keeps Hugging Face libraries on local files: nothing is downloaded."""

from __future__ import annotations

from collections.abc import MutableMapping

OFFLINE = {"HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false"}


def stay_offline(environ: MutableMapping[str, str]) -> None:
    """Set the offline variables in environ (os.environ, or a child process's), keeping any
    the user set."""
    for name, value in OFFLINE.items():
        environ.setdefault(name, value)

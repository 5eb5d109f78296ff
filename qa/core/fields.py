"""Fields the records and the JSON shapes share, each described once for the OpenAPI document:
letter ids, authorities, the two dates."""

from __future__ import annotations

from dataclasses import field
from typing import Any, Literal

LETTER_ID: dict[str, Any] = {"pattern": "^[0-9a-f]{16}$", "examples": ["20b138eacc54fa8a"]}


# The two dates a letter has, named for what they are.
VISIT_END = "The inspection's date: the last day of the visit, as printed; null where not printed."


PUBLISHED = (
    "The publication date: as the report prints it (or a letter's own date above its "
    'salutation), else from the file name where Ofsted named the download ("… - 12 july '
    '2024.pdf"); null where neither says. published_from tells which.'
)


PublishedFrom = Literal["print", "file name"]


PUBLISHED_FROM = 'Where the publication date was read: "print" or "file name".'


LOCAL_AUTHORITY = (
    "The authority's name in the service's gazetteer of English local authorities (the "
    "letter's own spelling is named_as); the name the letter prints where the gazetteer does "
    "not know it."
)


NAMED_AS = "The authority's name as the letter prints it."


def described(text: str = "", example: Any = None, **schema: Any) -> Any:
    """Return a dataclass field (no default) that adds text, an example and schema (a pattern,
    a minimum) to its OpenAPI schema."""
    if text:
        schema["description"] = text
    if example is not None:
        schema["examples"] = [example]
    return field(metadata={"schema": schema})

"""OpenAPI 3.0 schemas generated from the typed JSON shapes (qa/shapes.py): one definition of
each shape, so the description cannot drift from what the service sends."""

from __future__ import annotations

import types
from dataclasses import field, fields, is_dataclass
from enum import Enum
from typing import Any, Literal, Union, get_args, get_origin, get_type_hints

LETTER_ID = {"pattern": "^[0-9a-f]{16}$", "example": "20b138eacc54fa8a"}
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
_SCALARS = {str: "string", int: "integer", float: "number", bool: "boolean"}


def described(text: str = "", **schema: Any) -> Any:
    """Return a dataclass field (no default) that adds text and schema (a pattern, a minimum)
    to its OpenAPI schema."""
    if text:
        schema["description"] = text
    return field(metadata={"schema": schema})


def component_schemas(*shapes: type) -> dict[str, Any]:
    """Return the components.schemas of the given shapes and every shape they hold, by name."""
    found: dict[str, Any] = {}
    for shape in shapes:
        _register(shape, found)
    return found


def ref(shape: type) -> dict[str, str]:
    """Return a reference to a shape's component schema."""
    return {"$ref": f"#/components/schemas/{shape.__name__}"}


def _register(shape: type, found: dict[str, Any]) -> None:
    if shape.__name__ in found:
        return
    found[shape.__name__] = {}  # a placeholder: shapes may hold each other
    hints = get_type_hints(shape)
    properties = {}
    for item in fields(shape):
        schema = _schema(hints[item.name], found)
        extra = dict(item.metadata.get("schema", {}))
        if "$ref" in schema and extra:
            schema = {"allOf": [schema]}
        properties[item.name] = schema | extra
    found[shape.__name__] = {
        "type": "object",
        "description": (shape.__doc__ or "").strip(),
        "required": [item.name for item in fields(shape)],
        "properties": properties,
    }


def _schema(hint: Any, found: dict[str, Any]) -> dict[str, Any]:
    origin, args = get_origin(hint), get_args(hint)
    if origin in (Union, types.UnionType) and type(None) in args:
        (inner,) = [a for a in args if a is not type(None)]
        schema = _schema(inner, found)
        if "$ref" in schema:
            return {"allOf": [schema], "nullable": True}
        return schema | {"nullable": True}
    if origin is Literal:
        return {"type": _SCALARS[type(args[0])], "enum": list(args)}
    if origin in (list, tuple):
        return {"type": "array", "items": _schema(args[0], found)}
    if origin is dict:
        return {"type": "object", "additionalProperties": _schema(args[1], found)}
    if isinstance(hint, type) and issubclass(hint, Enum):
        return {"type": "string", "enum": [member.value for member in hint]}
    if is_dataclass(hint) and isinstance(hint, type):
        _register(hint, found)
        return ref(hint)
    if hint in _SCALARS:
        return {"type": _SCALARS[hint]}
    raise TypeError(f"No OpenAPI schema for {hint!r}")

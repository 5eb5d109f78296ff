"""OpenAPI 3.1 schemas (JSON Schema 2020-12) generated from the typed JSON shapes
(qa/api/shapes.py), and query parameters from the request parameters' models (ParamSet, in
qa/core/params.py): one definition of each, so the description cannot drift from what the
service sends and reads."""

from __future__ import annotations

import types
from collections.abc import Mapping
from dataclasses import fields, is_dataclass
from enum import Enum
from typing import Any, Literal, Union, get_args, get_origin, get_type_hints

from pydantic import BaseModel

_SCALARS = {str: "string", int: "integer", float: "number", bool: "boolean"}


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
        if "$ref" in schema or "enum" in schema:
            return {"anyOf": [schema, {"type": "null"}]}
        return schema | {"type": [schema["type"], "null"]}
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


def query_parameters(
    params: type[BaseModel],
    choices: Mapping[str, list[str] | None] | None = None,
    examples: Mapping[str, str] | None = None,
) -> list[dict[str, Any]]:
    """Return the OpenAPI query parameters of a set of request parameters, in its order.

    Args:
        params: the parameters' model, each field's description and limits its own.
        choices: the options of a parameter that the index decides (None: open), offered with
            "" for any.
        examples: an example value of a parameter, where the operation has its own.
    """
    schema = params.model_json_schema()
    required = set(schema.get("required", ()))
    return [
        _parameter(name, field, name in required, (choices or {}).get(name), examples or {})
        for name, field in schema["properties"].items()
    ]


def _parameter(
    name: str, field: dict[str, Any], required: bool, options: list[str] | None, examples: Any
) -> dict[str, Any]:
    schema = {k: v for k, v in field.items() if k not in ("title", "description", "examples")}
    # A repeatable parameter is described as one string: in a query string one value and an
    # array of one are the same, and the description says it may be repeated.
    if schema.get("type") == "array":
        schema = schema["items"]
    if options is not None:
        schema = schema | {"enum": ["", *options]}
    parameter = {"name": name, "in": "query", "description": field.get("description", "")}
    parameter |= {"required": True} if required else {}
    parameter["schema"] = schema
    example = examples.get(name, (field.get("examples") or [None])[0])
    return parameter | ({"example": example} if example is not None else {})

"""Engine-ready parameter rows built straight from model instances, for bulk writes.

A row is `{"id" | "src"/"dst", "props": {...}, <temporal field>: ISO text, ...}`: temporal
fields sit beside `props` because the load queries convert each one explicitly
(`date(row.x)`, `localdatetime(row.x)`). Rows are built from the field values without
`model_dump()` or a generic walk: bulk loads build millions of them.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import cache
from typing import Any, get_args, get_origin

from pydantic import BaseModel

from graph.model import GraphEdge, GraphNode
from graph.model.base import temporal_kind


@dataclass(frozen=True)
class _Shape:
    temporal: tuple[str, ...]
    enums: tuple[str, ...]
    enum_lists: tuple[str, ...]


def _is_enum(annotation: Any) -> bool:
    """An enum, or an optional enum; not a list of enums."""
    if get_origin(annotation) is list:
        return False
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return True
    return any(_is_enum(arg) for arg in get_args(annotation))


def _is_enum_list(annotation: Any) -> bool:
    if get_origin(annotation) is list:
        return _is_enum(get_args(annotation)[0])
    return any(_is_enum_list(arg) for arg in get_args(annotation))


@cache
def _shape(model: type[BaseModel]) -> _Shape:
    fields = model.model_fields
    return _Shape(
        temporal=tuple(k for k, f in fields.items() if temporal_kind(f.annotation)),
        enums=tuple(k for k, f in fields.items() if _is_enum(f.annotation)),
        enum_lists=tuple(k for k, f in fields.items() if _is_enum_list(f.annotation)),
    )


def temporal_fields(model: type[BaseModel]) -> tuple[str, ...]:
    return _shape(model).temporal


def iso(value: date | None) -> str | None:
    """ISO text for the engines: datetimes as naive UTC, dates as YYYY-MM-DD."""
    if value is None:
        return None
    if isinstance(value, datetime):
        if value.tzinfo is not UTC:
            value = value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
        return value.replace(tzinfo=None).isoformat()
    return value.isoformat()


def _split(model: BaseModel, data: dict[str, Any],
           omit: frozenset[str] = frozenset()) -> dict[str, Any]:
    shape = _shape(type(model))
    row: dict[str, Any] = {k: iso(data.pop(k)) for k in shape.temporal if k not in omit}
    for k in shape.enums:
        if data[k] is not None:
            data[k] = data[k].value
    for k in shape.enum_lists:
        data[k] = [v.value for v in data[k]]
    row["props"] = data
    return row


def node_row(node: GraphNode, *, omit: frozenset[str] = frozenset()) -> dict[str, Any]:
    """`omit`: fields left out of the row (a query that sets them from elsewhere)."""
    data = dict(node.__dict__)
    node_id = data.pop("id")
    for name in omit:
        del data[name]
    row = _split(node, data, omit)
    row["id"] = node_id
    return row


def edge_row(edge: GraphEdge) -> dict[str, Any]:
    data = dict(edge.__dict__)
    src, dst = data.pop("src"), data.pop("dst")
    row = _split(edge, data)
    row["src"], row["dst"] = src.id, dst.id
    return row

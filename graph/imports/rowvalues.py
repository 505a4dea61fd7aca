"""What mapping one record's columns collects per entity, and the checks its values pass:
the canonical models (pydantic), enum names, external ids."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from pydantic import BaseModel, ValidationError

from graph.imports import normalize as norm
from graph.imports.models import EdgeDraft, MappedRow
from graph.model import NodeRef

_T0 = datetime(2000, 1, 1, tzinfo=UTC)


@dataclass
class Values:
    """Values collected for one entity, with the column each came from (for error reasons)."""

    values: dict[str, str] = field(default_factory=dict)
    columns: dict[str, str] = field(default_factory=dict)

    def get(self, name: str) -> str | None:
        return norm.clean(self.values.get(name))

    def col(self, name: str) -> str:
        return self.columns.get(name, name)

    def present(self, *names: str) -> dict[str, str]:
        """The named values that are not blank, as they are (no parsing)."""
        return {name: value for name in names if (value := self.get(name))}


def validate(model: type[BaseModel], props: dict[str, Any], columns: Values,
             out: MappedRow, extra: dict[str, Any] | None = None) -> dict[str, Any] | None:
    """Canonical values of `props` checked by the pydantic model; None when invalid."""
    try:
        checked = model.model_validate({**(extra or {}), **props})
    except ValidationError as e:
        for err in e.errors():
            name = str(err["loc"][0]) if err["loc"] else "row"
            message = err["msg"].removeprefix("Value error, ")
            if message not in out.errors.values():  # `email` and `emails` fail alike
                out.errors[columns.col(name)] = message
        return None
    return checked.model_dump(mode="json", include=set(props))


def validate_node(model: type[BaseModel], props: dict[str, Any], out: MappedRow, *,
                  quiet: bool = False) -> dict[str, Any] | None:
    """Canonical JSON values of a node's `props` (errors named by field), or None."""
    target = MappedRow(row=out.row) if quiet else out
    return validate(model, props, Values(), target, node_extra())


def node_extra() -> dict[str, Any]:
    return {"id": "draft", "created_at": _T0, "updated_at": _T0}


def enum_value(value: str | None, enum_values: dict[str, str], what: str) -> str | None:
    if value is None:
        return None
    key = value.strip().lower()
    if key in enum_values:
        return enum_values[key]
    raise ValueError(f"{value!r} is not a known {what}")


def ext_ids(prefix: str | None, value: str | None) -> list[str]:
    if not value:
        return []
    return [f"{prefix}:{value}" if prefix and ":" not in value else value]


def failing(v: Values, e: ValueError) -> str:
    text = str(e)
    for name, value in v.values.items():
        if repr(value) in text or value in text:
            return name
    return "row"


def add_edge(out: MappedRow, v: Values, model: type[BaseModel], src: str, dst: str,
             src_label: str, dst_label: str, props: dict[str, Any]) -> None:
    refs = {"src": NodeRef(label=src_label, id="a"), "dst": NodeRef(label=dst_label, id="b")}
    checked = validate(model, props, v, out, refs)
    if checked is not None:
        out.edges.append(EdgeDraft(type=str(getattr(model, "TYPE", "")), src=src, dst=dst,
                                   props=checked))

"""One record (column -> text) -> drafts, through a Mapping: each column's value goes to
its entity's field (transformed), defaults fill what is missing, then each entity with
values is built (`graph.imports.entities`); field errors are kept per column."""

from __future__ import annotations

from collections.abc import Callable

from graph.imports import normalize as norm
from graph.imports.entities import account, contact, deal, edge_list
from graph.imports.mapping import ColumnSpec, Mapping
from graph.imports.models import MappedRow
from graph.imports.rowvalues import Values, validate_node

__all__ = ["map_row", "validate_node"]


def map_row(row: int, record: dict[str, str], mapping: Mapping, *,
            member_id: str | None = None,
            extra: Callable[[dict[str, Values], MappedRow], None] | None = None) -> MappedRow:
    """Turn one record (column -> text) into drafts; field errors go to `errors`."""
    out = MappedRow(row=row)
    collected: dict[str, Values] = {}
    for column, raw in record.items():
        col_spec = mapping.columns.get(column)
        value = raw.strip() if raw else ""
        if col_spec is None:
            if value:
                out.unmapped[column] = value
            continue
        if not value:
            continue
        target = collected.setdefault(col_spec.entity, Values())
        try:
            _apply(target, col_spec, column, value)
        except ValueError as e:
            out.errors[column] = str(e)
    for entity, defaults in mapping.defaults.items():
        target = collected.setdefault(entity, Values())
        for name, value in defaults.items():
            if not target.get(name):
                target.values[name], target.columns[name] = value, f"default {name}"
    builders = {"account": account, "contact": contact, "deal": deal, "edge": edge_list}
    for entity in ("account", "contact", "deal", "edge"):
        if entity in collected and collected[entity].values:
            builders[entity](collected[entity], mapping, out, member_id)
    if extra is not None:
        extra(collected, out)
    if not out.entities and not out.errors:
        out.errors["row"] = "nothing to import: no mapped column has a value"
    return out


def _apply(target: Values, col_spec: ColumnSpec, column: str, value: str) -> None:
    if col_spec.map is not None:
        mapped = col_spec.map.get(value, col_spec.map.get(value.lower()))
        if mapped is None:
            raise ValueError(f"{value!r} is not one of {', '.join(col_spec.map)}")
        value = mapped
    if col_spec.transform == "split_name":
        first, last = norm.split_name(value)
        for name, part in (("first_name", first), ("last_name", last)):
            if part and name not in target.values:
                target.values[name], target.columns[name] = part, column
        target.values.setdefault("name", " ".join(p for p in (first, last) if p))
        target.columns.setdefault("name", column)
        return
    if col_spec.transform == "date":
        value = norm.parse_date(value, col_spec.format).isoformat()
    elif col_spec.transform == "lower":
        value = value.lower()
    elif col_spec.transform == "upper":
        value = value.upper()
    if col_spec.field in target.values and col_spec.field in ("emails", "contact_external_ids"):
        value = target.values[col_spec.field] + " ::: " + value
    elif col_spec.field in target.values:
        return  # the first column that gives a field wins (e.g. 'E-mail 1' before 'E-mail 2')
    target.values[col_spec.field], target.columns[col_spec.field] = value, column

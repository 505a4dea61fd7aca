"""Column -> canonical field mapping (profiles and YAML manifests); a record is turned
into drafts by `graph.imports.rowmap`.

A mapping sends each column to `entity.field` (entity: contact, account, deal, edge) with an
optional transform: `split_name`, `date` (with `format`), `lower`, `multi`, or a value `map`.
Fields beyond the canonical ones: contact.full_name, contact.company, contact.company_domain,
contact.company_external_id, contact.external_id, contact.connected_on, account.external_id,
deal.account, deal.account_external_id, deal.contact_external_ids, deal.external_id,
edge.source / edge.target / edge.kind / edge.strength.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from graph.imports.errors import ImportFormatError
from graph.model import DealStage

ENTITIES = ("contact", "account", "deal", "edge")

CONTACT_FIELDS = frozenset({
    "first_name", "last_name", "name", "full_name", "email", "emails", "phone", "title",
    "department", "seniority", "linkedin_url", "city", "country", "lifecycle_stage",
    "do_not_contact", "company", "company_domain", "company_external_id", "external_id",
    "connected_on"})
ACCOUNT_FIELDS = frozenset({
    "name", "domain", "industry", "segment", "employees", "annual_revenue", "currency", "city",
    "country", "stage", "tier", "external_id"})
DEAL_FIELDS = frozenset({
    "name", "amount", "currency", "stage", "expected_close", "close_date", "actual_close",
    "loss_reason", "next_step", "account", "account_external_id", "contact_external_ids",
    "external_id"})
EDGE_FIELDS = frozenset({"source", "target", "kind", "strength"})
FIELDS = {"contact": CONTACT_FIELDS, "account": ACCOUNT_FIELDS, "deal": DEAL_FIELDS,
          "edge": EDGE_FIELDS}


@dataclass(frozen=True)
class ColumnSpec:
    entity: str
    field: str
    transform: str | None = None
    format: str | None = None
    map: dict[str, str] | None = None


@dataclass
class Mapping:
    """Columns of one export kind mapped to canonical fields, plus defaults and stage map."""

    columns: dict[str, ColumnSpec]
    defaults: dict[str, dict[str, str]] = field(default_factory=dict)
    stage_map: dict[str, str] = field(default_factory=dict)
    id_prefix: str | None = None  # external ids are kept as "<prefix>:<id>"

    def with_overrides(self, other: Mapping) -> Mapping:
        return Mapping({**self.columns, **other.columns},
                       {k: {**self.defaults.get(k, {}), **other.defaults.get(k, {})}
                        for k in {*self.defaults, *other.defaults}},
                       {**self.stage_map, **{k.lower(): v for k, v in other.stage_map.items()}},
                       other.id_prefix or self.id_prefix)


def spec(target: str, transform: str | None = None, *, fmt: str | None = None,
         values: dict[str, str] | None = None) -> ColumnSpec:
    entity, _, name = target.partition(".")
    return ColumnSpec(entity, name, transform, fmt, values)


def load_manifest(path: Path) -> Mapping:
    """A YAML manifest: `entity`, `columns` (column: field or {field, transform, format,
    map}), `defaults` ({field: value}), `stage_map` ({export value: canonical stage}),
    `id_prefix`."""
    try:
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as e:
        raise ImportFormatError(f"mapping manifest {path}: {e}") from e
    return parse_manifest(doc, str(path))


def parse_manifest(doc: Any, where: str = "manifest") -> Mapping:
    if not isinstance(doc, dict):
        raise ImportFormatError(f"{where}: expected a mapping with 'columns'")
    entity = str(doc.get("entity", "contact"))
    if entity not in ENTITIES:
        raise ImportFormatError(f"{where}: entity {entity!r} is not one of {', '.join(ENTITIES)}")
    columns: dict[str, ColumnSpec] = {}
    for column, target in (doc.get("columns") or {}).items():
        item = {"field": target} if isinstance(target, str) else dict(target or {})
        name = str(item.get("field", ""))
        ent, _, fld = name.rpartition(".")
        ent = ent or entity
        if ent not in FIELDS or fld not in FIELDS[ent]:
            known = ", ".join(sorted(FIELDS.get(ent, FIELDS[entity])))
            raise ImportFormatError(
                f"{where}: column {column!r} maps to unknown field '{ent}.{fld}' "
                f"(known: {known})")
        transform = item.get("transform")
        if transform not in (None, "split_name", "date", "lower", "multi", "upper"):
            raise ImportFormatError(f"{where}: column {column!r}: unknown transform "
                                    f"{transform!r}")
        values = item.get("map")
        columns[str(column)] = ColumnSpec(ent, fld, transform, item.get("format"),
                                          {str(k): str(v) for k, v in values.items()}
                                          if isinstance(values, dict) else None)
    defaults: dict[str, dict[str, str]] = {}
    for name, value in (doc.get("defaults") or {}).items():
        ent, _, fld = str(name).rpartition(".")
        defaults.setdefault(ent or entity, {})[fld] = str(value)
    stage_map = {str(k).lower(): str(v) for k, v in (doc.get("stage_map") or {}).items()}
    for value in stage_map.values():
        if value not in {s.value for s in DealStage}:
            raise ImportFormatError(f"{where}: stage_map value {value!r} is not a pipeline "
                                    f"stage ({', '.join(s.value for s in DealStage)})")
    return Mapping(columns, defaults, stage_map, doc.get("id_prefix"))

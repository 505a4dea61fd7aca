"""Column -> canonical field mapping (profiles and YAML manifests) and row -> drafts.

A mapping sends each column to `entity.field` (entity: contact, account, deal, edge) with an
optional transform: `split_name`, `date` (with `format`), `lower`, `multi`, or a value `map`.
Fields beyond the canonical ones: contact.full_name, contact.company, contact.company_domain,
contact.company_external_id, contact.external_id, contact.connected_on, account.external_id,
deal.account, deal.account_external_id, deal.contact_external_ids, deal.external_id,
edge.source / edge.target / edge.kind / edge.strength.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from graph.imports import normalize as norm
from graph.imports.errors import ImportFormatError
from graph.imports.models import Draft, EdgeDraft, MappedRow
from graph.model import (
    Account,
    AccountStage,
    AccountTier,
    Contact,
    ContactStage,
    Deal,
    DealStage,
    Knows,
    LossReason,
    NodeRef,
    Seniority,
    WorksAt,
)

ENTITIES = ("contact", "account", "deal", "edge")
_T0 = datetime(2000, 1, 1, tzinfo=UTC)

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

LIFECYCLE = {"subscriber": "SUBSCRIBER", "lead": "LEAD", "marketingqualifiedlead": "MQL",
             "marketing qualified lead": "MQL", "mql": "MQL", "salesqualifiedlead": "SQL",
             "sales qualified lead": "SQL", "sql": "SQL", "opportunity": "OPPORTUNITY",
             "customer": "CUSTOMER", "evangelist": "EVANGELIST", "other": "OTHER",
             "inactive": "INACTIVE"}
LOSS_KEYWORDS = (("price", "PRICE"), ("budget", "PRICE"), ("expensive", "PRICE"),
                 ("competitor", "COMPETITOR"), ("timing", "TIMING"), ("time", "TIMING"),
                 ("decision", "NO_DECISION"), ("fit", "PRODUCT_FIT"), ("product", "PRODUCT_FIT"),
                 ("contact", "LOST_CONTACT"), ("ghost", "LOST_CONTACT"),
                 ("financ", "FINANCING"), ("mortgage", "FINANCING"), ("loan", "FINANCING"))
_DEAL_STAGE_NAMES = {s.value.lower(): s.value for s in DealStage} | {
    s.name.lower(): s.value for s in DealStage} | {
    s.name.lower().replace("_", " "): s.value for s in DealStage}


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


# -- row -> drafts -----------------------------------------------------------------------------
@dataclass
class _Values:
    """Values collected for one entity, with the column each came from (for error reasons)."""

    values: dict[str, str] = field(default_factory=dict)
    columns: dict[str, str] = field(default_factory=dict)

    def get(self, name: str) -> str | None:
        return norm.clean(self.values.get(name))

    def col(self, name: str) -> str:
        return self.columns.get(name, name)


def map_row(row: int, record: dict[str, str], mapping: Mapping, *,
            member_id: str | None = None,
            extra: Callable[[dict[str, _Values], MappedRow], None] | None = None) -> MappedRow:
    """Turn one record (column -> text) into drafts; field errors go to `errors`."""
    out = MappedRow(row=row)
    collected: dict[str, _Values] = {}
    for column, raw in record.items():
        col_spec = mapping.columns.get(column)
        value = raw.strip() if raw else ""
        if col_spec is None:
            if value:
                out.unmapped[column] = value
            continue
        if not value:
            continue
        target = collected.setdefault(col_spec.entity, _Values())
        try:
            _apply(target, col_spec, column, value)
        except ValueError as e:
            out.errors[column] = str(e)
    for entity, defaults in mapping.defaults.items():
        target = collected.setdefault(entity, _Values())
        for name, value in defaults.items():
            if not target.get(name):
                target.values[name], target.columns[name] = value, f"default {name}"
    builders = {"account": _account, "contact": _contact, "deal": _deal, "edge": _edge_list}
    for entity in ("account", "contact", "deal", "edge"):
        if entity in collected and collected[entity].values:
            builders[entity](collected[entity], mapping, out, member_id)
    if extra is not None:
        extra(collected, out)
    if not out.entities and not out.errors:
        out.errors["row"] = "nothing to import: no mapped column has a value"
    return out


def _apply(target: _Values, col_spec: ColumnSpec, column: str, value: str) -> None:
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


def _validate(model: type[BaseModel], props: dict[str, Any], columns: _Values,
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
    return _validate(model, props, _Values(), target, _node_extra())


def _node_extra() -> dict[str, Any]:
    return {"id": "draft", "created_at": _T0, "updated_at": _T0}


def _enum(value: str | None, enum_values: dict[str, str], what: str) -> str | None:
    if value is None:
        return None
    key = value.strip().lower()
    if key in enum_values:
        return enum_values[key]
    raise ValueError(f"{value!r} is not a known {what}")


def _ext(prefix: str | None, value: str | None) -> list[str]:
    if not value:
        return []
    return [f"{prefix}:{value}" if prefix and ":" not in value else value]


def _account(v: _Values, mapping: Mapping, out: MappedRow, member_id: str | None) -> None:
    props: dict[str, Any] = {}
    try:
        for name in ("name", "industry", "segment", "city", "country", "currency"):
            if v.get(name):
                props[name] = v.get(name)
        if v.get("domain"):
            props["domain"] = norm.domain(v.get("domain"))
        if v.get("employees"):
            props["employees"] = int(norm.parse_amount(v.values["employees"])[0])
        if v.get("annual_revenue"):
            amount, currency = norm.parse_amount(v.values["annual_revenue"])
            props["annual_revenue"] = amount
            if currency and "currency" not in props:
                props["currency"] = currency
        if v.get("stage"):
            props["stage"] = _enum(v.get("stage"), {s.value.lower(): s.value
                                                   for s in AccountStage}, "account stage")
        if v.get("tier"):
            props["tier"] = _enum(v.get("tier"), {s.value.lower(): s.value for s in AccountTier},
                                  "account tier")
    except ValueError as e:
        out.errors[v.col(_failing(v, e))] = str(e)
        return
    if "name" not in props:
        if props.get("domain"):
            props["name"] = props["domain"]
        else:
            out.errors[v.col("name")] = "an account needs a name or a domain"
            return
    checked = _validate(Account, props, v, out, _node_extra())
    if checked is not None:
        out.entities.append(Draft(key="account", label="Account", props=checked,
                                  external_ids=_ext(mapping.id_prefix, v.get("external_id"))))


def _failing(v: _Values, e: ValueError) -> str:
    text = str(e)
    for name, value in v.values.items():
        if repr(value) in text or value in text:
            return name
    return "row"


def _contact(v: _Values, mapping: Mapping, out: MappedRow, member_id: str | None) -> None:
    props: dict[str, Any] = {}
    try:
        for simple in ("first_name", "last_name", "title", "department", "city", "country"):
            if v.get(simple):
                props[simple] = v.get(simple)
        full = v.get("full_name")
        if full and not (props.get("first_name") or props.get("last_name")):
            first, last = norm.split_name(full)
            props.update({k: x for k, x in (("first_name", first), ("last_name", last)) if x})
        emails: list[str] = []
        for raw in [v.get("email"), *norm.split_multi(v.get("emails") or "")]:
            address = norm.email(raw)
            if address and address not in emails:
                emails.append(address)
        if emails:
            props["email"], props["emails"] = emails[0], emails
        if v.get("phone"):
            props["phone"] = norm.phone(norm.split_multi(v.values["phone"])[0])
        if v.get("linkedin_url"):
            url = norm.linkedin_url(v.get("linkedin_url"))
            if url:
                props["linkedin_url"] = url
            else:  # another website: no canonical home, kept as unmapped
                out.unmapped[v.col("linkedin_url")] = str(v.get("linkedin_url"))
        if v.get("seniority"):
            props["seniority"] = _enum(v.get("seniority"), {s.value.lower(): s.value
                                                           for s in Seniority}, "seniority")
        if v.get("lifecycle_stage"):
            props["lifecycle_stage"] = _enum(
                v.get("lifecycle_stage"), LIFECYCLE | {s.value.lower(): s.value
                                                       for s in ContactStage}, "lifecycle stage")
        if v.get("do_not_contact"):
            props["do_not_contact"] = norm.parse_bool(v.values["do_not_contact"])
        connected = norm.parse_date(v.values["connected_on"]) if v.get("connected_on") else None
    except ValueError as e:
        out.errors[v.col(_failing(v, e))] = str(e)
        return
    name = v.get("name") or " ".join(
        p for p in (props.get("first_name"), props.get("last_name")) if p) or full
    if not name:
        name = str(props["email"]) if props.get("email") else None
    if not name and props.get("linkedin_url"):
        name = str(props["linkedin_url"]).rsplit("/", 1)[-1]
    if not name:
        out.errors[v.col("name")] = "a contact needs a name, an email or a LinkedIn URL"
        return
    props["name"] = " ".join(name.split())
    checked = _validate(Contact, props, v, out, _node_extra())
    if checked is None:
        return
    company = v.get("company")
    out.entities.append(Draft(key="contact", label="Contact", props=checked, company=company,
                              external_ids=_ext(mapping.id_prefix, v.get("external_id"))))
    company_ext = _ext(mapping.id_prefix, next(iter(norm.split_multi(
        v.get("company_external_id") or "")), None))  # the first (primary) company
    if company or v.get("company_domain") or company_ext:
        account = Draft(key="account", label="Account", props={}, external_ids=company_ext)
        if company:
            account.props["name"] = company
        if v.get("company_domain"):
            account.props["domain"] = norm.domain(v.get("company_domain"))
        if not account.props.get("name") and account.props.get("domain"):
            account.props["name"] = account.props["domain"]
        if not any(d.key == "account" for d in out.entities):
            out.entities.append(account)
        title = {"title": checked["title"]} if checked.get("title") else {}
        _edge(out, v, WorksAt, "contact", "account", "Contact", "Account",
              {**title, "current": True})
    if member_id:
        out.entities.append(Draft(key="member", label="Member", fixed_id=member_id))
        knows: dict[str, Any] = {"origins": ["LINKEDIN" if connected else "MANUAL"]}
        if connected:
            knows["first_seen"] = datetime(connected.year, connected.month, connected.day,
                                           tzinfo=UTC).replace(tzinfo=None).isoformat()
        _edge(out, v, Knows, "member", "contact", "Member", "Contact", knows)


def _edge(out: MappedRow, v: _Values, model: type[BaseModel], src: str, dst: str,
          src_label: str, dst_label: str, props: dict[str, Any]) -> None:
    refs = {"src": NodeRef(label=src_label, id="a"), "dst": NodeRef(label=dst_label, id="b")}
    checked = _validate(model, props, v, out, refs)
    if checked is not None:
        out.edges.append(EdgeDraft(type=str(getattr(model, "TYPE", "")), src=src, dst=dst,
                                   props=checked))


def deal_stage(value: str, stage_map: dict[str, str]) -> str:
    key = value.strip().lower()
    if key in stage_map:
        return stage_map[key]
    if key in _DEAL_STAGE_NAMES:
        return _DEAL_STAGE_NAMES[key]
    raise ValueError(f"deal stage {value!r} is not in the stage map (add it to stage_map)")


def _deal(v: _Values, mapping: Mapping, out: MappedRow, member_id: str | None) -> None:
    props: dict[str, Any] = {}
    try:
        for name in ("name", "next_step", "currency"):
            if v.get(name):
                props[name] = v.get(name)
        if v.get("amount"):
            amount, currency = norm.parse_amount(v.values["amount"])
            props["amount"] = amount
            if currency and "currency" not in props:
                props["currency"] = currency
        stage = deal_stage(v.values["stage"], mapping.stage_map) if v.get("stage") else None
        if stage:
            props["stage"] = stage
        close = v.get("close_date")
        if v.get("expected_close"):
            props["expected_close"] = norm.parse_date(v.values["expected_close"]).isoformat()
        if v.get("actual_close"):
            props["actual_close"] = norm.parse_date(v.values["actual_close"]).isoformat()
        if close:
            closed = stage in (DealStage.CLOSED_WON.value, DealStage.CLOSED_LOST.value)
            props["actual_close" if closed else "expected_close"] = norm.parse_date(
                close).isoformat()
        if stage == DealStage.CLOSED_LOST.value:
            reason = (v.get("loss_reason") or "").lower()
            props["loss_reason"] = next((code for word, code in LOSS_KEYWORDS if word in reason),
                                        None) or _enum(reason or "no_decision",
                                                       {r.value.lower(): r.value
                                                        for r in LossReason}, "loss reason")
            if not reason:
                out.notes.append(f"row {out.row}: no loss reason given, NO_DECISION assumed")
    except ValueError as e:
        out.errors[v.col(_failing(v, e))] = str(e)
        return
    if "name" not in props:
        out.errors[v.col("name")] = "a deal needs a name"
        return
    checked = _validate(Deal, props, v, out, _node_extra())
    if checked is None:
        return
    out.entities.append(Draft(key="deal", label="Deal", props=checked,
                              external_ids=_ext(mapping.id_prefix, v.get("external_id"))))
    account_ext = [x for part in norm.split_multi(v.get("account_external_id") or "")
                   for x in _ext(mapping.id_prefix, part)][:1]
    if v.get("account") or account_ext:
        props_a = {"name": v.get("account")} if v.get("account") else {}
        out.entities.append(Draft(key="account", label="Account", props=props_a,
                                  external_ids=account_ext))
        out.edges.append(EdgeDraft(type="HAS_DEAL", src="account", dst="deal"))
    for i, contact_id in enumerate(norm.split_multi(v.get("contact_external_ids") or "")):
        key = f"stakeholder{i}"
        out.entities.append(Draft(key=key, label="Contact",
                                  external_ids=_ext(mapping.id_prefix, contact_id)))
        out.edges.append(EdgeDraft(type="STAKEHOLDER_IN", src=key, dst="deal",
                                   props={"role": "INFLUENCER", "influence": 50.0,
                                          "key": False, "note": "imported association"}))


def _edge_list(v: _Values, mapping: Mapping, out: MappedRow, member_id: str | None) -> None:
    source, target = v.get("source"), v.get("target")
    if not source or not target:
        out.errors[v.col("source" if not source else "target")] = "an edge needs both ends"
        return
    kind = (v.get("kind") or "KNOWS").upper()
    if kind != "KNOWS":
        out.errors[v.col("kind")] = f"edge kind {kind!r} is not supported (only KNOWS)"
        return
    props: dict[str, Any] = {"origins": ["MANUAL"]}
    if v.get("strength"):
        try:
            props["explicit_strength"] = float(v.values["strength"].replace(",", "."))
        except ValueError:
            out.errors[v.col("strength")] = f"not a number: {v.values['strength']!r}"
            return
    refs = {"src": NodeRef(label="Member", id="a"), "dst": NodeRef(label="Contact", id="b")}
    checked = _validate(Knows, props, v, out, refs)
    if checked is None:
        return
    out.entities.append(Draft(key="src", label="Person", fixed_id=source.lower()
                              if "@" in source else source))
    out.entities.append(Draft(key="dst", label="Person", fixed_id=target.lower()
                              if "@" in target else target))
    out.edges.append(EdgeDraft(type="KNOWS", src="src", dst="dst", props=checked))

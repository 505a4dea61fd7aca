"""One record's collected values -> the drafts of an account, a contact (with its company
and the importing member's KNOWS), a deal (with its account and stakeholders), or a
KNOWS edge between two people named by id or email."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from graph.imports import normalize as norm
from graph.imports.mapping import Mapping
from graph.imports.models import Draft, EdgeDraft, MappedRow
from graph.imports.rowvalues import (
    Values,
    add_edge,
    enum_value,
    ext_ids,
    failing,
    node_extra,
    validate,
)
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


def _money(v: Values, name: str, props: dict[str, Any]) -> None:
    """An amount like `1.234,56 €` into `props[name]`; its currency, when the row gave none."""
    if v.get(name):
        amount, currency = norm.parse_amount(v.values[name])
        props[name] = amount
        if currency and "currency" not in props:
            props["currency"] = currency


def account(v: Values, mapping: Mapping, out: MappedRow, member_id: str | None) -> None:
    props: dict[str, Any] = v.present("name", "industry", "segment", "city", "country",
                                      "currency")
    try:
        if v.get("domain"):
            props["domain"] = norm.domain(v.get("domain"))
        if v.get("employees"):
            props["employees"] = int(norm.parse_amount(v.values["employees"])[0])
        _money(v, "annual_revenue", props)
        if v.get("stage"):
            props["stage"] = enum_value(v.get("stage"), {s.value.lower(): s.value
                                                         for s in AccountStage}, "account stage")
        if v.get("tier"):
            props["tier"] = enum_value(v.get("tier"), {s.value.lower(): s.value
                                                       for s in AccountTier}, "account tier")
    except ValueError as e:
        out.errors[v.col(failing(v, e))] = str(e)
        return
    if "name" not in props:
        if props.get("domain"):
            props["name"] = props["domain"]
        else:
            out.errors[v.col("name")] = "an account needs a name or a domain"
            return
    checked = validate(Account, props, v, out, node_extra())
    if checked is not None:
        out.entities.append(Draft(key="account", label="Account", props=checked,
                                  external_ids=ext_ids(mapping.id_prefix, v.get("external_id"))))


def contact(v: Values, mapping: Mapping, out: MappedRow, member_id: str | None) -> None:
    props: dict[str, Any] = v.present("first_name", "last_name", "title", "department",
                                      "city", "country")
    try:
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
            props["seniority"] = enum_value(v.get("seniority"), {s.value.lower(): s.value
                                                                 for s in Seniority}, "seniority")
        if v.get("lifecycle_stage"):
            props["lifecycle_stage"] = enum_value(
                v.get("lifecycle_stage"), LIFECYCLE | {s.value.lower(): s.value
                                                       for s in ContactStage}, "lifecycle stage")
        if v.get("do_not_contact"):
            props["do_not_contact"] = norm.parse_bool(v.values["do_not_contact"])
        connected = norm.parse_date(v.values["connected_on"]) if v.get("connected_on") else None
    except ValueError as e:
        out.errors[v.col(failing(v, e))] = str(e)
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
    checked = validate(Contact, props, v, out, node_extra())
    if checked is None:
        return
    company = v.get("company")
    out.entities.append(Draft(key="contact", label="Contact", props=checked, company=company,
                              external_ids=ext_ids(mapping.id_prefix, v.get("external_id"))))
    company_ext = ext_ids(mapping.id_prefix, next(iter(norm.split_multi(
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
        add_edge(out, v, WorksAt, "contact", "account", "Contact", "Account",
                 {**title, "current": True})
    if member_id:
        out.entities.append(Draft(key="member", label="Member", fixed_id=member_id))
        knows: dict[str, Any] = {"origins": ["LINKEDIN" if connected else "MANUAL"]}
        if connected:
            knows["first_seen"] = datetime(connected.year, connected.month, connected.day,
                                           tzinfo=UTC).replace(tzinfo=None).isoformat()
        add_edge(out, v, Knows, "member", "contact", "Member", "Contact", knows)


def deal_stage(value: str, stage_map: dict[str, str]) -> str:
    key = value.strip().lower()
    if key in stage_map:
        return stage_map[key]
    if key in _DEAL_STAGE_NAMES:
        return _DEAL_STAGE_NAMES[key]
    raise ValueError(f"deal stage {value!r} is not in the stage map (add it to stage_map)")


def deal(v: Values, mapping: Mapping, out: MappedRow, member_id: str | None) -> None:
    props: dict[str, Any] = v.present("name", "next_step", "currency")
    try:
        _money(v, "amount", props)
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
                                        None) or enum_value(reason or "no_decision",
                                                            {r.value.lower(): r.value
                                                             for r in LossReason}, "loss reason")
            if not reason:
                out.notes.append(f"row {out.row}: no loss reason given, NO_DECISION assumed")
    except ValueError as e:
        out.errors[v.col(failing(v, e))] = str(e)
        return
    if "name" not in props:
        out.errors[v.col("name")] = "a deal needs a name"
        return
    checked = validate(Deal, props, v, out, node_extra())
    if checked is None:
        return
    out.entities.append(Draft(key="deal", label="Deal", props=checked,
                              external_ids=ext_ids(mapping.id_prefix, v.get("external_id"))))
    account_ext = [x for part in norm.split_multi(v.get("account_external_id") or "")
                   for x in ext_ids(mapping.id_prefix, part)][:1]
    if v.get("account") or account_ext:
        props_a = {"name": v.get("account")} if v.get("account") else {}
        out.entities.append(Draft(key="account", label="Account", props=props_a,
                                  external_ids=account_ext))
        out.edges.append(EdgeDraft(type="HAS_DEAL", src="account", dst="deal"))
    for i, contact_id in enumerate(norm.split_multi(v.get("contact_external_ids") or "")):
        key = f"stakeholder{i}"
        out.entities.append(Draft(key=key, label="Contact",
                                  external_ids=ext_ids(mapping.id_prefix, contact_id)))
        out.edges.append(EdgeDraft(type="STAKEHOLDER_IN", src=key, dst="deal",
                                   props={"role": "INFLUENCER", "influence": 50.0,
                                          "key": False, "note": "imported association"}))


def edge_list(v: Values, mapping: Mapping, out: MappedRow, member_id: str | None) -> None:
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
    checked = validate(Knows, props, v, out, refs)
    if checked is None:
        return
    out.entities.append(Draft(key="src", label="Person", fixed_id=source.lower()
                              if "@" in source else source))
    out.entities.append(Draft(key="dst", label="Person", fixed_id=target.lower()
                              if "@" in target else target))
    out.edges.append(EdgeDraft(type="KNOWS", src="src", dst="dst", props=checked))

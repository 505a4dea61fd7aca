"""Import profiles: each reads one real export kind into mapped rows.

A profile is chosen by name or detected from the file's header with a confidence (0-1).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from graph.imports.errors import ImportFormatError
from graph.imports.mail import mail_row
from graph.imports.mapping import ColumnSpec, Mapping, spec
from graph.imports.models import MappedRow
from graph.imports.readers import MailHeaders, read_mbox, read_table
from graph.imports.rowmap import map_row
from graph.imports.vcard import Card, read_vcards, vunescape

HUBSPOT_STAGES = {
    "appointmentscheduled": "02-QUALIFYING", "appointment scheduled": "02-QUALIFYING",
    "qualifiedtobuy": "03-QUALIFIED", "qualified to buy": "03-QUALIFIED",
    "presentationscheduled": "05-VIEWING", "presentation scheduled": "05-VIEWING",
    "decisionmakerboughtin": "07-NEGOTIATION", "decision maker bought-in": "07-NEGOTIATION",
    "contractsent": "08-COMMITTED", "contract sent": "08-COMMITTED",
    "closedwon": "09-CLOSED_WON", "closed won": "09-CLOSED_WON",
    "closedlost": "CLOSED_LOST", "closed lost": "CLOSED_LOST",
}
SALESFORCE_STAGES = {
    "prospecting": "01-IDENTIFIED", "qualification": "02-QUALIFYING",
    "id. decision makers": "03-QUALIFIED", "needs analysis": "04-NEEDS_ANALYSIS",
    "perception analysis": "05-VIEWING", "value proposition": "06-PROPOSAL",
    "proposal/price quote": "06-PROPOSAL", "negotiation/review": "07-NEGOTIATION",
    "closed won": "09-CLOSED_WON", "closed lost": "CLOSED_LOST",
}


Record = tuple[MappedRow, dict[str, str]]  # a mapped row and the raw record it came from


@dataclass
class Parsed:
    """A file's records, mapped one at a time as `records` is consumed (a large export is
    never held as mapped rows all at once), plus notes on how it was read. Errors in the
    file's shape are raised before the first record; a bad record, while iterating."""

    records: Iterator[Record]
    notes: list[str] = field(default_factory=list)


@dataclass
class Profile:
    name: str
    description: str
    mapping: Mapping
    signature: tuple[str, ...] = ()  # header names that identify the export
    required: tuple[str, ...] = ()  # without these the profile does not apply
    needs_member: bool = False
    needs_members: bool = False  # the parser tells members from contacts by email
    is_header: Callable[[list[str]], bool] | None = None

    def confidence(self, header: list[str]) -> float:
        names = {h.strip().lower() for h in header}
        if any(r.lower() not in names for r in self.required):
            return 0.0
        if not self.signature:
            return 0.0
        hits = sum(1 for s in self.signature if s.lower() in names)
        return round(hits / len(self.signature), 2)

    def parse(self, data: bytes, *, mapping: Mapping, member_id: str | None,
              max_columns: int, members: dict[str, str] | None = None) -> Parsed:
        try:
            table = read_table(data, max_columns=max_columns, is_header=self.is_header)
        except ImportFormatError as e:
            if "no header row" in e.message:
                raise ImportFormatError(f"this file does not look like a {self.description} "
                                        f"export: {e.message}") from e
            raise
        columns = _match_columns(mapping, table.header)
        missing = [r for r in self.required if r.lower() not in {h.lower() for h in table.header}]
        if missing or (self.signature and self.confidence(table.header) < 0.3):
            raise ImportFormatError(
                f"this file does not look like a {self.description} export: expected columns "
                f"{', '.join(self.signature or self.required)}; found "
                f"{', '.join(table.header[:12])}")
        if not columns.columns:
            raise ImportFormatError(
                f"no column of the file is mapped (columns: {', '.join(table.header[:12])})")
        records = ((map_row(line, record, columns, member_id=member_id), record)
                   for line, record in table.records())
        notes = [f"dropped footer line: {f}" for f in table.dropped_footer]
        notes.append(f"read as {table.encoding}, delimiter {table.delimiter!r}, header on "
                     f"line {table.header_line}")
        return Parsed(records, notes)


def _match_columns(mapping: Mapping, header: list[str]) -> Mapping:
    """The mapping keyed by the file's exact column names (export headers vary in case)."""
    by_lower = {k.lower(): v for k, v in mapping.columns.items()}
    columns: dict[str, ColumnSpec] = {}
    for name in header:
        found = mapping.columns.get(name) or by_lower.get(name.lower())
        if found is not None:
            columns[name] = found
    return Mapping(columns, mapping.defaults, mapping.stage_map, mapping.id_prefix)


def _linkedin_header(cells: list[str]) -> bool:
    names = {c.strip().lower() for c in cells}
    return "first name" in names and "last name" in names


class VCardProfile(Profile):
    def confidence(self, header: list[str]) -> float:
        return 1.0 if header[:1] == ["BEGIN:VCARD"] else 0.0

    def parse(self, data: bytes, *, mapping: Mapping, member_id: str | None,
              max_columns: int, members: dict[str, str] | None = None) -> Parsed:
        try:
            cards = read_vcards(data)
        except ImportFormatError as e:
            raise ImportFormatError(f"this file does not look like a {self.description} "
                                    f"export: {e.message}") from e
        return Parsed(self._records(cards, mapping, member_id, max_columns))

    @staticmethod
    def _records(cards: list[Card], mapping: Mapping, member_id: str | None,
                 max_columns: int) -> Iterator[Record]:
        for card in cards:
            if len(card.raw) > max_columns:
                raise ImportFormatError(f"line {card.line}: {len(card.raw)} vCard properties, "
                                        f"more than the limit of {max_columns}")
            record: dict[str, str] = {}
            structured = card.fields.get("N", [""])[0].split(";")
            if len(structured) >= 2:
                record["Family Name"] = vunescape(structured[0])
                record["Given Name"] = vunescape(structured[1])
            for key in ("FN", "TITLE", "NOTE", "BDAY"):
                if key in card.fields:
                    record[key] = vunescape(card.fields[key][0])
            if "ORG" in card.fields:
                record["ORG"] = vunescape(card.fields["ORG"][0].split(";")[0])
            if "EMAIL" in card.fields:
                record["EMAIL"] = " ::: ".join(vunescape(e) for e in card.fields["EMAIL"])
            if "TEL" in card.fields:
                record["TEL"] = vunescape(card.fields["TEL"][0]).removeprefix("tel:")
            for url in card.fields.get("URL", []):
                if "linkedin.com" in url.lower():
                    record["URL"] = vunescape(url)
            if "ADR" in card.fields:
                parts = card.fields["ADR"][0].split(";") + [""] * 7
                record["City"], record["Country"] = vunescape(parts[3]), vunescape(parts[6])
            raw = {k: vunescape(v) for k, v in card.raw.items()}
            row = map_row(card.line, record, mapping, member_id=member_id)
            row.unmapped = {k: v for k, v in raw.items()
                            if k.split(" (")[0] not in _VCARD_USED and v.strip()}
            yield row, raw


_MAIL_USED = {"from", "to", "cc", "date", "subject", "message-id", "in-reply-to", "references"}
_MAIL_TRANSPORT = ("received", "dkim-", "arc-", "return-path", "authentication-results",
                   "x-google-", "x-gm-", "x-ms-", "x-received", "x-mailer", "x-spam",
                   "x-original-", "content-", "mime-version", "delivered-to", "list-", "precedence",
                   "thread-", "user-agent", "x-mailer", "bcc", "reply-to", "sender")


class MailProfile(Profile):
    """Mail headers (mbox, one .eml, or a folder of .eml made into an mbox): one Interaction
    per message, deduplicated by Message-ID, with who took part (from/to/cc); addresses of
    members become Member participants, others Contacts (found by email or created)."""

    def confidence(self, header: list[str]) -> float:
        return 0.0

    def parse(self, data: bytes, *, mapping: Mapping, member_id: str | None,
              max_columns: int, members: dict[str, str] | None = None) -> Parsed:
        messages = read_mbox(data)
        first = next(messages, None)  # an empty or binary file fails here, before any record
        if first is None:
            raise ImportFormatError("no mail message in the file")
        return Parsed(self._records(itertools.chain([first], messages), members or {},
                                    max_columns))

    @staticmethod
    def _records(messages: Iterator[MailHeaders], members: dict[str, str],
                 max_columns: int) -> Iterator[Record]:
        for message in messages:
            if len(message.headers) > max_columns:
                raise ImportFormatError(f"line {message.line}: {len(message.headers)} headers, "
                                        f"more than the limit of {max_columns}")
            record: dict[str, str] = {}
            counts: dict[str, int] = {}
            for name, value in message.headers:
                counts[name] = counts.get(name, 0) + 1
                record[name if counts[name] == 1 else f"{name} ({counts[name]})"] = value
            row = mail_row(message.line, message, members)
            row.unmapped = {k: v for k, v in record.items()
                            if k.lower() not in _MAIL_USED
                            and not k.lower().startswith(_MAIL_TRANSPORT)}
            yield row, record


_VCARD_USED = {"N", "FN", "TITLE", "ORG", "EMAIL", "TEL", "URL", "ADR", "VERSION", "BEGIN",
               "END", "PRODID", "UID", "REV", "KIND"}


def _m(columns: dict[str, str | ColumnSpec], prefix: str | None = None,
       stage_map: dict[str, str] | None = None) -> Mapping:
    return Mapping({k: spec(v) if isinstance(v, str) else v for k, v in columns.items()},
                   stage_map=dict(stage_map or {}), id_prefix=prefix)


PROFILES: dict[str, Profile] = {p.name: p for p in (
    Profile("generic", "generic CSV (YAML mapping manifest)", Mapping({})),
    Profile("linkedin", "LinkedIn Connections.csv", _m({
        "First Name": "contact.first_name", "Last Name": "contact.last_name",
        "URL": "contact.linkedin_url", "Email Address": "contact.email",
        "Company": "contact.company", "Position": "contact.title",
        "Connected On": "contact.connected_on"}),
        signature=("First Name", "Last Name", "URL", "Email Address", "Company", "Position",
                   "Connected On"),
        required=("First Name", "Last Name", "Connected On"), needs_member=True,
        is_header=_linkedin_header),
    Profile("hubspot-contacts", "HubSpot contacts", _m({
        "Record ID": "contact.external_id", "First Name": "contact.first_name",
        "Last Name": "contact.last_name", "Email": "contact.email",
        "Additional email addresses": "contact.emails", "Phone Number": "contact.phone",
        "Mobile Phone Number": "contact.phone", "Job Title": "contact.title",
        "Company Name": "contact.company", "Associated Company": "contact.company",
        "Associated Company IDs": "contact.company_external_id",
        "Associated Company IDs (Primary)": "contact.company_external_id",
        "Lifecycle Stage": "contact.lifecycle_stage", "City": "contact.city",
        "Country/Region": "contact.country", "Country": "contact.country",
        "LinkedIn URL": "contact.linkedin_url", "Seniority": "contact.seniority",
        "Department": "contact.department"}, "hubspot"),
        signature=("Record ID", "First Name", "Last Name", "Email", "Associated Company",
                   "Lifecycle Stage"), required=("Record ID",)),
    Profile("hubspot-companies", "HubSpot companies", _m({
        "Record ID": "account.external_id", "Company name": "account.name",
        "Name": "account.name", "Company Domain Name": "account.domain",
        "Website URL": "account.domain", "Industry": "account.industry",
        "Number of Employees": "account.employees", "Annual Revenue": "account.annual_revenue",
        "City": "account.city", "Country/Region": "account.country"}, "hubspot"),
        signature=("Record ID", "Company name", "Company Domain Name", "Industry",
                   "Number of Employees"), required=("Record ID",)),
    Profile("hubspot-deals", "HubSpot deals", _m({
        "Record ID": "deal.external_id", "Deal Name": "deal.name",
        "Deal Stage": "deal.stage", "Amount": "deal.amount", "Close Date": "deal.close_date",
        "Closed Lost Reason": "deal.loss_reason", "Next step": "deal.next_step",
        "Associated Company": "deal.account",
        "Associated Company IDs": "deal.account_external_id",
        "Associated Contact IDs": "deal.contact_external_ids",
        "Currency": "deal.currency"}, "hubspot", HUBSPOT_STAGES),
        signature=("Record ID", "Deal Name", "Deal Stage", "Amount", "Close Date"),
        required=("Record ID", "Deal Name")),
    Profile("salesforce-contacts", "Salesforce contacts report", _m({
        "Contact ID": "contact.external_id", "First Name": "contact.first_name",
        "Last Name": "contact.last_name", "Full Name": "contact.full_name",
        "Title": "contact.title", "Account Name": "contact.company",
        "Account ID": "contact.company_external_id", "Email": "contact.email",
        "Phone": "contact.phone", "Mobile": "contact.phone", "Mailing City": "contact.city",
        "Mailing Country": "contact.country", "Department": "contact.department"},
        "salesforce"),
        signature=("First Name", "Last Name", "Title", "Account Name", "Email", "Phone",
                   "Mailing City"), required=("Account Name", "Email")),
    Profile("salesforce-accounts", "Salesforce accounts report", _m({
        "Account ID": "account.external_id", "Account Name": "account.name",
        "Website": "account.domain", "Industry": "account.industry",
        "Employees": "account.employees", "Annual Revenue": "account.annual_revenue",
        "Billing City": "account.city", "Billing Country": "account.country"}, "salesforce"),
        signature=("Account Name", "Website", "Industry", "Employees", "Annual Revenue",
                   "Billing City"), required=("Account Name",)),
    Profile("salesforce-opportunities", "Salesforce opportunities report", _m({
        "Opportunity ID": "deal.external_id", "Opportunity Name": "deal.name",
        "Account Name": "deal.account", "Account ID": "deal.account_external_id",
        "Amount": "deal.amount", "Stage": "deal.stage", "Close Date": "deal.close_date",
        "Loss Reason": "deal.loss_reason", "Next Step": "deal.next_step",
        "Opportunity Currency": "deal.currency"}, "salesforce", SALESFORCE_STAGES),
        signature=("Opportunity Name", "Account Name", "Amount", "Stage", "Close Date"),
        required=("Opportunity Name",)),
    Profile("google-contacts", "Google Contacts CSV", _m({
        "Name": "contact.full_name", "Given Name": "contact.first_name",
        "Family Name": "contact.last_name", "First Name": "contact.first_name",
        "Last Name": "contact.last_name", "E-mail 1 - Value": "contact.emails",
        "E-mail 2 - Value": "contact.emails", "E-mail 3 - Value": "contact.emails",
        "Phone 1 - Value": "contact.phone", "Organization 1 - Name": "contact.company",
        "Organization 1 - Title": "contact.title", "Organization Name": "contact.company",
        "Organization Title": "contact.title", "Organization Department": "contact.department",
        "Organization 1 - Department": "contact.department",
        "Website 1 - Value": "contact.linkedin_url",
        "Address 1 - City": "contact.city", "Address 1 - Country": "contact.country"},
        "google"),
        signature=("E-mail 1 - Value", "Phone 1 - Value", "Organization 1 - Name",
                   "Name", "Given Name", "Family Name"), required=("E-mail 1 - Value",)),
    VCardProfile("vcard", "vCard 2.1/3.0/4.0", _m({
        "FN": "contact.full_name", "Given Name": "contact.first_name",
        "Family Name": "contact.last_name", "EMAIL": "contact.emails",
        "TEL": "contact.phone", "ORG": "contact.company", "TITLE": "contact.title",
        "URL": "contact.linkedin_url", "City": "contact.city", "Country": "contact.country"})),
    MailProfile("mail", "mail headers (mbox or .eml)", Mapping({}), needs_members=True),
)}


def detect(data: bytes, *, max_columns: int) -> tuple[Profile, float]:
    """The profile whose signature best matches the file's header, with its confidence."""
    from graph.imports.readers import decode

    text, _ = decode(data[:65536])
    if text.lstrip().upper().startswith("BEGIN:VCARD"):
        return PROFILES["vcard"], 1.0
    head = text[:4096].lower()
    if text.startswith("From ") or ("\nmessage-id:" in head and "\nfrom:" in
                                     "\n" + head):
        return PROFILES["mail"], 1.0 if "\nmessage-id:" in head else 0.8
    table = read_table(data, max_columns=max_columns)
    header = table.header
    if table.header_line > 1 or "connected on" in {h.lower() for h in header}:
        # A preamble (LinkedIn's notes) hides the header from the default guess.
        try:
            header = read_table(data, max_columns=max_columns,
                                is_header=_linkedin_header).header
        except ImportFormatError:
            header = table.header
    scored = sorted(((p.confidence(header), p.name) for p in PROFILES.values()), reverse=True)
    best, name = scored[0]
    if best < 0.5:
        guess = f"best guess {name} at {best:.0%}" if best > 0 else "no profile's columns"
        raise ImportFormatError(
            f"cannot tell which export this is ({guess}); name the profile: "
            f"{', '.join(PROFILES)}, or for other columns propose a manifest with: "
            "rapport import suggest FILE")
    return PROFILES[name], best


def get_profile(name: str) -> Profile:
    try:
        return PROFILES[name]
    except KeyError:
        raise ImportFormatError(f"unknown import profile {name!r}; known: "
                                f"{', '.join([*PROFILES, 'auto'])}") from None


__all__ = ["HUBSPOT_STAGES", "PROFILES", "SALESFORCE_STAGES", "Parsed", "Profile", "detect",
           "get_profile"]

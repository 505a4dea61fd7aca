"""The import pipeline end to end on the real embedded PostgreSQL and FalkorDB: hand-written
exports in each real format -> staged batch -> preview -> commit -> undo."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from graph.errors import InvalidInput, NotFound
from graph.evidence import EvidenceStore
from graph.imports import (
    BatchStateError,
    ImportFormatError,
    ImportService,
    Preview,
    load_manifest,
    parse_manifest,
)
from graph.store import GraphStore
from tests.evidence_fixtures import (  # noqa: F401
    FIXTURES,
    evidence,
    fixture_bytes,
    session_evidence,
    snapshot,
)

MEMBER = "maria@rapport.example"


@pytest.fixture(params=[20_000, 2], ids=["one-chunk", "chunks-of-2"])
def service(request: pytest.FixtureRequest, store: GraphStore,
            evidence: EvidenceStore) -> ImportService:  # noqa: F811
    """Every pipeline test runs twice: the file in one chunk, and in chunks of two rows
    (what a large file goes through), and must give the same result."""
    svc = ImportService(store, evidence, chunk_rows=request.param)
    svc.add_member("Maria Member", MEMBER, title="Broker", business_unit="Residential")
    return svc


def _import(service: ImportService, profile: str, name: str, **kw: Any) -> Preview:
    preview = service.stage(profile, name, fixture_bytes(name), **kw)
    assert preview.status == "staged"
    return service.approve(preview.batch_id)


def _contacts(store: GraphStore) -> dict[str, dict[str, Any]]:
    rows = store.read_cypher("MATCH (c:Contact) RETURN c.name AS name, properties(c) AS p")
    return {r["name"]: r["p"] for r in rows}


def test_linkedin_connections_as_a_member(service: ImportService, store: GraphStore) -> None:
    preview = service.stage("linkedin", "linkedin_Connections.csv",
                            fixture_bytes("linkedin_Connections.csv"), member=MEMBER)
    assert preview.rows == 4 and preview.rejected == 0
    assert preview.nodes["Contact"].new == 4
    assert preview.nodes["Account"].new == 3  # Acme Lda twice: one account
    assert preview.nodes["Account"].duplicates_in_file == 1
    assert preview.relationships["KNOWS"].new == 4
    assert "header on line 4" in " ".join(preview.notes)
    assert store.read_cypher("MATCH (c:Contact) RETURN count(c) AS n")[0]["n"] == 0  # staged
    service.approve(preview.batch_id)
    people = _contacts(store)
    assert set(people) == {"Ana Lima", "João Müller-Øster", "Zoë Ñúñez", "Li Wei"}
    joao = people["João Müller-Øster"]
    assert joao["linkedin_url"] == "https://www.linkedin.com/in/joaomuller"
    assert joao.get("email") is None and joao["title"] == "CFO"
    assert people["Zoë Ñúñez"]["email"] == "zoe@initech.example"
    knows = store.read_cypher(
        "MATCH (m:Member)-[k:KNOWS]->(c:Contact {name: 'Ana Lima'}) "
        "RETURN m.email AS m, k.origins AS origins, k.first_seen AS first, k.sources AS src")
    assert knows[0]["m"] == MEMBER and knows[0]["origins"] == ["LINKEDIN"]
    assert knows[0]["first"].date() == date(2024, 3, 12)
    assert knows[0]["src"] == [f"import:{preview.batch_id}:5"]
    works = store.read_cypher("MATCH (c:Contact)-[w:WORKS_AT]->(a:Account {name: 'Globex, Inc.'})"
                              " RETURN c.name AS c, w.title AS t, w.current AS cur")
    assert works == [{"c": "João Müller-Øster", "t": "CFO", "cur": True}]


def test_linkedin_needs_a_member(service: ImportService) -> None:
    with pytest.raises(InvalidInput, match="--as MEMBER"):
        service.stage("linkedin", "c.csv", fixture_bytes("linkedin_Connections.csv"))
    with pytest.raises(NotFound, match="rapport member add"):
        service.stage("linkedin", "c.csv", fixture_bytes("linkedin_Connections.csv"),
                      member="nobody@x.example")


def test_same_person_from_linkedin_and_hubspot_is_one_contact(
        service: ImportService, store: GraphStore) -> None:
    _import(service, "linkedin", "linkedin_Connections.csv", member=MEMBER)
    preview = service.stage("auto", "hubspot_contacts.csv", fixture_bytes("hubspot_contacts.csv"))
    assert preview.profile == "hubspot-contacts" and preview.detected_profile_confidence == 1.0
    assert preview.nodes["Contact"].merged == 1
    ana = next(d for d in preview.probable_duplicates if d.name == "Ana Lima")
    assert ana.merged and ana.score == 0.9
    assert "same name 'Ana Lima' and company 'Acme Lda'" in ana.reason
    assert preview.unmapped_columns == ["Favorite Color", "Notes"]
    # BOM, quoted newline (row 2 spans two lines), duplicate email, bad email
    assert preview.rejected_rows[0].row == 7
    assert "not an email address" in preview.rejected_rows[0].reasons["Email"]
    assert preview.nodes["Contact"].duplicates_in_file == 1  # Bruno twice, same email
    service.approve(preview.batch_id)
    people = _contacts(store)
    assert len([n for n in people if n == "Ana Lima"]) == 1
    ana_node = people["Ana Lima"]
    assert ana_node["email"] == "ana.lima@acme.pt"
    assert ana_node["phone"] == "+351912345678"  # E.164
    assert ana_node["lifecycle_stage"] == "MQL"
    assert ana_node["linkedin_url"] == "https://www.linkedin.com/in/ana-lima-12345"
    assert ana_node["external_ids"] == ["hubspot:501"]
    assert ana_node["sources"] == ["import:1:5", f"import:{preview.batch_id}:2"]
    assert people["Bruno Costa"]["phone"] == "+442079460958"
    assert sorted(people["Bruno Costa"]["external_ids"]) == ["hubspot:502", "hubspot:503"]
    assert "Dmitri Ivanov" not in people
    raw = {r.row_number: r for r in service.evidence.rows(preview.batch_id)}
    assert raw[2].raw["Notes"] == "Met at the fair,\nfollow up in May"
    assert raw[2].unmapped == {"Favorite Color": "teal", "Notes": "Met at the fair,\n"
                                                                 "follow up in May"}
    assert raw[7].raw["Email"] == "not-an-email"  # rejected rows keep their raw fields


def test_different_emails_are_never_merged_silently(service: ImportService,
                                                    store: GraphStore) -> None:
    _import(service, "hubspot-contacts", "hubspot_contacts.csv")
    other = (b"Record ID,First Name,Last Name,Email,Associated Company\n"
             b"601,Ana,Lima,ana@elsewhere.example,Acme Lda\n")
    preview = service.stage("hubspot-contacts", "other.csv", other)
    dup = preview.probable_duplicates[0]
    assert not dup.merged and "different emails" in dup.reason
    assert preview.nodes["Contact"].new == 1
    service.approve(preview.batch_id)
    assert len(store.read_cypher("MATCH (c:Contact {name: 'Ana Lima'}) RETURN c.id")) == 2


def test_reimporting_the_same_file_is_a_no_op(service: ImportService, store: GraphStore) -> None:
    first = _import(service, "hubspot-contacts", "hubspot_contacts.csv")
    before = snapshot(store)
    again = service.stage("hubspot-contacts", "renamed.csv", fixture_bytes("hubspot_contacts.csv"))
    assert again.already_imported and again.batch_id == first.batch_id
    assert again.status == "committed"
    assert snapshot(store) == before
    assert len(service.evidence.batches()) == 1


def test_newer_export_updates_only_what_changed(service: ImportService,
                                                store: GraphStore) -> None:
    _import(service, "hubspot-contacts", "hubspot_contacts.csv")
    newer = fixture_bytes("hubspot_contacts.csv").replace(
        b"+351 912 345 678,Head of Procurement", b"+351 912 345 678,Chief Procurement Officer")
    before = _contacts(store)
    preview = service.stage("hubspot-contacts", "newer.csv", newer)
    assert preview.nodes["Contact"].updated == 1
    assert preview.nodes["Contact"].unchanged == 2  # Bruno (twice in the file), Carla
    committed = service.approve(preview.batch_id)
    changes = service.evidence.changes(committed.batch_id)
    assert [(c.op, c.node_id) for c in changes if c.kind == "node"] == [
        ("update", before["Ana Lima"]["id"])]
    after = _contacts(store)
    assert after["Ana Lima"]["title"] == "Chief Procurement Officer"
    assert after["Ana Lima"]["phone"] == before["Ana Lima"]["phone"]
    assert after["Bruno Costa"] == before["Bruno Costa"]  # untouched, not even `sources`
    works = store.read_cypher("MATCH (:Contact {name: 'Ana Lima'})-[w:WORKS_AT]->() "
                              "RETURN w.title AS t")
    assert works == [{"t": "Chief Procurement Officer"}]


def test_undo_restores_the_graph_exactly(service: ImportService, store: GraphStore) -> None:
    empty = snapshot(store)
    linkedin = _import(service, "linkedin", "linkedin_Connections.csv", member=MEMBER)
    after_linkedin = snapshot(store)
    hubspot = _import(service, "hubspot-contacts", "hubspot_contacts.csv")
    companies = _import(service, "hubspot-companies", "hubspot_companies.csv")
    deals = _import(service, "hubspot-deals", "hubspot_deals.csv")
    mail = _import(service, "mail", "mailbox.mbox")
    assert snapshot(store) != after_linkedin
    with pytest.raises(BatchStateError, match=f"undo {companies.batch_id} first"):
        service.undo(hubspot.batch_id)  # the companies export updated the same accounts
    for batch in (mail, deals, companies, hubspot):
        service.undo(batch.batch_id)
    assert snapshot(store) == after_linkedin  # updates restored, creations removed
    result = service.undo(linkedin.batch_id)
    assert result.deleted_nodes == 7 and result.deleted_relationships == 8
    assert snapshot(store) == empty
    assert service.preview(linkedin.batch_id).status == "undone"
    with pytest.raises(BatchStateError):
        service.undo(linkedin.batch_id)
    # an undone file can be imported again
    again = service.stage("linkedin", "c.csv", fixture_bytes("linkedin_Connections.csv"),
                          member=MEMBER)
    assert not again.already_imported and again.batch_id != linkedin.batch_id


def test_approve_twice_is_refused(service: ImportService) -> None:
    preview = service.stage("vcard", "contacts.vcf", fixture_bytes("contacts.vcf"))
    with pytest.raises(BatchStateError):
        service.undo(preview.batch_id)
    service.approve(preview.batch_id)
    with pytest.raises(BatchStateError, match="is committed"):
        service.approve(preview.batch_id)


def test_hubspot_deals_stages_amounts_and_associations(service: ImportService,
                                                       store: GraphStore) -> None:
    _import(service, "hubspot-companies", "hubspot_companies.csv")
    _import(service, "hubspot-contacts", "hubspot_contacts.csv")
    preview = service.stage("auto", "hubspot_deals.csv", fixture_bytes("hubspot_deals.csv"))
    assert preview.profile == "hubspot-deals"
    assert "delimiter ';'" in " ".join(preview.notes)
    assert preview.rejected_rows[0].row == 6
    assert "warpspeed" in preview.rejected_rows[0].reasons["Deal Stage"]
    service.approve(preview.batch_id)
    deals = {r["name"]: r for r in store.read_cypher(
        "MATCH (d:Deal) OPTIONAL MATCH (a:Account)-[:HAS_DEAL]->(d) "
        "RETURN d.name AS name, d.stage AS stage, d.amount AS amount, d.currency AS cur, "
        "d.expected_close AS exp, d.actual_close AS act, d.loss_reason AS loss, "
        "a.name AS account")}
    assert deals["Acme HQ lease"]["stage"] == "03-QUALIFIED"
    assert deals["Acme HQ lease"]["amount"] == 1234.56 and deals["Acme HQ lease"]["cur"] == "EUR"
    assert deals["Acme HQ lease"]["exp"] == date(2026, 6, 30)
    assert deals["Acme HQ lease"]["account"] == "Acme Lda"
    assert deals["Globex villa"]["stage"] == "09-CLOSED_WON"
    assert deals["Globex villa"]["amount"] == 2_500_000.0
    assert deals["Globex villa"]["act"] == date(2026, 1, 15)
    assert deals["Initech office"]["stage"] == "CLOSED_LOST"
    assert deals["Initech office"]["loss"] == "COMPETITOR"
    assert deals["Initech office"]["amount"] == 12000.5
    assert deals["Acme annex"]["stage"] == "05-VIEWING"  # a stage label, not a code
    stake = store.read_cypher("MATCH (c:Contact)-[s:STAKEHOLDER_IN]->(d:Deal) "
                              "RETURN c.name AS c, d.name AS d ORDER BY d")
    assert stake == [{"c": "Ana Lima", "d": "Acme HQ lease"}, {"c": "Ana Lima", "d": "Acme annex"},
                     {"c": "Bruno Costa", "d": "Globex villa"}]
    accounts = store.read_cypher("MATCH (a:Account) RETURN a.name AS n ORDER BY n")
    assert [a["n"] for a in accounts] == ["Acme Lda", "Globex, Inc.", "Initech"]


def test_stage_map_can_be_overridden(service: ImportService, store: GraphStore) -> None:
    mapping = parse_manifest({"stage_map": {"warpspeed": "08-COMMITTED",
                                            "qualifiedtobuy": "04-NEEDS_ANALYSIS"}})
    preview = service.stage("hubspot-deals", "d.csv", fixture_bytes("hubspot_deals.csv"),
                            mapping=mapping)
    assert preview.rejected == 0
    service.approve(preview.batch_id)
    stages = {r["n"]: r["s"] for r in store.read_cypher(
        "MATCH (d:Deal) RETURN d.name AS n, d.stage AS s")}
    assert stages["Mystery"] == "08-COMMITTED" and stages["Acme HQ lease"] == "04-NEEDS_ANALYSIS"
    with pytest.raises(ImportFormatError, match="not a pipeline stage"):
        parse_manifest({"stage_map": {"x": "WON"}})


def test_salesforce_reports_without_their_footer(service: ImportService,
                                                 store: GraphStore) -> None:
    opps = service.stage("auto", "salesforce_opportunities.csv",
                         fixture_bytes("salesforce_opportunities.csv"))
    assert opps.profile == "salesforce-opportunities" and opps.rows == 3 and opps.rejected == 0
    assert any("Grand Totals (3 records)" in n for n in opps.notes)
    assert any("Confidential Information" in n for n in opps.notes)
    assert opps.unmapped_columns == ["Lead Source"]
    service.approve(opps.batch_id)
    deals = {r["n"]: r for r in store.read_cypher(
        "MATCH (d:Deal) RETURN d.name AS n, d.amount AS a, d.currency AS c, d.stage AS s, "
        "d.external_ids AS x")}
    assert deals["Umbrella relocation"]["a"] == 45000.0 and deals["Umbrella relocation"]["c"] \
        == "USD"
    assert deals["Stark penthouse"]["s"] == "09-CLOSED_WON"
    assert deals["Wayne manor"]["x"] == ["salesforce:0065g00000KlMnO"]
    contacts = _import(service, "auto", "salesforce_contacts.csv")
    assert contacts.profile == "salesforce-contacts" and contacts.rows == 2
    assert contacts.nodes["Account"].unchanged == 1  # Stark Industries, from the opportunities
    tony = _contacts(store)["Tony Stark"]
    assert tony["phone"] == "(212) 555-0100"  # no country code: kept as given


def test_google_contacts_multi_values(service: ImportService, store: GraphStore) -> None:
    preview = _import(service, "auto", "google_contacts.csv")
    assert preview.profile == "google-contacts" and preview.nodes["Contact"].new == 2
    marta = _contacts(store)["Marta Sousa"]
    assert marta["email"] == "marta@sousa.example"
    assert marta["emails"] == ["marta@sousa.example", "m.sousa@gmail.example",
                               "marta.home@example.org"]
    assert marta["phone"] == "+351966000111" and marta["title"] == "Partner"
    assert "Émile Zola" in _contacts(store)
    assert "Notes" in preview.unmapped_columns and "Birthday" in preview.unmapped_columns


def test_vcard_3_and_4(service: ImportService, store: GraphStore) -> None:
    preview = _import(service, "auto", "contacts.vcf")
    assert preview.profile == "vcard" and preview.nodes["Contact"].new == 2
    people = _contacts(store)
    rita = people["Rita Fernandes"]
    assert rita["emails"] == ["rita@acme.pt", "rita.f@mail.example"]
    assert rita["linkedin_url"] == "https://www.linkedin.com/in/ritafernandes"
    assert rita["phone"] == "+351933444555"
    soren = people["Søren Kierkegaard"]
    assert soren["phone"] == "+4533123456" and soren["city"] == "Copenhagen"
    assert soren["country"] == "Denmark"
    assert "NOTE" in preview.unmapped_columns and "BDAY" in preview.unmapped_columns
    raw = service.evidence.rows(preview.batch_id)[0].raw
    assert raw["NOTE"] == "Met at the Lisbon fair, 2025"



def test_vcard_2_1_quoted_printable(service: ImportService, store: GraphStore) -> None:
    """Outlook and older phones export 2.1 cards: quoted-printable values in a declared
    charset (UTF-8 or Windows-1252), soft line breaks written at the margin."""
    preview = _import(service, "auto", "contacts_v21.vcf")
    assert preview.profile == "vcard" and preview.rejected == 0
    assert preview.nodes["Contact"].new == 2
    people = _contacts(store)
    assert sorted(people) == ["João Gonçalves", "Jürgen Müller"]
    assert people["Jürgen Müller"]["phone"] == "+4915123456789"
    assert people["João Gonçalves"]["email"] == "joao@cafe.example"
    accounts = store.read_cypher("MATCH (:Contact)-[:WORKS_AT]->(a:Account) RETURN a.name AS n")
    assert [r["n"] for r in accounts] == ["Café Lda"]
    raw = {r.raw.get("EMAIL"): r.raw for r in service.evidence.rows(preview.batch_id)}
    assert raw["joao@cafe.example"]["NOTE"] == "Met in Porto\r\nAsked for a demo"
    assert raw["juergen@mueller.example"]["FN"] == "Jürgen Müller"

def test_generic_csv_with_a_manifest_then_an_edge_list(service: ImportService,
                                                       store: GraphStore) -> None:
    people = service.stage("generic", "generic_people.csv", fixture_bytes("generic_people.csv"),
                           mapping=load_manifest(FIXTURES / "generic_people.yaml"), member=MEMBER)
    assert people.rows == 4 and people.rejected == 1
    assert "Since" in people.rejected_rows[0].reasons
    service.approve(people.batch_id)
    found = _contacts(store)
    assert found["Ana Lima"]["first_name"] == "Ana" and found["Ana Lima"]["last_name"] == "Lima"
    assert found["Ana Lima"]["lifecycle_stage"] == "CUSTOMER"
    assert found["Paulo Reis"]["lifecycle_stage"] == "LEAD"
    assert found["Inês Gomes"]["country"] == "Portugal"  # a default
    since = store.read_cypher("MATCH (:Member)-[k:KNOWS]->(:Contact {name: 'Paulo Reis'}) "
                              "RETURN k.first_seen AS f")
    assert since[0]["f"].date() == date(2023, 7, 15)
    edges = service.stage("generic", "generic_edges.csv", fixture_bytes("generic_edges.csv"),
                          mapping=load_manifest(FIXTURES / "generic_edges.yaml"))
    assert edges.rejected == 2
    reasons = {r.row: r.reasons for r in edges.rejected_rows}
    assert "neither a member nor a contact" in reasons[3]["dst"]
    assert "not supported" in reasons[4]["kind"]
    service.approve(edges.batch_id)
    knows = store.read_cypher("MATCH (a:Contact)-[k:KNOWS]-(b:Contact) "
                              "RETURN k.explicit_strength AS s, k.origins AS o")
    assert knows == [{"s": 70.0, "o": ["MANUAL"]}] * 2  # one edge, seen from both ends


def test_generic_needs_a_manifest_and_manifest_errors_are_named() -> None:
    with pytest.raises(ImportFormatError, match=r"unknown field 'contact\.shoe_size'"):
        parse_manifest({"entity": "contact", "columns": {"Shoe": "shoe_size"}})
    with pytest.raises(ImportFormatError, match="entity 'pet'"):
        parse_manifest({"entity": "pet"})


def test_generic_without_manifest(service: ImportService) -> None:
    with pytest.raises(ImportFormatError, match="--mapping"):
        service.stage("generic", "x.csv", fixture_bytes("generic_people.csv"))


def _wide() -> bytes:
    header = ",".join(f"c{i}" for i in range(5000))
    return (header + "\n" + ",".join("x" for _ in range(5000)) + "\n").encode()


@pytest.mark.parametrize(("profile", "data", "message"), [
    ("hubspot-contacts", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary file"),
    ("hubspot-contacts", b"", "empty"),
    ("hubspot-contacts", b"   \n\n", "empty"),
    ("hubspot-contacts", b"Record ID,First Name,Last Name,Email\n", "no data rows"),
    ("auto", _wide(), "line 1: 5000 fields"),
    ("hubspot-contacts", b"Record ID,First Name\n1,Ana\n2," + b",".join([b"x"] * 5000) + b"\n",
     "line 3: 5001 fields"),
    ("linkedin", fixture_bytes("hubspot_deals.csv"), "LinkedIn"),
    ("hubspot-deals", fixture_bytes("linkedin_Connections.csv"), "HubSpot deals"),
    ("vcard", b"BEGIN:VCARD\nFN:Ana\n", "END:VCARD"),
    ("auto", b"colour,size\nred,2\n", "cannot tell which export"),
    ("nope", b"a,b\n1,2\n", "unknown import profile"),
])
def test_malformed_input_changes_nothing(service: ImportService, store: GraphStore,
                                         profile: str, data: bytes, message: str) -> None:
    graph_before = snapshot(store)
    with pytest.raises(ImportFormatError, match=message) as err:
        service.stage(profile, "bad.csv", data, member=MEMBER)
    assert "\n" not in str(err.value)
    assert service.evidence.batches() == []
    assert snapshot(store) == graph_before


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "cp1252", "utf-8-sig"])
def test_encodings_are_sniffed(service: ImportService, store: GraphStore, encoding: str) -> None:
    text = ("Record ID,First Name,Last Name,Email,Associated Company\r\n"
            "1,Éva,Brandão,eva@brandao.example,Café Société\r\n")
    preview = service.stage("hubspot-contacts", "enc.csv", text.encode(encoding))
    service.approve(preview.batch_id)
    assert "Éva Brandão" in _contacts(store)
    companies = store.read_cypher("MATCH (a:Account) RETURN a.name AS n")
    assert companies == [{"n": "Café Société"}]


def test_mail_headers_make_interactions_deduplicated_by_message_id(
        service: ImportService, store: GraphStore) -> None:
    _import(service, "hubspot-contacts", "hubspot_contacts.csv")
    preview = service.stage("auto", "mailbox.mbox", fixture_bytes("mailbox.mbox"))
    assert preview.profile == "mail" and preview.rows == 4
    assert preview.nodes["Interaction"].new == 2
    assert preview.nodes["Interaction"].duplicates_in_file == 1  # same Message-ID twice
    assert preview.nodes["Contact"].new == 2  # Paulo and João; Ana is known by email
    assert preview.rejected_rows[0].reasons == {"Date": "no Date header"}
    assert "X-Priority" in preview.unmapped_columns
    assert "Received" not in preview.unmapped_columns  # transport headers are not listed
    service.approve(preview.batch_id)
    mails = store.read_cypher(
        "MATCH (i:Interaction) RETURN i.subject AS s, i.at AS at, i.thread_id AS t, "
        "i.participant_count AS n, i.message_id AS m ORDER BY i.at")
    assert [m["s"] for m in mails] == ["Visita ao imóvel on Friday",
                                       "Re: Visita ao imóvel on Friday"]
    assert mails[1]["at"].isoformat() == "2026-03-10T11:02:00+00:00"  # +0100 made UTC
    assert mails[1]["t"] == "<m1.20260310@rapport.example>" == mails[0]["m"]
    roles = store.read_cypher(
        "MATCH (p)-[r:PARTICIPATED_IN]->(i:Interaction {message_id: '<m1.20260310@rapport."
        "example>'}) RETURN labels(p)[0] AS label, p.email AS email, r.role AS role "
        "ORDER BY email")
    assert roles == [
        {"label": "Contact", "email": "ana.lima@acme.pt", "role": "TO"},
        {"label": "Member", "email": MEMBER, "role": "FROM"},
        {"label": "Contact", "email": "paulo@reis.example", "role": "TO"}]
    assert _contacts(store)["Paulo Reis"]["sources"] == [f"import:{preview.batch_id}:2"]
    # the same messages again, from a folder of .eml files plus one new: only the new lands
    from graph.imports.readers import eml_folder_to_mbox

    folder = eml_folder_to_mbox(FIXTURES / "eml")
    more = service.stage("mail", "eml", folder)
    assert more.rows == 2 and more.nodes["Interaction"].new == 2 and more.rejected == 0
    assert service.stage("mail", "mailbox.mbox", fixture_bytes("mailbox.mbox")).already_imported


def test_salesforce_accounts_then_contacts_join_by_account(service: ImportService,
                                                           store: GraphStore) -> None:
    accounts = _import(service, "auto", "salesforce_accounts.csv")
    assert accounts.profile == "salesforce-accounts" and accounts.nodes["Account"].new == 2
    assert accounts.unmapped_columns == ["Type"]
    stark = store.read_cypher("MATCH (a:Account {name: 'Stark Industries'}) RETURN "
                              "properties(a) AS p")[0]["p"]
    assert stark["domain"] == "stark.example" and stark["employees"] == 12000
    assert stark["annual_revenue"] == 4.2e9 and stark["currency"] == "USD"
    contacts = _import(service, "salesforce-contacts", "salesforce_contacts.csv")
    assert contacts.nodes["Account"].unchanged == 1 and "Account" in contacts.nodes
    works = store.read_cypher("MATCH (c:Contact)-[:WORKS_AT]->(a:Account) "
                              "RETURN a.name AS a, count(c) AS n")
    assert works == [{"a": "Stark Industries", "n": 2}]


def test_a_website_that_is_not_linkedin_stays_unmapped(service: ImportService,
                                                       store: GraphStore) -> None:
    data = (b"Name,E-mail 1 - Value,Website 1 - Value\n"
            b"Rosa Parks,rosa@parks.example,https://rosa.example/blog\n"
            b"Amal Clooney,amal@law.example,linkedin.com/in/Amal-C/\n")
    preview = service.stage("google-contacts", "g.csv", data)
    assert preview.unmapped_columns == ["Website 1 - Value"]
    service.approve(preview.batch_id)
    people = _contacts(store)
    assert "linkedin_url" not in people["Rosa Parks"]
    assert people["Amal Clooney"]["linkedin_url"] == "https://www.linkedin.com/in/amal-c"


def test_mail_display_names_never_overwrite_a_contact(service: ImportService,
                                                      store: GraphStore) -> None:
    _import(service, "linkedin", "linkedin_Connections.csv", member=MEMBER)
    from graph.imports.readers import eml_folder_to_mbox

    preview = service.stage("auto", "eml", eml_folder_to_mbox(FIXTURES / "eml"))
    assert preview.nodes["Contact"].updated == 0 and preview.nodes["Contact"].unchanged == 1
    service.approve(preview.batch_id)
    zoe = store.read_cypher("MATCH (c:Contact {email: 'zoe@initech.example'}) "
                            "RETURN c.name AS n, size([(c)-[:PARTICIPATED_IN]->() | 1]) AS k")
    assert zoe == [{"n": "Zoë Ñúñez", "k": 2}]


def test_newer_linkedin_export_adds_only_the_new_connection(service: ImportService,
                                                            store: GraphStore) -> None:
    _import(service, "linkedin", "linkedin_Connections.csv", member=MEMBER)
    newer = fixture_bytes("linkedin_Connections.csv") + (
        b"Rui,Pato,https://www.linkedin.com/in/RuiPato,,Initech,Intern,05 May 2026\n")
    preview = service.stage("linkedin", "Connections (1).csv", newer, member=MEMBER)
    assert preview.nodes["Contact"].new == 1 and preview.nodes["Contact"].unchanged == 4
    assert preview.relationships["KNOWS"].new == 1
    assert preview.relationships["KNOWS"].unchanged == 4
    assert preview.nodes["Account"].unchanged == 3  # Initech is known by name
    committed = service.approve(preview.batch_id)
    created = [c for c in service.evidence.changes(committed.batch_id) if c.op == "create"]
    assert len(created) == 3  # the contact, its KNOWS and its WORKS_AT
    assert not [c for c in service.evidence.changes(committed.batch_id) if c.op == "update"]


def test_a_stage_moved_by_a_newer_export_is_stage_history(service: ImportService,
                                                          store: GraphStore) -> None:
    first = _import(service, "hubspot-deals", "hubspot_deals.csv")
    before = snapshot(store)
    newer = fixture_bytes("hubspot_deals.csv").replace(
        b"7001;Acme HQ lease;qualifiedtobuy;", b"7001;Acme HQ lease;contractsent;")
    preview = service.stage("hubspot-deals", "deals-newer.csv", newer)
    assert preview.nodes["Deal"].updated == 1 and preview.nodes["Deal"].unchanged == 3
    committed = service.approve(preview.batch_id)
    history = store.read_cypher(
        "MATCH (d:Deal {name: 'Acme HQ lease'})-[:HAS_STAGE_CHANGE]->(s:StageChange) "
        "RETURN d.stage AS stage, d.stage_entered_at AS entered, s.from_stage AS f, "
        "s.to_stage AS t, s.at AS at, s.days_in_stage AS days, s.sources AS src")
    assert len(history) == 1
    h = history[0]
    assert (h["stage"], h["f"], h["t"]) == ("08-COMMITTED", "03-QUALIFIED", "08-COMMITTED")
    assert h["entered"] == h["at"] and h["days"] is not None and h["days"] >= 0
    assert h["src"] == [f"import:{committed.batch_id}:2"]
    service.undo(committed.batch_id)
    assert snapshot(store) == before
    assert service.preview(first.batch_id).status == "committed"


def test_progress_is_reported_after_each_chunk(store: GraphStore,
                                               evidence: EvidenceStore) -> None:  # noqa: F811
    service = ImportService(store, evidence, chunk_rows=2)
    seen: list[tuple[str, int, int | None]] = []
    preview = service.stage("hubspot-contacts", "c.csv", fixture_bytes("hubspot_contacts.csv"),
                            progress=lambda *step: seen.append(step))
    assert seen == [("stage", 2, None), ("stage", 4, None), ("stage", 5, None)]
    seen.clear()
    committed = service.approve(preview.batch_id, progress=lambda *step: seen.append(step))
    assert seen == [("commit", 2, 4), ("commit", 4, 4)]
    assert committed.progress is not None and committed.progress.done == 4

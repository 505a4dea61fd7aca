"""`suggest_manifest` on the headers of real exports no profile reads (Outlook, a Salesforce
report of another shape, Google's newer CSV), and its review by the LLM through the real
litellm path against a scripted server."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from graph.errors import RapportError
from graph.imports.mapping import parse_manifest
from graph.imports.suggest import ManifestReviewer, manifest_yaml, shape, suggest_manifest
from intel.llm.config import load_config
from intel.llm.gateway import LiteLLMGateway
from intel.llm.settings import load_llm_settings
from intel.manifest import LLMManifestReviewer
from tests.llm_server import scripted_server, write_config

OUTLOOK = (
    "First Name,Middle Name,Last Name,Title,Suffix,E-mail Address,E-mail 2 Address,"
    "Home Phone,Business Phone,Mobile Phone,Business Fax,Job Title,Department,Company,"
    "Manager's Name,Business City,Business Country/Region,Personal Web Page,Birthday,Notes\r\n"
    "Helena,Maria,Costa,Dr.,,helena@client.example,,,+351 21 000 0000,+351 91 000 0000,,"
    "Procurement Lead,Purchasing,Client SA,Rui Reis,Lisboa,Portugal,,1/2/1980,Met in May\r\n"
    "Pedro,,Alves,Mr.,,pedro@client.example,pedro.alves@gmail.example,,,+351 93 000 0000,"
    "+351 21 999 9999,CFO,,Client SA,,Porto,Portugal,http://pedro.example,,\r\n")


def _columns(data: str, **kw: Any) -> dict[str, Any]:
    return dict(suggest_manifest(data.encode(), **kw)["columns"])


def test_an_outlook_export_maps_job_title_and_keeps_middle_names_and_owners_out() -> None:
    assert _columns(OUTLOOK) == {
        "First Name": "first_name", "Last Name": "last_name",
        "E-mail Address": "email", "E-mail 2 Address": "emails",
        "Business Phone": "phone", "Mobile Phone": "phone",  # the first filled one wins
        "Job Title": "title", "Department": "department", "Company": "company",
        "Business City": "city", "Business Country/Region": "country"}


def test_header_words_are_whole_words_and_ids_go_to_their_entity() -> None:
    report = ('"Contact ID","Mailing City","Email","Account ID","Account Name","Email Opt Out",'
              '"Created Date"\r\n"003A","Lisboa","ana@acme.pt","001B","Acme","false","3/14/2024"'
              '\r\n')
    assert _columns(report) == {
        "Contact ID": "external_id", "Mailing City": "city", "Email": "email",
        "Account ID": "company_external_id", "Account Name": "company",
        "Email Opt Out": "do_not_contact",
        "Created Date": {"field": "connected_on", "transform": "date", "format": "%m/%d/%Y"}}


def test_cells_of_several_addresses_and_a_linkedin_website() -> None:
    google = ("First Name,Last Name,E-mail 1 - Label,E-mail 1 - Value,E-mail 2 - Value,"
              "Website 1 - Value\r\nMarta,Sousa,* Work,marta@sousa.example ::: m@gmail.example,"
              "marta@home.example,https://www.linkedin.com/in/marta\r\n")
    manifest = suggest_manifest(google.encode())
    assert manifest["columns"] == {
        "First Name": "first_name", "Last Name": "last_name", "E-mail 1 - Value": "emails",
        "E-mail 2 - Value": "emails", "Website 1 - Value": "linkedin_url"}
    assert manifest["unmapped"] == ["E-mail 1 - Label"]
    parse_manifest(manifest)  # what it proposes is a manifest the importer takes


def test_shapes_mask_every_letter_and_digit() -> None:
    assert shape("Ana Lima <ana@acme.pt>") == "Aaa Aaaa <aaa@aaaa.aa>"
    assert shape("+351 912 345 678") == "+999 999 999 999"
    assert shape("Émile Zoë") == "Aaaaa Aaa"


class _Scripted(ManifestReviewer):
    def __init__(self, answer: dict[str, str | None] | Exception) -> None:
        self.answer = answer
        self.seen: list[tuple[list[str], dict[str, list[str]], dict[str, str]]] = []

    def _review(self, header: list[str], shapes: dict[str, list[str]],
                proposed: dict[str, str]) -> dict[str, str | None]:
        self.seen.append((header, shapes, proposed))
        if isinstance(self.answer, Exception):
            raise self.answer
        return self.answer


def test_a_reviewer_corrects_within_the_manifest_fields_only() -> None:
    reviewer = _Scripted({"Manager's Name": None, "Notes": "account.industry",
                          "Department": None, "Company": "favourite_colour", "Nope": "email",
                          "Title": "title"})
    manifest = suggest_manifest(OUTLOOK.encode(), reviewer=reviewer)
    columns = manifest["columns"]
    assert columns["Notes"] == "account.industry" and "Department" not in columns
    # Its field outranks the header rules: Title now gives the title, not Job Title.
    assert columns["Title"] == "title" and "Job Title" not in columns
    assert columns["Company"] == "company"
    assert manifest["notes"] == [
        "reviewed by the LLM: Notes: account.industry, Department: unmapped, Title: title",
        "ignored from the LLM (no such column or field): 'Company': 'favourite_colour', "
        "'Nope': 'email'"]
    header, shapes, proposed = reviewer.seen[0]
    assert shapes["E-mail Address"] == ["aaaaaa@aaaaaa.aaaaaaa", "aaaaa@aaaaaa.aaaaaaa"]
    assert proposed["Job Title"] == "title" and "Title" not in proposed
    assert "helena" not in json.dumps([header, shapes, proposed]).lower()


def test_an_unavailable_reviewer_leaves_the_proposal_as_it_was() -> None:
    plain = suggest_manifest(OUTLOOK.encode())
    failed = suggest_manifest(OUTLOOK.encode(), reviewer=_Scripted(RapportError("down")))
    assert failed["columns"] == plain["columns"]
    assert failed["notes"] == ["not reviewed by the LLM: down"]


@pytest.mark.parametrize(("reply", "note"), [
    ('Sure! ```json\n{"columns": {"Notes": "account.industry"}}\n```',
     "reviewed by the LLM: Notes: account.industry"),
    ("I cannot help with that.", "not reviewed by the LLM: the model's answer is not a JSON"),
    ('{"columns": ["Notes"]}', "not reviewed by the LLM: the model's answer is not a JSON"),
])
def test_the_llm_reviews_through_the_gateway_and_never_sees_a_value(
        tmp_path: Path, reply: str, note: str) -> None:
    with scripted_server() as (base, script):
        script.replies.append((reply, 0))
        config = write_config(tmp_path / "llm.yaml", base)
        gateway = LiteLLMGateway(load_config(config), load_llm_settings(config=config))
        manifest = suggest_manifest(OUTLOOK.encode(), reviewer=LLMManifestReviewer(gateway))
    assert manifest["notes"][0].startswith(note)
    sent = json.dumps(script.requests[0]["messages"])
    assert "Job Title" in sent and "Aaaaaaaaaaa Aaaa" in sent  # a column and a shape
    for value in ("Helena", "helena@client.example", "Procurement", "Met in May", "91 000"):
        assert value not in sent


def test_line_breaks_in_a_header_or_the_models_answer_stay_in_comments() -> None:
    data = '"First Name","Notes\nentity: deal"\r\nAna,hello\r\n'
    reviewer = _Scripted({"Ghost\ncolumns: {x: email}": "email"})
    manifest = suggest_manifest(data.encode(), reviewer=reviewer)
    text = manifest_yaml(manifest)
    assert yaml.safe_load(text) == {"entity": "contact", "columns": {"First Name": "first_name"}}
    assert "#   Notes\n#   entity: deal\n" in text


def test_a_file_too_wide_for_a_prompt_is_not_sent(tmp_path: Path) -> None:
    header = ",".join(f"Col {i}" for i in range(501)) + "\r\n"
    row = ",".join("x" for _ in range(501)) + "\r\n"
    with scripted_server() as (base, script):
        config = write_config(tmp_path / "llm.yaml", base)
        gateway = LiteLLMGateway(load_config(config), load_llm_settings(config=config))
        manifest = suggest_manifest((header + row).encode(), max_columns=600,
                                    reviewer=LLMManifestReviewer(gateway))
    assert manifest["notes"][0].startswith("not reviewed by the LLM: not sent: ")
    assert script.requests == []

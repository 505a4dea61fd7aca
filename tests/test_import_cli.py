"""`rapport import ...` and `rapport member add` on the real engines."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from graph.evidence import EvidenceStore
from graph.imports import ImportService
from graph.store import GraphStore
from tests.evidence_fixtures import (  # noqa: F401
    FIXTURES,
    evidence,
    import_cli,
    pg_dsn,
    session_evidence,
    snapshot,
)

runner = CliRunner()


@pytest.fixture
def cli(store: GraphStore, evidence: EvidenceStore,  # noqa: F811
        monkeypatch: pytest.MonkeyPatch) -> typer.Typer:
    app: typer.Typer = import_cli(lambda: ImportService(store, evidence), monkeypatch)
    return app


def _run(app: typer.Typer, *args: str) -> Any:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, (result.output, result.exception)
    return result


def test_member_add_then_linkedin_import_dry_run_and_approve(cli: typer.Typer,
                                                            store: GraphStore) -> None:
    out = _run(cli, "member", "add", "Maria Member", "maria@rapport.example", "--title",
               "Broker", "--bu", "Residential").output
    assert "Maria Member <maria@rapport.example> added as mem_" in out
    out = _run(cli, "import", "linkedin", str(FIXTURES / "linkedin_Connections.csv"),
               "--as", "Maria Member", "--dry-run").output
    assert "Batch 1  linkedin  linkedin_Connections.csv  [staged]" in out
    assert "Contact         4 new, 0 updated, 0 unchanged" in out
    assert "Approve with: rapport import approve 1" in out
    assert store.read_cypher("MATCH (c:Contact) RETURN count(c) AS n")[0]["n"] == 0
    preview = json.loads(_run(cli, "import", "preview", "1", "--json").output)
    assert preview["status"] == "staged" and preview["nodes"]["Contact"]["new"] == 4
    out = _run(cli, "import", "approve", "1").output
    assert "[committed]" in out
    assert store.read_cypher("MATCH (c:Contact) RETURN count(c) AS n")[0]["n"] == 4
    status = _run(cli, "import", "status", "1").output
    assert "[committed]" in status and "approved" in status and "sha256" in status


def test_import_commits_without_dry_run_and_undo(cli: typer.Typer, store: GraphStore) -> None:
    before = snapshot(store)
    out = _run(cli, "import", "auto", str(FIXTURES / "hubspot_contacts.csv")).output
    assert "hubspot-contacts" in out and "[committed]" in out
    assert "Unmapped columns (kept on the raw rows): Favorite Color, Notes" in out
    assert "row 7: Email: not an email address: 'not-an-email'" in out
    again = _run(cli, "import", "hubspot-contacts", str(FIXTURES / "hubspot_contacts.csv"),
                 "--json").output
    assert json.loads(again)["already_imported"] is True
    undo = json.loads(_run(cli, "import", "undo", "1", "--json").output)
    assert undo["deleted_nodes"] == 5  # 3 contacts, 2 accounts
    assert snapshot(store) == before


def test_generic_with_mapping_and_profiles_listing(cli: typer.Typer) -> None:
    out = _run(cli, "import", "generic", str(FIXTURES / "generic_people.csv"), "--mapping",
               str(FIXTURES / "generic_people.yaml"), "--dry-run").output
    assert "Contact         3 new" in out and "row 5: Since:" in out
    listing = _run(cli, "import", "profiles").output
    assert "linkedin" in listing and "hubspot-deals" in listing and "vcard" in listing


def test_errors_are_rapport_errors(cli: typer.Typer, tmp_path: Path) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    result = runner.invoke(cli, ["import", "hubspot-contacts", str(empty)])
    assert result.exit_code != 0 and "the file is empty" in str(result.exception)
    result = runner.invoke(cli, ["import", "approve", "42"])
    assert "no import batch 42" in str(result.exception)


def test_documented_command_lines_through_the_real_cli(store: GraphStore,
                                                       evidence: EvidenceStore,  # noqa: F811
                                                       tmp_path: Path) -> None:
    server = getattr(store, "_server", None)
    if server is None or server.endpoint is None:
        pytest.skip("needs the embedded FalkorDB (not Neo4j) to attach a child process to")
    endpoint = server.endpoint
    env = {**os.environ,
           "RAPPORT_GRAPH_URI": f"falkordb://:{endpoint.password}@{endpoint.host}:"
                                f"{endpoint.port}",
           "RAPPORT_GRAPH_NAME": getattr(store, "graph_name", "test"),
           "RAPPORT_PG_DSN": pg_dsn(),
           "RAPPORT_DATA_DIR": str(tmp_path / "data")}
    script = ("import sys\nfrom api import cli, cli_imports\n"
              "if 'import' not in [g.name for g in cli.app.registered_groups]:\n"
              "    cli_imports.register(cli.app, cli._echo_json)\n"
              "sys.argv = ['rapport', *sys.argv[1:]]\ncli.main()\n")

    def rapport(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-c", script, *args], env=env, text=True,
                              capture_output=True, cwd=Path(__file__).parent.parent,
                              timeout=120, check=False)

    added = rapport("member", "add", "Maria Member", "maria@rapport.example")
    assert added.returncode == 0, added.stderr
    done = rapport("import", "linkedin", str(FIXTURES / "linkedin_Connections.csv"),
                   "--as", "maria@rapport.example", "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["status"] == "committed"
    assert store.read_cypher("MATCH (:Member)-[k:KNOWS]->(:Contact) RETURN count(k) AS n"
                             )[0]["n"] == 4
    bad = rapport("import", "vcard", str(FIXTURES / "hubspot_deals.csv"))
    assert bad.returncode == 1 and bad.stderr.startswith("rapport: error: ")
    assert len(bad.stderr.strip().splitlines()) == 1


def test_suggest_proposes_a_manifest_that_imports_a_file_with_odd_headers(
        cli: typer.Typer, store: GraphStore, tmp_path: Path) -> None:
    source = FIXTURES / "odd_headers.csv"
    printed = _run(cli, "import", "suggest", str(source)).output
    assert "Courriel: email" in printed and "Entreprise: company" in printed
    assert "format: '%d/%m/%Y'" in printed and "#   Couleur" in printed
    manifest = tmp_path / "odd.yaml"
    out = _run(cli, "import", "suggest", str(source), "--out", str(manifest)).output
    assert f"wrote {manifest}" in out and manifest.read_text(encoding="utf-8") == printed
    preview = json.loads(_run(cli, "import", "generic", str(source), "--mapping",
                              str(manifest), "--json").output)
    assert preview["status"] == "committed" and preview["rejected"] == 0
    assert preview["unmapped_columns"] == ["Couleur"]
    rows = store.read_cypher(
        "MATCH (c:Contact)-[:WORKS_AT]->(a:Account) RETURN c.name AS name, c.email AS email, "
        "c.phone AS phone, a.name AS company ORDER BY name")
    assert rows == [
        {"name": "Ana Lima", "email": "ana.lima@acme.pt", "phone": "+351912345678",
         "company": "Acme Lda"},
        {"name": "Bruno Costa", "email": "bruno@globex.example", "phone": "+442079460958",
         "company": "Globex"}]

"""Evidence-store fixtures: one embedded PostgreSQL per test session (shared by every test
module that imports these fixtures), emptied before each test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from graph.evidence import EvidenceStore, open_evidence
from graph.evidence.settings import load_evidence_settings
from graph.settings import load_settings
from graph.store import GraphStore

FIXTURES = Path(__file__).parent / "fixtures" / "imports"
_SHARED: dict[str, Any] = {}


def fixture_bytes(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


@pytest.fixture(scope="session")
def session_evidence(tmp_path_factory: pytest.TempPathFactory,
                     request: pytest.FixtureRequest) -> Iterator[EvidenceStore]:
    if "store" not in _SHARED:
        root = tmp_path_factory.mktemp("evidence")
        settings = load_settings(data_dir=root / "data")
        evidence = open_evidence(settings, load_evidence_settings(pg_dsn=None))
        _SHARED["store"] = evidence
        _SHARED["folder"] = root / "pg"
        request.addfinalizer(evidence.close)
    yield _SHARED["store"]


def emptied(evidence: EvidenceStore) -> EvidenceStore:
    """The evidence store with every table emptied (what earlier tests left is gone)."""
    with evidence._tx() as cur:
        cur.execute("TRUNCATE import_batch, audit, api_key, api_audit, evidence_chunk "
                    "RESTART IDENTITY CASCADE")
    return evidence


@pytest.fixture
def evidence(session_evidence: EvidenceStore) -> EvidenceStore:
    """The shared evidence store with every table emptied."""
    return emptied(session_evidence)


def pg_folder() -> Path:
    return Path(_SHARED["folder"])


def pg_dsn() -> str:
    """A DSN for the session's embedded PostgreSQL (its unix socket), as RAPPORT_PG_DSN."""
    return f"postgresql://postgres@/postgres?host={pg_folder() / 'run'}"


def snapshot(store: GraphStore) -> tuple[list[Any], list[Any]]:
    """Every node and relationship with its properties, sorted: to compare graph states."""
    nodes = store.read_cypher(
        "MATCH (n) RETURN labels(n) AS labels, n.id AS id, properties(n) AS props ORDER BY id")
    rels = store.read_cypher(
        "MATCH (a)-[r]->(b) RETURN a.id AS src, type(r) AS type, b.id AS dst, "
        "properties(r) AS props ORDER BY src, type, dst")
    return nodes, rels


def api_app(store: GraphStore, evidence: EvidenceStore, **api_overrides: Any) -> Any:
    """The whole API on the given stores (not closed by it); RAPPORT_API_* overrides."""
    from api.app import create_app
    from api.settings import load_api_settings

    # The encoder warm-up thread is off unless a test asks for it: /ready stays stable.
    api_overrides.setdefault("warm_encoder", False)
    return create_app(load_settings(), store=store, evidence=evidence,
                      api_settings=load_api_settings(**api_overrides))


def bearer(evidence: EvidenceStore, role: str, member: str | None = None) -> dict[str, str]:
    """The Authorization header of a real key of that role, issued for the test."""
    from api.auth.keys import KeyStore
    from api.auth.roles import Role

    token = KeyStore(evidence).create(Role(role), member_id=member, created_by="test").token
    return {"Authorization": f"Bearer {token}"}


def import_api(store: GraphStore, evidence: EvidenceStore) -> Any:
    """The API on the given stores (not closed by it), for import tests."""
    return api_app(store, evidence)


def import_cli(service: Any, monkeypatch: pytest.MonkeyPatch) -> Any:
    """A Typer app with the import commands, whose service is `service` (an ImportService
    or a factory of one)."""
    import json
    from contextlib import contextmanager

    import typer

    from api import cli_imports

    @contextmanager
    def open_service() -> Iterator[Any]:
        yield service() if callable(service) else service

    monkeypatch.setattr(cli_imports, "open_service", open_service)
    app = typer.Typer()

    @app.command()
    def version() -> None:  # a second command keeps `import` a sub-command
        typer.echo("0")

    cli_imports.register(app, lambda data: typer.echo(json.dumps(data, default=str)))
    return app

"""The evidence store (PostgreSQL): import batches, raw and rejected rows, batch changes,
the audit trail. `open_evidence(settings)` connects to RAPPORT_PG_DSN or starts the embedded
server in `data_dir.parent / "pg"`, then applies the migrations."""

from __future__ import annotations

from typing import Any

from graph.errors import ConfigError, EngineStartError
from graph.evidence.settings import EvidenceSettings, get_evidence_settings
from graph.evidence.store import (
    AuditEntry,
    BatchRecord,
    BatchSummary,
    Change,
    EvidenceStore,
    EvidenceUnavailable,
    RejectedRow,
    StagedRow,
)
from graph.settings import Settings

__all__ = ["AuditEntry", "BatchRecord", "BatchSummary", "Change", "EvidenceSettings",
           "EvidenceStore", "EvidenceUnavailable", "RejectedRow", "StagedRow", "open_evidence"]


def _connect(conninfo: str, what: str) -> Any:
    import psycopg

    try:
        return psycopg.connect(conninfo, connect_timeout=10)
    except psycopg.ProgrammingError as e:  # a DSN psycopg cannot even parse
        raise ConfigError(f"RAPPORT_PG_DSN: invalid DSN ({' '.join(str(e).split())})") from e
    except psycopg.OperationalError as e:
        message = " ".join(str(e).split()) or "connection failed"
        raise EvidenceUnavailable(f"cannot connect to PostgreSQL at {what}: {message}",
                                  hint="check RAPPORT_PG_DSN") from e


def open_evidence(settings: Settings, evidence: EvidenceSettings | None = None, *,
                  migrate: bool = True) -> EvidenceStore:
    """Connect to (or, embedded, start) PostgreSQL and apply the migrations."""
    evidence = evidence or get_evidence_settings()
    if evidence.pg_dsn is not None:
        dsn = evidence.pg_dsn.get_secret_value()
        if not dsn.startswith(("postgresql://", "postgres://")) and "=" not in dsn:
            raise ConfigError(f"RAPPORT_PG_DSN: not a PostgreSQL DSN: {dsn[:40]!r}")
        from urllib.parse import urlsplit

        where = urlsplit(dsn).hostname or "the configured server"
        store = EvidenceStore(_connect(dsn, where), location=f"postgresql://{where}")
    else:
        from graph.evidence.embedded import EmbeddedPostgres

        server = EmbeddedPostgres(settings.data_dir.expanduser().resolve().parent / "pg")
        endpoint = server.start()
        try:
            conn = _connect(endpoint.conninfo, str(server.folder))
        except BaseException as e:
            server.stop()
            if isinstance(e, EvidenceUnavailable):
                raise EngineStartError(e.message, hint=f"see {server.folder}") from e
            raise
        store = EvidenceStore(conn, location=str(server.folder), on_close=server.stop)
    if migrate:
        try:
            store.migrate()
        except BaseException:
            store.close()
            raise
    return store

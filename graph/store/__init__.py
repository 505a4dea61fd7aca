"""Graph store adapters and `open_store()`, which picks one from the settings."""

from __future__ import annotations

from urllib.parse import urlsplit

from graph.settings import Settings
from graph.store.base import GraphStore, Row, to_param

__all__ = ["GraphStore", "Row", "open_store", "to_param"]


def open_store(settings: Settings, *, apply_schema: bool = True) -> GraphStore:
    """Connect to (or, embedded, start) the configured engine and ensure the schema."""
    store = _open(settings)
    if apply_schema:
        try:
            store.apply_schema()
        except BaseException:
            store.close()
            raise
    return store


def _open(settings: Settings) -> GraphStore:
    password = settings.graph_password.get_secret_value() if settings.graph_password else None
    if settings.is_embedded:
        return _open_embedded(settings)
    if settings.engine == "falkordb":
        from graph.store.falkordb import FalkorDBStore

        parts = urlsplit(settings.graph_uri)
        return FalkorDBStore(host=parts.hostname or "127.0.0.1", port=parts.port or 6379,
                             graph_name=settings.graph_name,
                             password=parts.password or password,
                             timeout_s=settings.query_timeout_s)
    from graph.store.neo4j import Neo4jStore

    return Neo4jStore(uri=settings.graph_uri, user=settings.graph_user, password=password,
                      database=settings.graph_database, timeout_s=settings.query_timeout_s)


def _open_embedded(settings: Settings) -> GraphStore:
    from graph.store.embedded import EmbeddedFalkorDB
    from graph.store.falkordb import FalkorDBStore

    server = EmbeddedFalkorDB(settings.data_dir, port=settings.falkordb_port)
    endpoint = server.start()
    try:
        return FalkorDBStore(host=endpoint.host, port=endpoint.port,
                             graph_name=settings.graph_name, password=endpoint.password,
                             timeout_s=settings.query_timeout_s, server=server)
    except BaseException:
        server.stop()
        raise

"""The FastAPI application: `create_app()` wires settings, store lifespans, the request
middleware (ids, limits, logs, audit), the permission policy, routes and errors."""

from __future__ import annotations

import logging
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from anyio import to_thread
from fastapi import FastAPI

from api import errors
from api.auth.ratelimit import SharedRateLimiter
from api.deps import open_evidence_of
from api.middleware import ApiMiddleware, LimitFor
from api.policy import AUTH
from api.problems import AUTH_RESPONSES
from api.routes import (
    accounts,
    admin,
    ask,
    entities,
    health,
    imports,
    intros,
    merge,
    oracle,
    relationships,
    scores,
    search,
    stats,
)
from api.settings import ApiSettings, get_api_settings
from graph.errors import RapportError
from graph.evidence import EvidenceStore, open_evidence
from graph.evidence.settings import get_evidence_settings
from graph.settings import Settings, get_settings
from graph.store import GraphStore, open_store

_log = logging.getLogger("rapport.api")


def _body_limits(api: ApiSettings) -> LimitFor:
    def limit_for(method: str, path: str) -> int:
        if method == "POST" and path.rstrip("/") == "/v1/imports":
            return int(get_evidence_settings().import_max_upload_mb * 1024 * 1024)
        return api.max_body_kb * 1024

    return limit_for


def _mount_mcp(app: FastAPI) -> None:
    """The MCP tools at /mcp/ (streamable HTTP, stateless, JSON answers). Each request
    brings its bearer key, checked per tool call like any route."""
    from mcp.server.transport_security import TransportSecuritySettings

    from api.mcp_server.server import McpRuntime, build_server

    runtime = McpRuntime(lambda: (app.state.store, app.state.evidence), app.state.limiter,
                         state=app.state)
    app.state.mcp = build_server(runtime)
    # Host-header checks guard cookie-less local servers against DNS rebinding; every call
    # here needs a bearer key a rebinding page cannot have, and the host is configurable.
    security = TransportSecuritySettings(enable_dns_rebinding_protection=False)
    app.mount("/mcp", app.state.mcp.streamable_http_app(
        streamable_http_path="/", stateless_http=True, json_response=True,
        transport_security=security))


def _warm_encoder(app: FastAPI) -> None:
    """Load the query encoder on a daemon thread: loading the model (and, the first time,
    exporting it to ONNX) takes seconds, which the first search or ask would otherwise wait
    for. `/ready` reports "not-loaded" until it is there."""
    app.state.encoder = None

    def load() -> None:
        from embeddings.quick_encoder import get_query_encoder

        try:
            encoder = get_query_encoder()
            encoder.encode(["warm-up"])
        except RapportError as e:  # e.g. the embeddings extra is not installed
            _log.warning("encoder not loaded: %s", e)
            return
        app.state.encoder = encoder

    threading.Thread(target=load, name="rapport-warm-encoder", daemon=True).start()


def create_app(settings: Settings | None = None, store: GraphStore | None = None, *,
               evidence: EvidenceStore | None = None,
               api_settings: ApiSettings | None = None) -> FastAPI:
    """Build the app; a given `store` / `evidence` is used as is (and not closed), else
    one is opened at startup and closed at shutdown."""
    api = api_settings or get_api_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # Opened here, on the main thread: the embedded engines' parent-death signal is
        # bound to the thread that starts them.
        owns_store, owns_evidence = store is None, evidence is None
        app.state.store = store or open_store(settings or get_settings())
        app.state.evidence = evidence or open_evidence(settings or get_settings())
        if api.warm_encoder:
            _warm_encoder(app)
        # Sync routes run on anyio's thread pool (40 threads by default); fewer threads
        # contend less for the GIL and are served first come, first served (docs/api.md).
        to_thread.current_default_thread_limiter().total_tokens = api.threads
        try:
            async with app.state.mcp.session_manager.run():  # mounted apps get no lifespan
                yield
        finally:
            if owns_store:
                app.state.store.close()
            if owns_evidence:
                app.state.evidence.close()
            app.state.store = app.state.evidence = None

    app = FastAPI(title="Rapport", version="0.1.0", lifespan=lifespan,
                  description="Relationship intelligence over a graph: warm intros, "
                  "account health, the Oracle view. Every /v1 route needs a bearer API key "
                  "(`rapport keys create --role viewer|seller|admin|agent`).")
    app.state.api_settings = api
    # Given stores serve at once, also in a client that never runs the lifespan.
    app.state.store, app.state.evidence = store, evidence
    # In PostgreSQL: the workers of `rapport serve --workers N` share each key's allowance.
    app.state.limiter = SharedRateLimiter(api, lambda: open_evidence_of(app.state))
    app.add_middleware(ApiMiddleware, limit_for=_body_limits(api))
    errors.install(app)
    app.include_router(health.router)
    _mount_mcp(app)
    for router in (stats.router, intros.router, relationships.router, imports.router,
                   merge.router, scores.router, oracle.router, ask.router, search.router,
                   accounts.router, *entities.ROUTERS, admin.keys_router, admin.audit_router):
        app.include_router(router, dependencies=AUTH, responses=AUTH_RESPONSES)
    return app

"""The FastAPI application: `create_app()` wires settings, store lifespan, routes, errors."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from api import errors
from api.routes import ask, health, imports, intros, merge, relationships, search, stats
from graph.settings import Settings, get_settings
from graph.store import GraphStore, open_store


def create_app(settings: Settings | None = None, store: GraphStore | None = None) -> FastAPI:
    """Build the app; a given `store` is used as is (and not closed), else one is opened."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # Opened here, on the main thread: the embedded engine's parent-death signal is
        # bound to the thread that starts it.
        owned = store is None
        app.state.store = store or open_store(settings or get_settings())
        try:
            yield
        finally:
            if owned:
                app.state.store.close()
            app.state.store = None

    app = FastAPI(title="Rapport", version="0.1.0", lifespan=lifespan,
                  description="Relationship intelligence over a graph: warm intros, "
                  "account health, the Oracle view.")
    errors.install(app)
    app.include_router(health.router)
    app.include_router(stats.router)
    app.include_router(intros.router)
    app.include_router(relationships.router)
    app.include_router(imports.router)
    app.include_router(merge.router)
    app.include_router(ask.router)
    app.include_router(search.router)
    return app

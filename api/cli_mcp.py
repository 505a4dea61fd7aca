"""`rapport mcp`: the agent tools over stdio (Model Context Protocol)."""

from __future__ import annotations

from typing import Annotated

import typer


def register(app: typer.Typer) -> None:
    @app.command("mcp")
    def mcp_command(key: Annotated[str | None, typer.Option(
            envvar="RAPPORT_API_KEY", show_default=False,
            help="API key the tools run as (its role, rate limit and audit apply).")] = None,
    ) -> None:
        """Serve the MCP tools over stdio; stdout carries the protocol, logs go to stderr."""
        from types import SimpleNamespace

        from api.auth.keys import KeyStore
        from api.auth.ratelimit import SharedRateLimiter
        from api.mcp_server.server import McpRuntime, build_server
        from api.settings import get_api_settings
        from graph.errors import Unauthorized
        from graph.evidence import open_evidence
        from graph.settings import get_settings
        from graph.store import open_store

        if not key:
            raise Unauthorized("no API key", hint="rapport mcp --key rk_... (or RAPPORT_API_KEY)")
        settings = get_settings()
        store = open_store(settings)
        try:
            evidence = open_evidence(settings)
            try:
                KeyStore(evidence).verify(key)  # a bad key fails here, in one line
                limiter = SharedRateLimiter(get_api_settings(), lambda: evidence)
                runtime = McpRuntime(lambda: (store, evidence), limiter, token=key,
                                     state=SimpleNamespace(evidence=evidence))
                build_server(runtime).run("stdio")
            finally:
                evidence.close()
        finally:
            store.close()

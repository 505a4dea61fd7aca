"""`rapport serve`: the HTTP API under uvicorn, in one process or several workers.

With `--workers N` this process opens the embedded engines first and owns them for the
whole run (they stop with it); each worker process builds the app with `served_app()` and
attaches to the same engines, as a CLI next to `rapport serve` does, on its own
SO_REUSEPORT socket (`api.serve_workers`). Rate limits live in PostgreSQL, so the workers
share each key's allowance.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Annotated

import typer

from graph.settings import get_settings

if TYPE_CHECKING:  # the CLI's other commands should not pay for importing FastAPI
    from fastapi import FastAPI


def _configure_logging(json_logs: bool) -> None:
    if not json_logs:
        return
    from api.middleware import json_log_handler

    logger = logging.getLogger("rapport")
    if not logger.handlers:  # a worker re-imports: one handler per process
        logger.addHandler(json_log_handler())
    logger.setLevel(logging.INFO)


def served_app() -> FastAPI:
    """The app as `rapport serve` runs it (uvicorn's factory in each worker process)."""
    from api.app import create_app
    from api.settings import get_api_settings

    _configure_logging(get_api_settings().json_logs)
    return create_app(get_settings())


def _run_workers(host: str, port: int, workers: int, json_logs: bool) -> None:
    from api.serve_workers import REUSEPORT, Supervisor
    from graph.evidence import open_evidence
    from graph.store import open_store

    settings = get_settings()
    store = open_store(settings)
    try:
        evidence = open_evidence(settings)
        try:
            if REUSEPORT:
                Supervisor(host, port, workers, access_log=not json_logs).run()
            else:  # no SO_REUSEPORT (Windows): uvicorn's workers on one shared socket
                import uvicorn

                uvicorn.run("api.cli_serve:served_app", factory=True, workers=workers,
                            host=host, port=port, log_level="info", access_log=not json_logs)
        finally:
            evidence.close()
    finally:
        store.close()


def register(app: typer.Typer) -> None:
    @app.command()
    def serve(
        host: Annotated[str | None, typer.Option(help="Bind address (default 127.0.0.1).")] = None,
        port: Annotated[int | None, typer.Option(help="Port (default 8000).")] = None,
        workers: Annotated[int | None, typer.Option(
            min=1, max=64, help="Worker processes (default RAPPORT_API_WORKERS, 1); more "
            "use more cores.")] = None,
    ) -> None:
        """Start the HTTP API (OpenAPI at /openapi.json)."""
        import uvicorn

        from api.settings import get_api_settings

        settings, api = get_settings(), get_api_settings()
        bind, listen = host or settings.api_host, port or settings.api_port
        count = workers or api.workers
        # With JSON logs, the middleware's line per request replaces uvicorn's access line.
        if count > 1:
            _run_workers(bind, listen, count, api.json_logs)
            return
        uvicorn.run(served_app(), host=bind, port=listen, log_level="info",
                    access_log=not api.json_logs)

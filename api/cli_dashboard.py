"""`rapport dashboard`: the Streamlit dashboards (dashboards/app.py) on the HTTP API."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Annotated

import typer

from graph.errors import ConfigError

# One theme for every page (Streamlit reads it from flags as well as from a config file).
THEME = {"primaryColor": "#2563eb", "backgroundColor": "#ffffff",
         "secondaryBackgroundColor": "#f1f5f9", "textColor": "#0f172a", "font": "sans serif"}


def streamlit_command(port: int, address: str) -> list[str]:
    import dashboards

    app_path = Path(dashboards.__file__).with_name("app.py")
    theme = [f"--theme.{k}={v}" for k, v in THEME.items()]
    return [sys.executable, "-m", "streamlit", "run", str(app_path), "--server.headless=true",
            f"--server.port={port}", f"--server.address={address}",
            "--browser.gatherUsageStats=false", *theme]


def register(app: typer.Typer) -> None:
    @app.command()
    def dashboard(
        port: Annotated[int | None, typer.Option(help="Port (RAPPORT_DASHBOARD_PORT).")] = None,
        host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
        print_command: Annotated[bool, typer.Option(
            "--print-command", help="Print the Streamlit command instead of running it.")] = False,
    ) -> None:
        """Run the dashboards; they read the API at RAPPORT_DASHBOARD_API_URL with the key in
        RAPPORT_DASHBOARD_API_KEY (`rapport keys create --role admin`)."""
        from dashboards.settings import load_dashboard_settings

        settings = load_dashboard_settings()
        if not settings.api_key:
            raise ConfigError("RAPPORT_DASHBOARD_API_KEY is not set: create a key with "
                              "`rapport keys create --role admin --label dashboard`")
        command = streamlit_command(port or settings.port, host)
        if print_command:
            typer.echo(" ".join(command))
            return
        typer.echo(f"Dashboards on http://{host}:{port or settings.port} "
                   f"(API {settings.api_url})")
        raise typer.Exit(subprocess.call(command, env=os.environ.copy()))

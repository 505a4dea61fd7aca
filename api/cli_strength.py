"""`rapport rescore` and `rapport relationships`: relationship strength on the terminal."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Annotated, Any

import typer

from api.cli_options import day_start, parse_day


def as_of_time(text: str | None) -> datetime:
    """--as-of YYYY-MM-DD (midnight UTC) or now."""
    return datetime.now(UTC) if text is None else day_start(parse_day(text))


AsOf = Annotated[str | None, typer.Option(
    "--as-of", help="Score as of this date (YYYY-MM-DD, default now).")]
JsonFlag = Annotated[bool, typer.Option("--json", help="Print JSON.")]


def register(app: typer.Typer, json_echo: Callable[[Any], None]) -> None:
    """Add the commands to the main app (json_echo prints a JSON document)."""

    @app.command()
    def rescore(as_of: AsOf = None, as_json: JsonFlag = False) -> None:
        """Recompute the strength of every knows-relationship from its evidence."""
        from api.cli import open_configured_store, progress_bar
        from intel.strength import get_strength_settings
        from intel.strength import rescore as run_rescore

        with open_configured_store() as store, progress_bar(0, "row") as bar:
            report = run_rescore(store, get_strength_settings(), as_of_time(as_of),
                                 progress=lambda step, done, total: bar(step, 0))
        if as_json:
            json_echo(report.model_dump(mode="json"))
            return
        bands = ", ".join(f"{n:,} {band}" for band, n in report.bands.items())
        typer.echo(f"Scored {report.pairs_scored:,} relationships in {report.seconds:.1f} s "
                   f"({bands}); {report.ties_created:,} new ties from shared interactions.")

    @app.command()
    def relationships(
        person: Annotated[str, typer.Argument(help="Contact or member id.")],
        limit: Annotated[int, typer.Option(help="How many (default 10).")] = 10,
        other: Annotated[str | None, typer.Option(
            "--with", help="Explain the tie with this person instead of listing.")] = None,
        as_of: AsOf = None,
        as_json: JsonFlag = False,
    ) -> None:
        """A person's strongest relationships, or why one tie scores what it does."""
        from api.cli import open_configured_store
        from intel.strength import (
            explain_relationship,
            get_strength_settings,
            strongest_relationships,
        )

        with open_configured_store() as store:
            if other is not None:
                found: Any = explain_relationship(store, person, other, get_strength_settings(),
                                                  as_of_time(as_of))
            else:
                found = strongest_relationships(store, person, limit=limit)
        if as_json:
            json_echo(found.model_dump(mode="json") if other else
                      [r.model_dump(mode="json") for r in found])
        elif other is not None:
            typer.echo(f"{person} - {other}: {found.score:.0f} ({found.band}), trend "
                       f"{found.trend.direction}")
            for driver in found.drivers:
                typer.echo(f"  {driver.name:<18}{driver.contribution:>7.1f}  {driver.detail}")
        else:
            for r in found:
                score = f"{r.score:.0f} {r.band}" if r.score is not None else "not scored"
                typer.echo(f"  {r.name or r.id:<28}{(r.company or '')[:24]:<26}{score}")

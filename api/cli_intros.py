"""`rapport intro` and `rapport coverage`: warm paths and account coverage on the terminal."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any, Literal

import typer

from intel.intros.coverage import Coverage
from intel.intros.models import IntroResult


def _print_intro(result: IntroResult) -> None:
    origin = result.from_member.name if result.from_member else "the team"
    typer.echo(f"Warm paths to {result.target} from {origin} "
               f"(k={result.k}, up to {result.max_hops} hops)")
    for path in result.paths:
        chain = " -> ".join(p.name for p in path.people)
        role = f"  [{path.target_role}]" if path.target_role else ""
        typer.echo(f"\n{path.rank}. {chain}   score {path.score:.3f}{role}")
        for step in path.steps:
            typer.echo(f"   - {step.explanation}")
    if result.no_path:
        typer.echo(f"\n{result.no_path.message}")
    if result.teammates:
        known = ", ".join(f"{t.member.name} knows {t.target.name} ({t.strength:.0f})"
                          for t in result.teammates)
        typer.echo(f"\nAsk a teammate: {known}")
    for warning in result.warnings:
        typer.echo(f"\nWarning: {warning}")
    if result.suggested_owner and result.from_member is None:
        typer.echo(f"\nSuggested owner of this intro: {result.suggested_owner.name}")
    if result.draft:
        typer.echo("\nDraft request for the top path:\n")
        typer.echo("   " + result.draft.replace("\n", "\n   "))


def _print_coverage(result: Coverage) -> None:
    typer.echo(f"{result.account}: the team knows {result.known} of {result.people} people, "
               f"{result.key_known} of {result.key_people} key people")
    if result.key_unknown:
        typer.echo(f"Key people nobody knows: {', '.join(result.key_unknown)}")
    for person in result.detail:
        mark = "*" if person.key else " "
        best = "-"
        if person.best:
            strength = person.best.strength
            best = person.best.member + (f" ({strength:.0f}, {person.band})"
                                         if strength is not None else " (not scored yet)")
        typer.echo(f" {mark} {person.name:<28}{(person.title or '')[:28]:<30}{best}")


def register(app: typer.Typer, json_echo: Callable[[Any], None]) -> None:
    """Add the commands to the main app (json_echo prints a JSON document)."""

    @app.command()
    def intro(
        to: Annotated[str | None, typer.Option(help="Target person: id, email or name.")] = None,
        to_account: Annotated[str | None, typer.Option(
            "--to-account", help="Target account: id, domain or name.")] = None,
        from_member: Annotated[str | None, typer.Option(
            "--from", help="Start from this member (id, email, name); default: the team.")
        ] = None,
        k: Annotated[int | None, typer.Option(help="How many paths (default 3).")] = None,
        max_hops: Annotated[int | None, typer.Option(help="Longest path (default 3).")] = None,
        diversity: Annotated[str, typer.Option(
            help="'introducer' (one path per introducer) or 'none'.")] = "introducer",
        include_former: Annotated[bool, typer.Option(
            "--include-former", help="Also target people who left the account.")] = False,
        as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    ) -> None:
        """Who can introduce you (or the team) to a person or an account."""
        from api.cli import open_configured_store
        from intel.intros import IntroFinder, IntroRequest, get_intro_settings

        mode: Literal["introducer", "none"] = "none" if diversity == "none" else "introducer"
        request = IntroRequest(to=to, to_account=to_account, from_member=from_member, k=k,
                               max_hops=max_hops, diversity=mode, include_former=include_former)
        with open_configured_store() as store:
            result = IntroFinder(store, get_intro_settings()).find(request)
        if as_json:
            json_echo(result.model_dump(mode="json"))
        else:
            _print_intro(result)

    @app.command()
    def coverage(
        account: Annotated[str, typer.Argument(help="Account id, domain or name.")],
        as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    ) -> None:
        """Who at an account the team knows, key people first."""
        from api.cli import open_configured_store
        from intel.intros.coverage import account_coverage

        with open_configured_store() as store:
            result = account_coverage(store, account)
        if as_json:
            json_echo(result.model_dump(mode="json"))
        else:
            _print_coverage(result)

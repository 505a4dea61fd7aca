"""`rapport deal stage|owner|history`: gated stage changes, owner changes, stage history."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Annotated, Any

import typer

from api.cli_options import parse_day
from graph.pipeline import StageService

DealId = Annotated[str, typer.Argument(help="Deal id.")]
JsonFlag = Annotated[bool, typer.Option("--json", help="Print JSON.")]
By = Annotated[str | None, typer.Option("--by", help="Who makes the change (member id).")]


@contextmanager
def open_stage_service() -> Iterator[StageService]:
    """A StageService on the configured graph and evidence store (closed afterwards)."""
    from api.cli import open_configured_store
    from graph.evidence import open_evidence
    from graph.pipeline import get_pipeline_settings
    from graph.settings import get_settings

    with open_configured_store() as store:
        evidence = open_evidence(get_settings())
        try:
            yield StageService(store, evidence, get_pipeline_settings())
        finally:
            evidence.close()


def register(app: typer.Typer, json_echo: Callable[[Any], None]) -> None:
    deal_app = typer.Typer(no_args_is_help=True, help="Move deals through the pipeline.")

    @deal_app.command("stage")
    def stage(
        deal_id: DealId,
        to: Annotated[str, typer.Argument(help="Target stage, e.g. 03-QUALIFIED.")],
        by: By = None,
        loss_reason: Annotated[str | None, typer.Option(help="Why it was lost.")] = None,
        amount: Annotated[float | None, typer.Option(help="Set the amount.")] = None,
        expected_close: Annotated[str | None, typer.Option(
            help="Set the expected close date (YYYY-MM-DD).")] = None,
        next_step: Annotated[str | None, typer.Option(help="Set the next step.")] = None,
        as_json: JsonFlag = False,
    ) -> None:
        """Move a deal to a stage; refused with every rule it breaks."""
        from graph.pipeline import StageMove

        move = StageMove.model_validate({
            "stage": to, "by": by, "loss_reason": loss_reason, "amount": amount,
            "expected_close": parse_day(expected_close, "--expected-close")
            if expected_close else None, "next_step": next_step})
        with open_stage_service() as service:
            result = service.move(deal_id, move, actor="cli")
        if as_json:
            json_echo(result.model_dump(mode="json"))
            return
        typer.echo(f"{deal_id}: {result.from_stage.value} -> {result.to_stage.value} after "
                   f"{result.days_in_previous_stage:.1f} days (probability "
                   f"{result.probability:.0%}); audited.")

    @deal_app.command("owner")
    def owner(deal_id: DealId,
              member: Annotated[str, typer.Argument(help="Id of the new owner.")],
              by: By = None, as_json: JsonFlag = False) -> None:
        """Give a deal to another member; audited."""
        with open_stage_service() as service:
            result = service.change_owner(deal_id, member, by=by, actor="cli")
        if as_json:
            json_echo(result.model_dump(mode="json"))
            return
        typer.echo(f"{deal_id}: owner {', '.join(result.previous) or 'none'} -> {member}; "
                   "audited.")

    @deal_app.command("history")
    def history(deal_id: DealId, as_json: JsonFlag = False) -> None:
        """A deal's stage history with the days spent in each stage."""
        with open_stage_service() as service:
            result = service.history(deal_id)
        if as_json:
            json_echo(result.model_dump(mode="json"))
            return
        for s in result.steps:
            src = s.from_stage.value if s.from_stage else "(created)"
            days = "" if s.days_in_stage is None else f" after {s.days_in_stage:.1f} days"
            typer.echo(f"{s.at:%Y-%m-%d} {src} -> {s.to_stage.value}{days} by {s.by or '?'}")
        if result.days_in_current_stage is not None:
            typer.echo(f"In {result.stage.value} for {result.days_in_current_stage:.1f} days.")

    app.add_typer(deal_app, name="deal")

"""`rapport score`, `pipeline`, `forecast`, `alerts`, `winloss`: scores and the Oracle."""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any

import typer

from api.cli_options import parse_day
from api.cli_strength import AsOf, JsonFlag, as_of_time
from graph.errors import InvalidInput

if TYPE_CHECKING:
    from intel.oracle import Oracle
    from intel.scores import AccountHealth, DealScore, ScoreBoard, Scorer
    from intel.strength import Driver


class ScoreKind(StrEnum):
    account = "account"
    deal = "deal"
    all = "all"


def make_oracle(store: Any) -> Oracle:
    from graph.pipeline import get_pipeline_settings
    from intel.oracle import Oracle, get_oracle_settings
    from intel.scores import get_score_settings

    return Oracle(store, get_oracle_settings(), get_score_settings(), get_pipeline_settings())


def _drivers(drivers: list[Driver]) -> None:
    for d in drivers:
        typer.echo(f"  {d.name:<26}{d.contribution:>7.1f}  {d.detail}")


def _print_deal(s: DealScore) -> None:
    typer.echo(f"{s.name} ({s.deal_id}) {s.stage.value}: win probability {s.score:.0f}% "
               f"(stage baseline {s.stage_probability:.0%}, {s.model} model), trend "
               f"{s.trend.direction}{'' if s.trend.change is None else f' {s.trend.change:+.1f}'}")
    _drivers(s.drivers)


def _print_account(h: AccountHealth) -> None:
    typer.echo(f"{h.name} ({h.account_id}) {h.stage}: health {h.score:.0f}, trend "
               f"{h.trend.direction}; churn risk {h.churn_risk:.0f}")
    _drivers(h.drivers)
    if h.icp is not None:
        typer.echo(f"ICP fit {h.icp.score:.0f}:")
        _drivers(h.icp.drivers)
    for flag in h.risk_flags:
        typer.echo(f"  ! {flag.code}: {flag.reason}")
    for act in h.next_actions:
        typer.echo(f"  -> {act.action}: {act.evidence}")


def _money(value: float) -> str:
    return f"{value:>16,.0f}"


def register(app: typer.Typer, json_echo: Callable[[Any], None]) -> None:
    """Add the commands to the main app (json_echo prints a JSON document)."""

    @app.command()
    def score(
        kind: Annotated[ScoreKind, typer.Argument(help="account, deal, or all")],
        entity_id: Annotated[str | None, typer.Argument(
            metavar="[ID]", help="Account or deal id (none for all).")] = None,
        as_of: AsOf = None, as_json: JsonFlag = False,
    ) -> None:
        """An account's health (with next actions) or a deal's win probability; `all`
        scores every account and open deal and stores the numbers in the graph."""
        from api.cli import open_configured_store

        if (kind == ScoreKind.all) != (entity_id is None):
            raise InvalidInput("rapport score account|deal ID, or rapport score all")
        with open_configured_store() as store:
            oracle, when = make_oracle(store), as_of_time(as_of)
            if kind == ScoreKind.all:
                found: Any = _scorer(oracle).rescore(when)
            elif kind == ScoreKind.account:
                found = oracle.account_outlook(str(entity_id), when)
            else:
                found = _scorer(oracle).deal(str(entity_id), when)
        if as_json:
            json_echo(found.model_dump(mode="json"))
        elif kind == ScoreKind.all:
            _print_board(found)
        elif kind == ScoreKind.account:
            _print_account(found)
        else:
            _print_deal(found)

    @app.command()
    def pipeline(as_of: AsOf = None, as_json: JsonFlag = False) -> None:
        """Open deals by stage: count, amount, expected value (stage and model), stuck."""
        from api.cli import open_configured_store

        with open_configured_store() as store:
            view = make_oracle(store).pipeline_view(as_of_time(as_of))
        if as_json:
            json_echo(view.model_dump(mode="json"))
            return
        typer.echo(f"{'stage':<20}{'deals':>6}{'amount':>17}{'expected':>17}{'model':>17}"
                   f"{'stuck':>6}  ({view.currency})")
        for r in view.stages:
            typer.echo(f"{r.stage.value:<20}{r.deals:>6}{_money(r.amount)} "
                       f"{_money(r.expected)} {_money(r.expected_model)}{r.stuck:>6}")
        typer.echo(f"{'total':<20}{view.open_deals:>6}{_money(view.amount)} "
                   f"{_money(view.expected)} {_money(view.expected_model)}")

    @app.command()
    def forecast(as_of: AsOf = None, as_json: JsonFlag = False) -> None:
        """Expected revenue by month and quarter; commit / best case / pipeline vs a month
        ago."""
        from api.cli import open_configured_store

        with open_configured_store() as store:
            result = make_oracle(store).forecast(as_of_time(as_of))
        if as_json:
            json_echo(result.model_dump(mode="json"))
            return
        typer.echo(f"{'period':<10}{'deals':>6}{'expected':>17}{'model':>17}{'won':>17}"
                   f"  ({result.currency})")
        for p in [*result.months, *result.quarters]:
            typer.echo(f"{p.label:<10}{p.deals:>6}{_money(p.expected)} "
                       f"{_money(p.expected_model)} {_money(p.won)}")
        for name in ("commit", "best_case", "pipeline", "expected"):
            now, delta = getattr(result.totals, name), getattr(result.delta, name)
            typer.echo(f"{name:<10}{_money(now)}  ({delta:+,.0f} vs a month ago)")

    @app.command()
    def alerts(
        kind: Annotated[str | None, typer.Option(help="Only this kind of alert.")] = None,
        as_of: AsOf = None, as_json: JsonFlag = False,
    ) -> None:
        """Stuck deals, missing next steps, unowned accounts, single-threaded key accounts,
        silent decision makers, properties reserved too long."""
        from typing import get_args

        from api.cli import open_configured_store
        from intel.oracle.models import AlertKind

        if kind is not None and kind not in get_args(AlertKind):
            raise InvalidInput(f"--kind {kind!r}: expected one of {', '.join(get_args(AlertKind))}")
        with open_configured_store() as store:
            found = make_oracle(store).alerts(as_of_time(as_of))
        chosen = [a for a in found.alerts if kind is None or a.kind == kind]
        if as_json:
            json_echo([a.model_dump(mode="json") for a in chosen])
            return
        for a in chosen:
            typer.echo(f"[{a.severity}] {a.kind}: {a.subject_name} ({a.subject_id}): "
                       f"{a.message}")
        typer.echo(f"{len(chosen)} alerts")

    @app.command()
    def winloss(
        since: Annotated[str | None, typer.Option(help="Deals closed on or after (YYYY-MM-DD).")
                         ] = None,
        as_json: JsonFlag = False,
    ) -> None:
        """Win/loss by loss reason, owner, stage of loss and deal size."""
        from api.cli import open_configured_store

        day = parse_day(since, "--since") if since else None
        with open_configured_store() as store:
            result = make_oracle(store).win_loss(day)
        if as_json:
            json_echo(result.model_dump(mode="json"))
            return
        typer.echo(f"{result.closed} closed: {result.won} won, {result.lost} lost")
        for title, buckets in (("loss reason", result.by_loss_reason),
                               ("owner", result.by_owner),
                               ("stage lost", result.by_stage_lost),
                               ("size", result.by_size)):
            typer.echo(f"By {title}:")
            for b in buckets:
                rate = "" if b.win_rate is None else f"  win rate {b.win_rate:.0%}"
                typer.echo(f"  {b.key:<28}{b.won:>5} won{b.lost:>5} lost{rate}")


def _scorer(oracle: Oracle) -> Scorer:
    from intel.scores import Scorer

    return Scorer(oracle.store, oracle.scores, oracle.pipeline)


def _print_board(board: ScoreBoard) -> None:
    typer.echo(f"Scored {len(board.accounts)} accounts and {len(board.deals)} open deals in "
               f"{board.seconds:.1f} s ({board.model} model, {board.training_deals} training "
               "deals); stored on the graph.")
    risky = sorted(board.accounts, key=lambda a: -a.churn_risk)[:5]
    for a in risky:
        typer.echo(f"  churn risk {a.churn_risk:>5.1f}  health {a.score:>5.1f}  {a.name} "
                   f"({a.account_id}, {a.stage})")

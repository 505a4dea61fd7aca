"""The `rapport` command line. Human text by default, JSON with --json.

Every RapportError ends the command with one line naming the problem (and the setting to
change) on stderr and exit status 1, never a traceback.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Annotated, Any

import typer
from pydantic import ValidationError

from api import (
    cli_ask,
    cli_dashboard,
    cli_imports,
    cli_intros,
    cli_keys,
    cli_mcp,
    cli_merge,
    cli_pipeline,
    cli_scores,
    cli_search,
    cli_serve,
    cli_strength,
)
from api.cli_options import day_start, parse_day
from graph.errors import RapportError
from graph.settings import Settings, get_settings
from graph.store import GraphStore, open_store

if TYPE_CHECKING:
    from intel.strength import RescoreReport

app = typer.Typer(name="rapport", no_args_is_help=True, add_completion=False,
                  pretty_exceptions_enable=False,
                  help="Rapport: relationship intelligence over a graph.")

JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")]


@contextmanager
def _store(settings: Settings) -> Iterator[GraphStore]:
    store = open_store(settings)
    try:
        yield store
    finally:
        store.close()


def open_configured_store() -> AbstractContextManager[GraphStore]:
    return _store(get_settings())


def _echo_json(data: Any) -> None:
    typer.echo(json.dumps(data, indent=2, default=str))


@contextmanager
def progress_bar(total: int, unit: str) -> Iterator[Callable[[str, int], None]]:
    """A bar on stderr when it is a terminal; `update(step, n)` advances it by n."""
    from tqdm import tqdm

    with tqdm(total=total, unit=unit, unit_scale=True, file=sys.stderr, leave=False,
              disable=not sys.stderr.isatty()) as bar:
        def update(step: str, done: int) -> None:
            bar.set_description(step)
            bar.update(done)
        yield update


@app.command()
def demo(
    scale: Annotated[str | None, typer.Option(
        help="Grow the graph to this many contacts (e.g. 100k: ~1M knows-edges).")] = None,
    seed: Annotated[int, typer.Option(help="Random seed: same seed, same graph.")] = 42,
    clients: Annotated[int | None, typer.Option(help="Client accounts (default 250).")] = None,
    as_of: Annotated[str | None, typer.Option(
        "--as-of", help="Date the data ends at (YYYY-MM-DD, default today).")] = None,
    if_empty: Annotated[bool, typer.Option(
        "--if-empty", help="Do nothing when the graph already holds data.")] = False,
    no_index: Annotated[bool, typer.Option(
        "--no-index", help="Skip embedding for search (rapport index does it later).")] = False,
    as_json: JsonOpt = False,
) -> None:
    """Generate the seeded synthetic client graphs and load them into the configured store."""
    from graph.demo import build_demo, check_demo_seed, load_demo, parse_scale, truth_path
    from graph.stats import is_empty

    settings = get_settings()
    contacts = parse_scale(scale) if scale else None
    day = parse_day(as_of) if as_of else datetime.now(UTC).date()
    with _store(settings) as store:
        if if_empty and not is_empty(store):
            typer.echo("The graph already holds data; nothing seeded (rapport reset --yes "
                       "to start over).")
            return
        check_demo_seed(store, seed)
        started = time.perf_counter()
        with progress_bar(total=0, unit="step") as step:
            dataset = build_demo(seed=seed, as_of=day, contacts=contacts, clients=clients,
                                 progress=lambda name, done, total: step(name, 0))
        generated_s = time.perf_counter() - started
        with progress_bar(total=sum(dataset.counts().values()), unit="row") as progress:
            load = load_demo(store, dataset, data_dir=settings.data_dir,
                             batch_size=settings.load_batch_size, progress=progress)
        scored = _score_demo(store, day)
        indexed = None if no_index else cli_search.run_index(store, full=False)
    path = truth_path(settings.data_dir, seed)
    summary = {"nodes": load.nodes, "relationships": load.edges,
               "skipped_relationships": load.skipped_edges, "load_seconds": round(load.seconds, 2),
               "generate_seconds": round(generated_s, 2), "truth_file": str(path),
               "scored_relationships": scored.pairs_scored,
               "ties_created": scored.ties_created,
               "score_seconds": round(scored.seconds, 2),
               "index": indexed.model_dump(mode="json") if indexed else None}
    if as_json:
        _echo_json(summary)
        return
    typer.echo(f"Loaded {load.node_count:,} nodes and {load.edge_count:,} relationships "
               f"in {load.seconds:.1f} s (generated in {generated_s:.1f} s).")
    if load.skipped_edges:
        typer.echo(f"Skipped relationships whose endpoints are missing: {load.skipped_edges}")
    typer.echo(f"Scored {scored.pairs_scored:,} relationships in {scored.seconds:.1f} s "
               f"({scored.ties_created:,} new ties from shared interactions).")
    if indexed is not None:
        typer.echo(cli_search.index_line(indexed))
    typer.echo(f"Ground truth kept apart in {path}")


def _score_demo(store: GraphStore, day: date) -> RescoreReport:
    """Strengths as of the end of the demo's last day, so intros work at once."""
    from intel.strength import get_strength_settings, rescore

    end = day_start(day) + timedelta(days=1)
    return rescore(store, get_strength_settings(), end)


@app.command()
def stats(as_json: JsonOpt = False) -> None:
    """Counts per label and relationship type, and where the store lives."""
    from graph.stats import graph_stats

    with _store(get_settings()) as store:
        result = graph_stats(store)
    if as_json:
        _echo_json(result.model_dump())
        return
    typer.echo(f"Engine: {result.engine}   Store: {result.location}")
    typer.echo(f"Nodes ({result.node_total:,}):")
    for label, count in result.nodes.items():
        typer.echo(f"  {label:<16}{count:>12,}")
    typer.echo(f"Relationships ({result.relationship_total:,}):")
    for rel_type, count in result.relationships.items():
        typer.echo(f"  {rel_type:<16}{count:>12,}")


@app.command()
def reset(yes: Annotated[bool, typer.Option("--yes", help="Confirm deletion.")] = False) -> None:
    """Delete every node and relationship in the configured store."""
    if not yes:
        typer.echo("This deletes the whole graph. Run again with --yes to confirm.", err=True)
        raise typer.Exit(2)
    with _store(get_settings()) as store:
        location = store.location
        store.reset()
    typer.echo(f"Graph at {location} is now empty.")


cli_intros.register(app, _echo_json)
cli_strength.register(app, _echo_json)
cli_imports.register(app, _echo_json)
cli_merge.register(app, _echo_json)
cli_scores.register(app, _echo_json)
cli_pipeline.register(app, _echo_json)
cli_keys.register(app, _echo_json)
cli_mcp.register(app)
cli_ask.register(app, _echo_json)
cli_search.register(app, _echo_json)
cli_dashboard.register(app)
cli_serve.register(app)


def main() -> None:
    """Console-script entry point: one clear line for every RapportError."""
    import logging

    # The drivers log connection failures themselves; the one line below says it all.
    logging.getLogger("neo4j").setLevel(logging.CRITICAL)
    try:
        app()
    except RapportError as e:
        one_line = " ".join(str(e).split())  # driver messages may span lines
        typer.echo(f"rapport: error: {one_line}", err=True)
        sys.exit(1)
    except ValidationError as e:  # a request model refused the options given
        first = e.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "input"
        typer.echo(f"rapport: error: {where}: {first['msg']}", err=True)
        sys.exit(1)
    except KeyboardInterrupt:  # uvicorn re-raises Ctrl-C after a clean shutdown
        sys.exit(130)

"""`rapport ask` and `rapport eval ask`: questions on the terminal, and the question-set eval."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import ExitStack
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from api.cli_options import parse_day
from graph.errors import RapportError
from graph.store import GraphStore
from intel.ask.models import AskAnswer

if TYPE_CHECKING:
    from embeddings.evidence_index import EvidenceIndex


def _print_answer(answer: AskAnswer, show_cypher: bool) -> None:
    typer.echo(answer.answer)
    typer.echo(f"\n[route: {answer.route}] {answer.reason}")
    if show_cypher and answer.cypher:
        typer.echo(f"\nCypher:\n{answer.cypher}\nParameters: {answer.params}")
    if show_cypher and answer.rows:
        typer.echo(f"Rows ({len(answer.rows)}):")
        for row in answer.rows[:20]:
            typer.echo(f"  {row}")
    if answer.citations and answer.route == "graphrag":
        typer.echo("\nSources: " + ", ".join(c.id for c in answer.citations))
    if answer.tokens:
        typer.echo(f"\nLLM: {answer.tokens} tokens, {answer.cost:.6f} USD")


def _today(value: str | None) -> date | None:
    return parse_day(value) if value else None


def lazy_evidence(stack: ExitStack, store: GraphStore) -> Callable[[], EvidenceIndex | None]:
    """Opens the evidence index on first use (GraphRAG only), closed with `stack`; when the
    evidence store cannot start, GraphRAG answers from the graph alone."""
    opened: dict[str, EvidenceIndex | None] = {}

    def provide() -> EvidenceIndex | None:
        if "index" not in opened:
            from api.cli_search import open_evidence_index
            from embeddings.quick_encoder import get_query_encoder

            try:
                opened["index"] = stack.enter_context(
                    open_evidence_index(store, get_query_encoder()))
            except RapportError:
                opened["index"] = None
        return opened["index"]
    return provide


def register(app: typer.Typer, json_echo: Callable[[Any], None]) -> None:
    """Add `ask` and the `eval` group to the main app."""
    eval_app = typer.Typer(help="Evaluate capabilities on question sets.", no_args_is_help=True)
    app.add_typer(eval_app, name="eval")

    @app.command()
    def ask(
        question: Annotated[str, typer.Argument(help="The question, in plain language.")],
        show_cypher: Annotated[bool, typer.Option(
            "--show-cypher", help="Also print the Cypher, its parameters and rows.")] = False,
        today: Annotated[str | None, typer.Option(
            help="Count 'next quarter' etc. from this day (YYYY-MM-DD).")] = None,
        limit: Annotated[int | None, typer.Option(help="Most rows returned.")] = None,
        as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    ) -> None:
        """Ask the graph: routed to intros, GraphRAG, templates or text-to-Cypher."""
        from api.cli import open_configured_store
        from intel.ask import AskRequest, get_ask_settings
        from intel.ask.factory import build_ask_service

        request = AskRequest(question=question, today=_today(today), limit=limit)
        with ExitStack() as stack:
            store = stack.enter_context(open_configured_store())
            service = build_ask_service(store, get_ask_settings(),
                                        evidence=lazy_evidence(stack, store))
            answer = service.ask(request)
        if as_json:
            json_echo(answer.model_dump(mode="json"))
        else:
            _print_answer(answer, show_cypher)

    @eval_app.command("ask")
    def eval_ask(
        file: Annotated[Path, typer.Argument(help="Question set (YAML) with expected answers.")],
        as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
        verbose: Annotated[bool, typer.Option(
            "--verbose", "-v", help="List every question that failed.")] = False,
    ) -> None:
        """Execution accuracy, refusal accuracy and latency of ask on a question set."""
        from api.cli import open_configured_store
        from intel.ask import get_ask_settings
        from intel.ask.evaluate import evaluate, load_question_set
        from intel.ask.factory import build_ask_service

        questions = load_question_set(file)
        with ExitStack() as stack:
            store = stack.enter_context(open_configured_store())
            service = build_ask_service(store, get_ask_settings(),
                                        evidence=lazy_evidence(stack, store))
            report = evaluate(service, store, questions)
        if as_json:
            json_echo(report.model_dump(mode="json"))
            return
        typer.echo(report.summary())
        for failure in report.failures if verbose else []:
            typer.echo(f"  FAIL {failure.id}: {failure.question} -> {failure.detail}")

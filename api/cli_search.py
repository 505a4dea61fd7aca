"""`rapport index`, `rapport search`, `rapport evidence` and `rapport match`: embeddings and
semantic search on the terminal.

    rapport index [--full] [--json]
    rapport search "CFOs at fintechs in Lisbon" [--type contact] [--city C] ... [--json]
    rapport evidence "asked for a second viewing" [--kind MEETING] [--since D] [--json]
    rapport match account|contact|property ID [--k 10] [--json]
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Annotated, Any

import typer

from api.cli_options import day_start, parse_day

if TYPE_CHECKING:
    from embeddings.encoder import Encoder
    from embeddings.evidence_index import EvidenceIndex
    from embeddings.indexer import Indexer
    from embeddings.models import IndexReport
    from graph.store.base import GraphStore

JsonFlag = Annotated[bool, typer.Option("--json", help="Print JSON.")]
K = Annotated[int, typer.Option("--k", help="How many results (default 10).", min=1, max=100)]


@contextmanager
def open_evidence_index(store: GraphStore, encoder: Encoder) -> Iterator[EvidenceIndex]:
    """The evidence index on the configured evidence store (closed on exit); `encoder`: the
    torch one to index in bulk, the query encoder to search."""
    from embeddings.evidence_index import EvidenceIndex
    from embeddings.settings import get_search_settings
    from graph.evidence import open_evidence
    from graph.settings import get_settings

    evidence = open_evidence(get_settings())
    try:
        yield EvidenceIndex(evidence, encoder, get_search_settings())
    finally:
        evidence.close()


@contextmanager
def open_indexer(store: GraphStore) -> Iterator[Indexer]:
    from embeddings.encoder import get_encoder
    from embeddings.indexer import Indexer
    from embeddings.settings import get_search_settings

    with open_evidence_index(store, get_encoder()) as evidence:
        yield Indexer(store, get_encoder(), get_search_settings(), evidence)


def run_index(store: GraphStore, *, full: bool) -> IndexReport:
    """Index with a progress bar on stderr (shared with `rapport demo`)."""
    from api.cli import progress_bar
    from embeddings.quick_encoder import get_query_encoder

    with open_indexer(store) as indexer, progress_bar(0, "node") as bar:
        report = indexer.index(full=full, progress=bar)
    # The query encoder's ONNX export, made here once while torch is loaded anyway: later
    # searches, in this process or a new one, then start without torch (docs/search.md).
    get_query_encoder().encode(["warm-up"])
    return report


def index_line(report: IndexReport) -> str:
    kinds = ", ".join(f"{n:,} {t}" for t, n in report.by_type.items() if n)
    return (f"Indexed in {report.seconds:.1f} s: {report.entities_embedded:,} of "
            f"{report.entities_seen:,} entities embedded ({kinds or 'none changed'}), "
            f"{report.chunks_embedded:,} of {report.chunks_seen:,} evidence chunks written, "
            f"{report.texts_encoded:,} texts encoded with {report.model}.")


def _print_hits(result: Any) -> None:
    if not result.hits:
        typer.echo("No match (if the graph was never indexed: rapport index).")
    for n, hit in enumerate(result.hits, start=1):
        why = hit.why
        parts = []
        if why.vector_similarity is not None:
            parts.append(f"similarity {why.vector_similarity:.2f} (#{why.vector_rank})")
        if why.text_rank is not None:
            parts.append(f"text #{why.text_rank}")
        if why.matched_terms:
            parts.append("terms: " + ", ".join(why.matched_terms))
        typer.echo(f"{n:>2}. [{hit.type}] {hit.id}  {(hit.text or '')[:90]}")
        typer.echo(f"      {'; '.join(parts)}")


def register(app: typer.Typer, json_echo: Callable[[Any], None]) -> None:
    """Add the commands to the main app (json_echo prints a JSON document)."""

    @app.command()
    def index(full: Annotated[bool, typer.Option(
                  "--full", help="Re-embed everything, not only what changed.")] = False,
              as_json: JsonFlag = False) -> None:
        """Embed new and changed entities and evidence (incremental by default)."""
        from api.cli import open_configured_store

        with open_configured_store() as store:
            report = run_index(store, full=full)
        if as_json:
            json_echo(report.model_dump(mode="json"))
        else:
            typer.echo(index_line(report))

    @app.command()
    def search(
        text: Annotated[str, typer.Argument(help="What to look for, in words.")],
        entity_type: Annotated[list[str] | None, typer.Option(
            "--type", help="contact, account, property or deal (repeatable).")] = None,
        k: K = 10,
        city: Annotated[str | None, typer.Option(help="City.")] = None,
        industry: Annotated[str | None, typer.Option(help="Industry.")] = None,
        stage: Annotated[str | None, typer.Option(help="Account/deal/lifecycle stage.")] = None,
        min_price: Annotated[float | None, typer.Option(help="Lowest price/amount.")] = None,
        max_price: Annotated[float | None, typer.Option(help="Highest price/amount.")] = None,
        status: Annotated[str | None, typer.Option(help="Property status.")] = None,
        known: Annotated[bool, typer.Option("--known", help="Only people we know.")] = False,
        min_strength: Annotated[float | None, typer.Option(
            help="A team tie at least this strong (0-100).")] = None,
        mode: Annotated[str, typer.Option(help="hybrid, vector or text.")] = "hybrid",
        as_json: JsonFlag = False,
    ) -> None:
        """Hybrid (vector + full-text) search over contacts, accounts, properties, deals."""
        from api.cli import open_configured_store
        from embeddings import HybridSearch, SearchFilters, SearchQuery
        from embeddings.quick_encoder import get_query_encoder
        from embeddings.settings import get_search_settings

        query = SearchQuery.model_validate({
            "text": text, "types": tuple(t.lower() for t in entity_type or ()), "k": k,
            "mode": mode, "filters": SearchFilters(
                city=city, industry=industry, stage=stage, min_price=min_price,
                max_price=max_price, status=status, known=known or None,
                min_strength=min_strength)})
        with open_configured_store() as store:
            result = HybridSearch(store, get_query_encoder(), get_search_settings()).search(
                query)
        if as_json:
            json_echo(result.model_dump(mode="json"))
        else:
            _print_hits(result)

    @app.command()
    def evidence(
        text: Annotated[str, typer.Argument(help="What to look for in the evidence.")],
        kind: Annotated[list[str] | None, typer.Option(
            help="EMAIL, MEETING, CALL, MESSAGE, NOTE (repeatable).")] = None,
        since: Annotated[str | None, typer.Option(help="From this day (YYYY-MM-DD).")] = None,
        until: Annotated[str | None, typer.Option(help="Before this day (YYYY-MM-DD).")] = None,
        entity: Annotated[list[str] | None, typer.Option(
            help="Mentions this node id (repeatable).")] = None,
        k: K = 10,
        as_json: JsonFlag = False,
    ) -> None:
        """Semantic search over interaction subjects, summaries and notes."""
        from api.cli import open_configured_store
        from embeddings import EvidenceFilters
        from embeddings.quick_encoder import get_query_encoder

        filters = EvidenceFilters(
            kinds=tuple(kind or ()), entity_ids=tuple(entity or ()),
            since=day_start(parse_day(since, "--since")) if since else None,
            until=day_start(parse_day(until, "--until")) if until else None)
        with open_configured_store() as store, \
                open_evidence_index(store, get_query_encoder()) as index:
            hits = index.search(text, k, filters)
        if as_json:
            json_echo([h.model_dump(mode="json") for h in hits])
            return
        for h in hits:
            when = h.at.date().isoformat() if h.at else "-"
            typer.echo(f"{h.similarity:.2f}  {when}  {h.kind:<8}{h.source_id}  {h.text[:80]}")
        if not hits:
            typer.echo("No match.")

    @app.command()
    def match(
        kind: Annotated[str, typer.Argument(help="account, contact or property.")],
        node_id: Annotated[str, typer.Argument(metavar="ID", help="Its id.")],
        k: K = 10,
        as_json: JsonFlag = False,
    ) -> None:
        """Available properties for a client, or the clients most likely to want a property."""
        from api.cli import open_configured_store
        from embeddings import HybridSearch
        from embeddings.matching import PropertyMatcher
        from embeddings.quick_encoder import get_query_encoder
        from embeddings.settings import get_search_settings
        from graph.errors import InvalidInput

        if kind not in ("account", "contact", "property"):
            raise InvalidInput(f"match {kind!r}: expected account, contact or property")
        with open_configured_store() as store:
            matcher = PropertyMatcher(HybridSearch(store, get_query_encoder(),
                                                   get_search_settings()))
            found: Any = matcher.clients_for(node_id, k) if kind == "property" else \
                matcher.properties_for(kind, node_id, k)  # type: ignore[arg-type]
        if as_json:
            json_echo(found.model_dump(mode="json"))
            return
        if not found.matches:
            typer.echo("No match.")
        for n, m in enumerate(found.matches, start=1):
            label = m.title if kind != "property" else f"[{m.type}] {m.name}"
            typer.echo(f"{n:>2}. {m.id:<12}{m.score:>7.3f}  {label}")
            typer.echo(f"      {'; '.join(m.reasons)}")


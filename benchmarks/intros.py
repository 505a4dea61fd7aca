"""Warm-intro latency on the --scale graph: Rapport's top-3 search vs networkx.

For 200 random (member, contact) pairs: p50/p95 of Rapport's exact top-3 search (bounded
neighbourhood pulled from the embedded engine, default 3 hops, one path per introducer)
and, in the same run, networkx's bidirectional Dijkstra (top-1, -log strength weights) on an
in-memory copy of the same graph, and the ratio of the two.

    python benchmarks/intros.py --scale 100k                  # build, load, score, measure
    python benchmarks/intros.py --data-dir /tmp/big --reuse   # measure an already loaded graph
"""

from __future__ import annotations

import argparse
import math
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

import networkx as nx

from graph.demo import build_demo, load_demo, parse_scale
from graph.settings import load_settings
from graph.stats import is_empty
from graph.store import GraphStore, open_store
from intel.intros import IntroFinder, IntroRequest, IntroSettings

AS_OF = date(2026, 11, 22)


def load(store: GraphStore, scale: str, data_dir: Path) -> None:
    started = time.perf_counter()
    dataset = build_demo(seed=42, as_of=AS_OF, contacts=parse_scale(scale))
    report = load_demo(store, dataset, data_dir=data_dir)
    del dataset
    print(f"loaded {report.node_count:,} nodes / {report.edge_count:,} relationships "
          f"in {time.perf_counter() - started:.0f} s")


def score(store: GraphStore) -> None:
    from intel.strength import get_strength_settings, rescore

    started = time.perf_counter()
    rescore(store, get_strength_settings(), as_of=datetime(2026, 11, 22, tzinfo=UTC))
    print(f"scored every knows-edge in {time.perf_counter() - started:.0f} s")


def in_memory_copy(store: GraphStore) -> nx.Graph:
    graph = nx.Graph()
    for row in store.read("bench/knows_edges", {"unscored": 10.0}):
        strength = max(float(row["strength"]), 0.01) / 100
        graph.add_edge(row["a"], row["b"], weight=-math.log(strength))
    return graph


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[int(0.95 * (len(ordered) - 1))]


def timed(fn: Callable[[], object]) -> float:
    started = time.perf_counter()
    fn()
    return (time.perf_counter() - started) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", default="100k")
    parser.add_argument("--pairs", type=int, default=200)
    parser.add_argument("--data-dir", type=Path)
    parser.add_argument("--reuse", action="store_true", help="keep a loaded graph as it is")
    parser.add_argument("--no-rescore", action="store_true", help="keep the stored strengths")
    parser.add_argument("--load-only", action="store_true", help="load, then stop")
    args = parser.parse_args()
    folder = args.data_dir or Path(tempfile.mkdtemp(prefix="rapport-intros-"))
    store = open_store(load_settings(data_dir=folder / "data", query_timeout_s=600))
    try:
        if not (args.reuse and not is_empty(store)):
            store.reset()
            load(store, args.scale, folder / "data")
        if args.load_only:
            return
        if not args.no_rescore:
            score(store)
        run(store, args.pairs)
    finally:
        store.close()


def run(store: GraphStore, pairs: int) -> None:
    members = [r["id"] for r in store.read("bench/ids", {"label": "Member"})]
    contacts = [r["id"] for r in store.read("bench/ids", {"label": "Contact"})]
    rng = random.Random(42)
    picked = [(rng.choice(members), rng.choice(contacts)) for _ in range(pairs)]
    finder = IntroFinder(store, IntroSettings())
    for member, contact in picked[:20]:  # warm-up: caches, connection pool
        finder.find(IntroRequest(to=contact, from_member=member))
    ours = [timed(lambda m=m, c=c: finder.find(IntroRequest(to=c, from_member=m)))
            for m, c in picked]
    started = time.perf_counter()
    graph = in_memory_copy(store)
    print(f"networkx copy: {graph.number_of_nodes():,} nodes, {graph.number_of_edges():,} "
          f"edges in {time.perf_counter() - started:.0f} s")
    theirs = [timed(lambda m=m, c=c: _dijkstra(graph, m, c)) for m, c in picked]
    (p50, p95), (n50, n95) = percentiles(ours), percentiles(theirs)
    print(f"{'':<34}{'p50 ms':>10}{'p95 ms':>10}")
    print(f"{'rapport top-3 (3 hops, engine)':<34}{p50:>10.1f}{p95:>10.1f}")
    print(f"{'networkx bidirectional dijkstra':<34}{n50:>10.1f}{n95:>10.1f}")
    print(f"ratio rapport / networkx: p50 {p50 / n50:.2f}, p95 {p95 / n95:.2f} (target <= 1; "
          f"targets p50 <= 25 ms, p95 <= 100 ms) over {pairs} pairs")


def _dijkstra(graph: nx.Graph, source: str, target: str) -> object:
    try:
        return nx.bidirectional_dijkstra(graph, source, target)
    except (nx.NetworkXNoPath, nx.NodeNotFound):
        return None


if __name__ == "__main__":
    main()

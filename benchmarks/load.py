"""Bulk-load throughput on the embedded engine: Rapport's loader vs the raw engine rate.

The raw baseline sends the same rows (already built, not timed) with the simplest statement
per label / endpoint pair: one UNWIND ... CREATE, no MERGE, no temporal conversion. Rapport's
figure includes everything its loader does: rows built from the models, MERGE on id, dates.

    python benchmarks/load.py --scale 100k      # ~100k contacts, ~1M knows-edges
"""

from __future__ import annotations

import argparse
import tempfile
import time
from datetime import date
from itertools import groupby
from pathlib import Path
from typing import Any

from graph.demo import parse_scale
from graph.loader import BulkLoader
from graph.rows import edge_row, node_row
from graph.settings import load_settings
from graph.store import GraphStore, open_store
from graph.synth import SynthConfig, generate


def raw_load(store: GraphStore, nodes: dict[str, list[dict[str, Any]]],
             edges: dict[tuple[str, str, str], list[dict[str, Any]]], batch: int) -> float:
    """Seconds to send the prepared rows with bare CREATE statements.

    Baseline only: the labels interpolated below come from the model, never from input.
    """
    started = time.perf_counter()
    for label, rows in nodes.items():
        text = f"UNWIND $rows AS row CREATE (n:{label} {{id: row.id}}) SET n += row.props"
        for i in range(0, len(rows), batch):
            store._run(text, {"rows": rows[i:i + batch]}, "write", None)
    for (rel, src, dst), rows in edges.items():
        text = (f"UNWIND $rows AS row MATCH (a:{src} {{id: row.src}}) "
                f"MATCH (b:{dst} {{id: row.dst}}) CREATE (a)-[r:{rel}]->(b) SET r += row.props")
        for i in range(0, len(rows), batch):
            store._run(text, {"rows": rows[i:i + batch]}, "write", None)
    return time.perf_counter() - started


def prepared_rows(dataset: Any) -> tuple[dict[str, list[dict[str, Any]]],
                                         dict[tuple[str, str, str], list[dict[str, Any]]]]:
    nodes = {label: [node_row(n) for n in items]
             for label, items in dataset.nodes.items()}
    edges: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
    for rel, items in dataset.edges.items():
        def pair(e: Any) -> tuple[str, str]:
            return (e.src.label, e.dst.label)
        for (src, dst), group in groupby(sorted(items, key=pair), key=pair):
            edges[(rel, src, dst)] = [edge_row(e) for e in group]
    return nodes, edges


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", default="100k", help="contacts (e.g. 20k, 100k)")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--batch", type=int, default=10_000)
    args = parser.parse_args()

    config = SynthConfig.for_contacts(parse_scale(args.scale), seed=args.seed,
                                      as_of=date(2026, 11, 22))
    started = time.perf_counter()
    dataset = generate(config)
    print(f"generated in {time.perf_counter() - started:.1f} s: {dataset.counts()}")
    n_nodes = sum(len(v) for v in dataset.nodes.values())
    n_edges = sum(len(v) for v in dataset.edges.values())

    with tempfile.TemporaryDirectory(prefix="rapport-bench-") as folder:
        base = load_settings(data_dir=Path(folder))
        raw_store = open_store(base.model_copy(update={"graph_name": "bench_raw"}))
        nodes, edges = prepared_rows(dataset)
        raw_s = raw_load(raw_store, nodes, edges, args.batch)
        raw_store.reset()
        raw_store.close()
        del nodes, edges

        store = open_store(base.model_copy(update={"graph_name": "bench_rapport"}))
        report = BulkLoader(store, batch_size=args.batch).load(dataset.nodes, dataset.edges)
        assert not report.skipped_edges, report.skipped_edges
        store.close()

    ours_s = report.seconds
    print(f"{'':<10}{'seconds':>10}{'nodes/s':>12}{'edges/s':>12}{'rows/s':>12}")
    for name, secs in (("raw", raw_s), ("rapport", ours_s)):
        print(f"{name:<10}{secs:>10.1f}{n_nodes / secs:>12,.0f}{n_edges / secs:>12,.0f}"
              f"{(n_nodes + n_edges) / secs:>12,.0f}")
    ratio = raw_s / ours_s
    print(f"rapport / raw throughput ratio: {ratio:.2f} (target >= 0.70) "
          f"for {n_nodes:,} nodes and {n_edges:,} relationships")


if __name__ == "__main__":
    main()

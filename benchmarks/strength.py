"""Relationship strength: rescore timings and Spearman correlation with the true strengths.

Generates the seeded synthetic graph with a fixed as-of date, loads it into a fresh
embedded engine, runs a full rescore (twice: the first also creates the ties interactions
show), an incremental rescore of a few interactions, then compares the stored scores with
the generator's hidden tie strengths (never read by the scorer).

    python benchmarks/strength.py                  # the 250-client demo
    python benchmarks/strength.py --clients 20     # quick
    python benchmarks/strength.py --scale 100k     # ~100k contacts, ~1M knows-edges
"""

from __future__ import annotations

import argparse
import gc
import json
import resource
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

from graph.demo import build_demo, load_demo, parse_scale, truth_path
from graph.settings import load_settings
from graph.store import GraphStore, open_store
from graph.synth.truth import GroundTruth
from intel.strength import load_strength_settings, rescore, rescore_interactions
from intel.strength.validation import stored_scores, validate


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _prepare(args: argparse.Namespace, store: GraphStore, data_dir: Path,
             out: dict[str, Any]) -> GroundTruth:
    """Generate and load the graph, or (--reuse) take the one already in data_dir."""
    if args.reuse:
        return GroundTruth.read(truth_path(data_dir, args.seed))
    contacts = parse_scale(args.scale) if args.scale else None
    started = time.perf_counter()
    dataset = build_demo(seed=args.seed, as_of=date.fromisoformat(args.as_of),
                         contacts=contacts, clients=None if contacts else args.clients)
    out["generate_s"] = round(time.perf_counter() - started, 1)
    store.reset()
    load = load_demo(store, dataset, data_dir=data_dir)
    out["load_s"] = round(load.seconds, 1)
    out["counts"] = {k: v for k, v in {**load.nodes, **load.edges}.items()
                     if k in ("Contact", "Interaction", "KNOWS", "PARTICIPATED_IN")}
    return dataset.truth


def run(args: argparse.Namespace, data_dir: Path) -> dict[str, Any]:
    as_of = date.fromisoformat(args.as_of)
    out: dict[str, Any] = {}
    # A fresh run uses a graph of its own; --reuse scores the graph `rapport demo` loaded.
    graph_name = "rapport" if args.reuse else "strength_bench"
    store = open_store(load_settings(data_dir=data_dir, graph_name=graph_name,
                                     query_timeout_s=600))
    try:
        truth = _prepare(args, store, data_dir, out)
        sample = [r["id"] for r in store.read("bench/latest_interactions", {"limit": 100})]
        gc.collect()
        out["rss_before_rescore_mb"] = round(_rss_mb())
        settings = load_strength_settings()
        first = rescore(store, settings, as_of)
        second = rescore(store, settings, as_of)
        incremental = rescore_interactions(store, sample, settings, as_of)
        out["rescore_first"] = first.model_dump(mode="json")
        out["rescore_again_s"] = second.seconds
        out["incremental_100_interactions"] = {"seconds": incremental.seconds,
                                               "pairs": incremental.pairs_scored}
        result = validate(stored_scores(store), truth.tie_strength, set(truth.one_way_pairs))
        out["validation"] = result.model_dump()
        out["peak_rss_mb"] = round(_rss_mb())
    finally:
        store.close()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=250)
    parser.add_argument("--scale", help="number of contacts instead, e.g. 100k")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--as-of", default="2026-11-22")
    parser.add_argument("--data-dir", type=Path, help="engine folder (default: a temp dir)")
    parser.add_argument("--reuse", action="store_true",
                        help="score the graph already loaded in --data-dir (no generation)")
    args = parser.parse_args()
    if args.reuse and not args.data_dir:
        parser.error("--reuse needs --data-dir")
    if args.data_dir:
        out = run(args, args.data_dir)
    else:
        with tempfile.TemporaryDirectory(prefix="rapport-strength-") as tmp:
            out = run(args, Path(tmp) / "data")
    v = out["validation"]
    print(json.dumps(out, indent=2, default=str))
    print(f"\nSpearman vs true tie strength: all {v['spearman_all']:.3f} "
          f"({v['pairs']} pairs), member-contact {v['spearman_member_contact']:.3f} "
          f"({v['member_contact_pairs']}), contact-contact {v['spearman_contact_contact']:.3f} "
          f"({v['contact_contact_pairs']})")
    print(f"one-way ties: max score {v['one_way_max']}; two-way member ties: median "
          f"{v['two_way_member_median']}")
    print(f"full rescore {out['rescore_first']['seconds']:.1f} s (again "
          f"{out['rescore_again_s']:.1f} s), incremental (100 interactions) "
          f"{out['incremental_100_interactions']['seconds']:.2f} s, peak RSS "
          f"{out['peak_rss_mb']} MB")


if __name__ == "__main__":
    main()

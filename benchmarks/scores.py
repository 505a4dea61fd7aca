"""Scores: win model vs the stage-probability baseline, churn prediction, scoring time.

Generates the seeded synthetic graph (fixed as-of date), loads it into a fresh embedded
engine, scores relationship strength as `rapport demo` does, then:
- backtests the win model (trained on deals closed before as_of - 270 d) against the
  configured stage probabilities on a time split (deals closed as_of - 270 d .. - 120 d) and
  on a held-back later slice (closed in the last 120 d): AUC and Brier, same run;
- ranks accounts by churn risk and reports precision/recall at the top decile against the
  accounts the generator made deteriorate (the truth file is read only here, after scoring),
  beside a random pick and a "fewest recent touches" baseline;
- times scoring every account and open deal (snapshot read + model fit + scores) against
  the bare snapshot read in the same run.

    python benchmarks/scores.py                  # the 250-client demo
    python benchmarks/scores.py --clients 1000   # more closed deals, steadier figures
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from graph.demo import build_demo, load_demo
from graph.pipeline import load_pipeline_settings
from graph.settings import load_settings
from graph.store import open_store
from graph.synth.truth import GroundTruth
from intel.scores import Scorer, load_score_settings
from intel.scores.snapshot import day_number, read_snapshot
from intel.scores.validation import backtest, closed_between
from intel.strength import load_strength_settings, rescore


def _top_decile(ranked: list[str], positives: set[str]) -> dict[str, float]:
    k = max(1, len(ranked) // 10)
    hits = len(set(ranked[:k]) & positives)
    return {"k": k, "precision": round(hits / k, 3),
            "recall": round(hits / len(positives), 3) if positives else 0.0,
            "best_possible_recall": round(min(k, len(positives)) / max(1, len(positives)), 3)}


def _churn(board: Any, truth: GroundTruth, snap: Any, day: float) -> dict[str, Any]:
    positives = set(truth.deteriorating_accounts)
    by_risk = [a.account_id for a in sorted(board.accounts,
                                            key=lambda a: (-a.churn_risk, a.account_id))]
    quiet = sorted(snap.accounts, key=lambda a: (
        snap.count_between(snap.account_touches(a), day - 90, day), a))
    unmarked = [a for a in by_risk if snap.accounts[a].stage not in ("AT_RISK", "CHURNED")]
    return {"accounts": len(by_risk), "deteriorating": len(positives),
            "prevalence": round(len(positives) / len(by_risk), 3),
            "model": _top_decile(by_risk, positives),
            "baseline_fewest_recent_touches": _top_decile(quiet, positives),
            "not_yet_marked_at_risk": {
                "accounts": len(unmarked),
                "deteriorating": len(positives & set(unmarked)),
                "model": _top_decile(unmarked, positives & set(unmarked))}}


def _ceiling(snap: Any, truth: GroundTruth, start: float, end: float) -> dict[str, float]:
    """For reference: AUC/Brier of the generator's hidden win probability of each deal
    closed in the slice (one row per deal, no stage information; read from the truth file,
    which the scorer never sees)."""
    from sklearn.metrics import brier_score_loss, roc_auc_score

    deals = {d for d, _, _ in closed_between(snap, start, end)}
    y = [int(snap.deals[d].stage.value == "09-CLOSED_WON") for d in sorted(deals)]
    p = [truth.deal_win_probability[d] for d in sorted(deals)]
    return {"auc": round(float(roc_auc_score(y, p)), 4),
            "brier": round(float(brier_score_loss(y, p)), 4)}


def run(args: argparse.Namespace, data_dir: Path) -> dict[str, Any]:
    as_of = date.fromisoformat(args.as_of)
    end = datetime.combine(as_of, datetime.min.time(), tzinfo=UTC) + timedelta(days=1)
    out: dict[str, Any] = {"clients": args.clients}
    store = open_store(load_settings(data_dir=data_dir, graph_name="scores_bench",
                                     query_timeout_s=600))
    try:
        store.reset()
        dataset = build_demo(seed=args.seed, as_of=as_of, clients=args.clients)
        load_demo(store, dataset, data_dir=data_dir)
        rescore(store, load_strength_settings(), end)
        pipeline, settings = load_pipeline_settings(), load_score_settings()
        started = time.perf_counter()
        snap = read_snapshot(store)
        read_s = time.perf_counter() - started
        board = Scorer(store, settings, pipeline).board(end)
        day = day_number(end) or 0.0
        result = backtest(snap, day - 270, day - 120, day, pipeline,
                          min_deals=settings.min_training_deals, c=settings.regularization)
        out["win_model"] = result.model_dump()
        out["win_model"]["truth_reference"] = {
            "time_split": _ceiling(snap, dataset.truth, day - 270, day - 120),
            "later_slice": _ceiling(snap, dataset.truth, day - 120, day)}
        out["churn"] = _churn(board, dataset.truth, snap, day)
        out["scoring"] = {"accounts": len(board.accounts), "open_deals": len(board.deals),
                          "seconds": board.seconds, "snapshot_read_s": round(read_s, 3),
                          "ratio_to_snapshot_read": round(board.seconds / read_s, 2),
                          "model": board.model, "training_deals": board.training_deals}
    finally:
        store.close()
    return out


def _print(out: dict[str, Any]) -> None:
    w = out["win_model"]
    print(json.dumps(out, indent=2))
    print(f"\nwin model ({w['model_kind']}, {w['training_deals']} training deals) vs stage "
          "probability:")
    for name in ("time_split", "later_slice"):
        s, top = w[name], w["truth_reference"][name]
        print(f"  {name:<12} {s['deals']:>4} deals: AUC {s['model']['auc']:.3f} vs "
              f"{s['baseline']['auc']:.3f}, Brier {s['model']['brier']:.4f} vs "
              f"{s['baseline']['brier']:.4f} (generator's hidden p: AUC "
              f"{top['auc']:.3f}, Brier {top['brier']:.4f})")
    c = out["churn"]
    print(f"churn top decile ({c['model']['k']} of {c['accounts']}): precision "
          f"{c['model']['precision']:.2f} recall {c['model']['recall']:.2f} (best possible "
          f"{c['model']['best_possible_recall']:.2f}); random {c['prevalence']:.2f}, "
          f"fewest touches {c['baseline_fewest_recent_touches']['precision']:.2f}")
    sc = out["scoring"]
    print(f"scored {sc['accounts']} accounts + {sc['open_deals']} open deals in "
          f"{sc['seconds']:.2f} s ({sc['ratio_to_snapshot_read']:.1f}x the bare snapshot "
          f"read of {sc['snapshot_read_s']:.2f} s; target < 10 s)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=250)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--as-of", default="2026-11-22")
    parser.add_argument("--data-dir", type=Path, help="engine folder (default: a temp dir)")
    args = parser.parse_args()
    if args.data_dir:
        _print(run(args, args.data_dir))
        return
    with tempfile.TemporaryDirectory(prefix="rapport-scores-") as tmp:
        _print(run(args, Path(tmp) / "data"))


if __name__ == "__main__":
    main()

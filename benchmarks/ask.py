"""Offline `ask` latency on the 250-client demo: p50/p95 per question after warm-up.

Runs every question of the eval set (benchmarks/ask_questions.yaml) through the ask service
with no LLM, three rounds after one warm-up round, and in the same run the named query each
planner answer ran (the engine alone): the ratio says what planning adds to the query.

    python benchmarks/ask.py                                  # seed a demo in a temp folder
    python benchmarks/ask.py --data-dir /tmp/demo --reuse     # measure a loaded demo graph
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

from graph.demo import seed_demo
from graph.settings import load_settings
from graph.stats import is_empty
from graph.store import open_store
from intel.ask.evaluate import load_question_set
from intel.ask.factory import build_ask_service
from intel.ask.models import AskRequest
from intel.ask.settings import load_ask_settings

AS_OF = date(2026, 11, 20)
QUESTIONS = Path(__file__).with_name("ask_questions.yaml")


def p50_p95(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[int(0.95 * (len(ordered) - 1))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path)
    parser.add_argument("--reuse", action="store_true", help="keep a loaded graph as it is")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    folder = args.data_dir or Path(tempfile.mkdtemp(prefix="rapport-ask-"))
    store = open_store(load_settings(data_dir=folder / "data"))
    try:
        if not (args.reuse and not is_empty(store)):
            store.reset()
            seed_demo(store, data_dir=folder / "data", seed=42, as_of=AS_OF)
        questions = load_question_set(QUESTIONS)
        started = time.perf_counter()
        service = build_ask_service(store, load_ask_settings(today=questions.today))
        requests = [AskRequest(question=q.question, today=questions.today)
                    for q in questions.questions]
        answers = [service.ask(r) for r in requests]  # warm-up round
        print(f"service built and warmed up in {time.perf_counter() - started:.1f} s")
        asked: dict[str, list[float]] = {}
        engine: list[float] = []
        for _ in range(args.rounds):
            for request, first in zip(requests, answers, strict=True):
                t0 = time.perf_counter()
                service.ask(request)
                t1 = time.perf_counter()
                asked.setdefault(first.route, []).append((t1 - t0) * 1000)
                if first.route == "planner" and first.cypher:
                    t2 = time.perf_counter()
                    store.read_cypher(first.cypher, first.params)
                    engine.append((time.perf_counter() - t2) * 1000)
        everything = [t for times in asked.values() for t in times]
        p50, p95 = p50_p95(everything)
        e50, e95 = p50_p95(engine)
        print(f"ask, all {len(requests)} questions x {args.rounds}: p50 {p50:.1f} ms, "
              f"p95 {p95:.1f} ms (target p95 <= 300 ms)")
        for route, times in sorted(asked.items()):
            r50, r95 = p50_p95(times)
            print(f"  route {route:<9} n={len(times):<4} p50 {r50:7.1f} ms  p95 {r95:7.1f} ms")
        planner50, planner95 = p50_p95(asked.get("planner", [0.0]))
        print(f"engine alone on the planner's queries: p50 {e50:.1f} ms, p95 {e95:.1f} ms; "
              f"planner/engine ratio p50 {planner50 / max(e50, 1e-6):.1f}x, "
              f"p95 {planner95 / max(e95, 1e-6):.1f}x")
    finally:
        store.close()


if __name__ == "__main__":
    main()

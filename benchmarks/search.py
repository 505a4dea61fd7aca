"""Search benchmark: indexing throughput, and latency/recall of the three searches at scale.

1. Indexing throughput: the indexer (read the graph, build texts, encode, write vectors to
   the engine's index) on the entities of a small seeded demo, against bare `model.encode`
   of the same texts, interleaved and best-of-N so other load on the machine hits both.
2. Latency p50/p95 and recall@10 (against exact numpy brute-force cosine in the same run)
   of the graph vector search (FalkorDB vector index), the pgvector HNSW search and the
   hybrid search, on --entities entity vectors and --chunks evidence vectors.

Encoding 400k texts on this 2-core machine takes hours, so the vectors at scale are made
from real encodings: --base distinct real texts (demo entity texts and interaction
sentences) are encoded, and every entity/chunk vector is one of them plus Gaussian noise
(--noise per dimension), renormalised. Each node keeps its base text, so the full-text
index has real words to match. Queries are fresh perturbations of random base vectors.

    python benchmarks/search.py                               # 100k entities, 300k chunks
    python benchmarks/search.py --entities 20000 --chunks 50000 --queries 100
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import numpy as np

from embeddings import (
    EvidenceIndex,
    GraphVectorIndex,
    HybridSearch,
    Indexer,
    SearchQuery,
    get_encoder,
    load_search_settings,
)
from embeddings.chunks import Chunk
from embeddings.text import embedding_text
from graph.demo import build_demo, load_demo
from graph.evidence import open_evidence
from graph.evidence.settings import load_evidence_settings
from graph.settings import load_settings
from graph.store import GraphStore, open_store

AS_OF = date(2026, 11, 22)
TYPES = ("contact", "account", "property", "deal")


def pct(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[int(0.95 * (len(ordered) - 1))]


def timed(step: Callable[[], Any]) -> float:
    started = time.perf_counter()
    step()
    return time.perf_counter() - started


def real_texts(store: GraphStore) -> tuple[list[str], list[str]]:
    """Entity texts of the loaded demo, and its distinct interaction sentences."""
    entities = [embedding_text(t, row) for t in TYPES
                for row in store.read(f"embeddings/source/{t}",
                                      {"after": "", "limit": 1_000_000, "strong": 70})]
    rows = store.read("embeddings/source/interaction", {"after": "", "limit": 1_000_000})
    sentences = sorted({s for r in rows for s in (r["subject"], r["summary"]) if s})
    return entities, sentences


def throughput(store: GraphStore, texts: list[str], rounds: int) -> None:
    encoder = get_encoder()
    model = encoder._loaded()  # bare sentence-transformers model: the baseline
    indexer = Indexer(store, encoder, load_search_settings())
    bare, indexed = [], []
    for _ in range(rounds):
        bare.append(timed(lambda: model.encode(texts, batch_size=64,
                                               normalize_embeddings=True)))
        indexed.append(timed(lambda: indexer.index(full=True)))
    rate_bare, rate_index = len(texts) / min(bare), len(texts) / min(indexed)
    print(f"indexing: {len(texts):,} entity texts; bare model.encode {rate_bare:.0f}/s, "
          f"indexer (read + text + encode + write to the vector index) {rate_index:.0f}/s; "
          f"ratio {rate_index / rate_bare:.3f} (target >= 0.9; best of {rounds})")


def perturbed(base: np.ndarray, n: int, noise: float, rng: np.random.Generator
              ) -> tuple[np.ndarray, np.ndarray]:
    """n vectors near random base rows (which row each came from, the unit vectors)."""
    pick = rng.integers(0, len(base), size=n)
    out = base[pick] + rng.normal(0.0, noise, size=(n, base.shape[1])).astype(np.float32)
    out /= np.linalg.norm(out, axis=1, keepdims=True)
    return pick, out.astype(np.float32)


def recall(found: list[str], truth: np.ndarray, ids: list[str]) -> float:
    return len(set(found) & {ids[i] for i in truth}) / len(truth)


def exact_top(matrix: np.ndarray, query: np.ndarray, k: int = 10) -> np.ndarray:
    scores = matrix @ query
    top = np.argpartition(-scores, k)[:k]
    return top[np.argsort(-scores[top])]


def load_entities(store: GraphStore, vectors: np.ndarray, texts: list[str]) -> list[str]:
    ids = [f"bc_{i:06d}" for i in range(len(vectors))]
    index = GraphVectorIndex(store, load_search_settings())
    index.ensure(vectors.shape[1])
    stamp = "2026-01-01T00:00:00"
    for start in range(0, len(ids), 5000):
        rows = [{"id": i, "props": {"name": f"Contact {i}"}, "created_at": stamp,
                 "updated_at": stamp} for i in ids[start:start + 5000]]
        store.write_rows("load/nodes/contact", rows)
    from embeddings.graph_index import EntityVector

    items = [EntityVector(i, v, t, "h") for i, v, t in zip(ids, vectors, texts, strict=True)]
    index.write("contact", items, "bench")
    return ids


def graph_search(store: GraphStore, vectors: np.ndarray, ids: list[str],
                 queries: np.ndarray, query_texts: list[str]) -> None:
    index = GraphVectorIndex(store, load_search_settings())
    search = HybridSearch(store, get_encoder(), load_search_settings())
    lat, rec, hyb = [], [], []
    for q, text in zip(queries, query_texts, strict=True):
        started = time.perf_counter()
        found = index.nearest("contact", q, 10)
        lat.append((time.perf_counter() - started) * 1000)
        rec.append(recall([n.id for n in found], exact_top(vectors, q), ids))
        query = SearchQuery(text=text, types=("contact",), k=10)
        hyb.append(timed(lambda query=query: search.search(query)) * 1000)
    p50, p95 = pct(lat)
    print(f"graph vector search ({len(ids):,} entities, FalkorDB index): p50 {p50:.1f} ms, "
          f"p95 {p95:.1f} ms, recall@10 {statistics.mean(rec):.3f}")
    p50, p95 = pct(hyb)
    print(f"hybrid search (query encoding + vector + full-text + fusion): p50 {p50:.1f} ms, "
          f"p95 {p95:.1f} ms")


def evidence_search(chunks: EvidenceIndex, vectors: np.ndarray, texts: list[str],
                    queries: np.ndarray) -> None:
    ids = [f"ev_{i:07d}" for i in range(len(vectors))]
    t0 = datetime(2025, 1, 1, tzinfo=UTC)
    chunks.ensure()
    chunks.drop_hnsw()
    load = 0.0
    for start in range(0, len(ids), 20_000):
        part = [Chunk(ids[i], 0, "EMAIL", t0 + timedelta(minutes=i), (), texts[i])
                for i in range(start, min(start + 20_000, len(ids)))]
        load += timed(lambda part=part, start=start: chunks.upsert(
            part, list(vectors[start:start + len(part)])))
    build = timed(chunks.build_hnsw)
    print(f"pgvector: loaded {len(ids):,} chunks in {load:.0f} s (COPY), HNSW built in "
          f"{build:.0f} s")
    lat, rec = [], []
    for q in queries:
        started = time.perf_counter()
        found = chunks.search_vector(q, 10)
        lat.append((time.perf_counter() - started) * 1000)
        rec.append(recall([h.source_id for h in found], exact_top(vectors, q), ids))
    p50, p95 = pct(lat)
    print(f"pgvector search ({len(ids):,} chunks, HNSW): p50 {p50:.1f} ms, p95 {p95:.1f} ms, "
          f"recall@10 {statistics.mean(rec):.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--entities", type=int, default=100_000)
    parser.add_argument("--chunks", type=int, default=300_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--base", type=int, default=3000, help="distinct real texts")
    parser.add_argument("--noise", type=float, default=0.03)
    parser.add_argument("--clients", type=int, default=40, help="demo size for texts")
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    rng = np.random.default_rng(7)
    with tempfile.TemporaryDirectory(prefix="rapport-bench-") as tmp:
        settings = load_settings(data_dir=Path(tmp) / "data", graph_name="bench_demo")
        store = open_store(settings)
        load_demo(store, build_demo(seed=42, as_of=AS_OF, clients=args.clients),
                  data_dir=settings.data_dir)
        entity_texts, sentences = real_texts(store)
        throughput(store, entity_texts, args.rounds)
        store.reset()
        pool = list(dict.fromkeys(entity_texts + sentences))
        base_texts = [pool[i] for i in rng.permutation(len(pool))[:args.base]]
        started = time.perf_counter()
        base = get_encoder().encode(base_texts)
        print(f"vectors: {len(base_texts):,} distinct real texts encoded in "
              f"{time.perf_counter() - started:.0f} s; each entity/chunk vector is one of "
              f"them + N(0, {args.noise}^2) noise per dimension, renormalised")
        pick, entities = perturbed(base, args.entities, args.noise, rng)
        qpick, queries = perturbed(base, args.queries, args.noise, rng)
        store_bench = open_store(load_settings(data_dir=Path(tmp) / "data",
                                               graph_name="bench_search"))
        store_bench.reset()
        ids = load_entities(store_bench, entities, [base_texts[i] for i in pick])
        graph_search(store_bench, entities, ids, queries, [base_texts[i] for i in qpick])
        del entities
        cpick, chunk_vectors = perturbed(base, args.chunks, args.noise, rng)
        evidence = open_evidence(settings, load_evidence_settings(pg_dsn=None))
        try:
            evidence_search(EvidenceIndex(evidence, get_encoder(), load_search_settings()),
                            chunk_vectors, [base_texts[i] for i in cpick], queries)
        finally:
            evidence.close()
            store_bench.close()
            store.close()


if __name__ == "__main__":
    main()

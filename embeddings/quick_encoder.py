"""An encoder adapter for short, latency-bound encodes: a search query, a question, a few
dozen facts. Every API route that encodes per request goes through `get_query_encoder()`.

A single sentence runs faster on one torch thread than on two, and far faster when other
processes share the cores (measured here: 10 ms p50 / 20 ms p95 on one thread against
90-500 ms on two under load). The thread count is process-wide in torch, so the switch is
made under a lock and restored after each call; bulk embedding elsewhere keeps its threads.

Single texts are also remembered (a bounded LRU): people and agents repeat their searches
and questions, and a repeated one then costs no model call at all.

When ONNX Runtime is installed and the model allows it, the model runs there instead
(embeddings/onnx_encoder.py: 7 ms against 21 ms a query); the torch switch is then harmless.
"""

from __future__ import annotations

import sys
import threading
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from typing import Any

import numpy as np

from embeddings.encoder import Encoder, get_encoder


class QuickEncoder(Encoder):
    """Wraps an encoder; every call runs on one torch thread; single texts are cached."""

    def __init__(self, inner: Encoder, *, cache_size: int = 1024) -> None:
        self.inner = inner
        self.model_name = inner.model_name
        self.dimension = inner.dimension
        self._lock = threading.Lock()
        self._cache_size = cache_size
        self._cache: OrderedDict[str, Any] = OrderedDict()

    def _encode(self, texts: list[str], batch_size: int | None) -> Any:
        if len(texts) == 1 and self._cache_size:
            return self._one(texts[0])
        with self._lock, _one_thread():
            return self.inner.encode(texts, batch_size)

    def _one(self, text: str) -> Any:
        with self._lock:
            cached = self._cache.get(text)
            if cached is not None:
                self._cache.move_to_end(text)
                return cached[np.newaxis, :]
            with _one_thread():
                vector = self.inner.encode([text])
            vector.setflags(write=False)  # shared by every caller of the same text
            self._cache[text] = vector[0]
            if len(self._cache) > self._cache_size:
                self._cache.popitem(last=False)
            return vector


@lru_cache(maxsize=1)
def get_query_encoder() -> Encoder:
    """The process-wide encoder for per-request encodes (search, ask, matching): on ONNX
    Runtime when it can reproduce the model, else on torch. The ONNX graph is exported or
    loaded on the first encode, not here."""
    from embeddings.onnx_encoder import make_onnx_encoder

    encoder = get_encoder()
    return QuickEncoder(make_onnx_encoder(encoder) or encoder)


@contextmanager
def _one_thread() -> Iterator[None]:
    # Only where torch is loaded already: on the ONNX path a process may never need it, and
    # importing it costs seconds and hundreds of MB. (A torch encoder's very first call
    # loads torch itself, so that one call runs on torch's default threads.)
    torch = sys.modules.get("torch")
    if torch is None or not hasattr(torch, "set_num_threads"):  # absent, or mid-import
        yield
        return
    before = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        yield
    finally:
        torch.set_num_threads(before)

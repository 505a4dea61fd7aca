"""An encoder adapter for short, latency-bound encodes (one question, a few dozen facts).

A single sentence runs faster on one torch thread than on two, and far faster when other
processes share the cores (measured here: 10 ms p50 / 20 ms p95 on one thread against
90-500 ms on two under load). The thread count is process-wide in torch, so the switch is
made under a lock and restored after each call; bulk embedding elsewhere keeps its threads.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from embeddings.encoder import Encoder


class QuickEncoder(Encoder):
    """Wraps an encoder; every call runs on one torch thread."""

    def __init__(self, inner: Encoder) -> None:
        self.inner = inner
        self.model_name = inner.model_name
        self.dimension = inner.dimension
        self._lock = threading.Lock()

    def _encode(self, texts: list[str], batch_size: int | None) -> Any:
        with self._lock, _one_thread():
            return self.inner.encode(texts, batch_size)


@contextmanager
def _one_thread() -> Iterator[None]:
    try:
        import torch
    except ImportError:  # an encoder without torch: nothing to switch
        yield
        return
    before = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        yield
    finally:
        torch.set_num_threads(before)

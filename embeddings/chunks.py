"""Evidence chunks: the text attached to entities (interaction subjects and summaries, notes),
cut into overlapping word windows, each with the nodes it mentions, its time and kind."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any


@dataclass(frozen=True)
class Chunk:
    source_id: str
    chunk_no: int
    kind: str
    at: datetime | None
    entity_ids: tuple[str, ...]
    text: str

    def content_hash(self, model: str) -> str:
        """Depends on the text and the model only: equal texts share one embedding."""
        return hashlib.sha256(f"{model}\n{self.text}".encode()).hexdigest()[:32]


def windows(text: str, size: int, overlap: int) -> list[str]:
    """Word windows of `size` words, neighbours sharing `overlap` words."""
    words = text.split()
    if len(words) <= size:
        return [" ".join(words)] if words else []
    step = max(1, size - overlap)
    return [" ".join(words[i:i + size]) for i in range(0, len(words) - overlap, step)]


def _flatten(nested: Any) -> Iterator[str]:
    for item in nested or ():
        if isinstance(item, list):
            yield from _flatten(item)
        elif item:
            yield str(item)


def interaction_chunks(row: dict[str, Any], size: int, overlap: int) -> list[Chunk]:
    """Chunks of one `embeddings/source/interaction` row: subject and summary together."""
    text = ". ".join(p.strip() for p in (row.get("subject"), row.get("summary"))
                     if p and p.strip())
    # Sorted: the engine returns them in no fixed order, and a reorder is no change.
    mentioned = tuple(sorted({*_flatten(row.get("people")), *_flatten(row.get("accounts"))}))
    return [Chunk(source_id=str(row["id"]), chunk_no=n, kind=str(row.get("kind") or "NOTE"),
                  at=row.get("at"), entity_ids=mentioned, text=piece)
            for n, piece in enumerate(windows(text, size, overlap))]

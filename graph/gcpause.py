"""Keep Python's cyclic garbage collector out of bulk work.

Generating, importing or loading a graph builds millions of small objects with no reference
cycles worth collecting early; each automatic collection would rescan all of them.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def cyclic_gc_paused() -> Iterator[None]:
    """No cyclic collections inside the block (reference counting still frees memory)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@contextmanager
def existing_objects_frozen() -> Iterator[None]:
    """Collections inside the block skip every object that existed before it (the input
    records of a load), but still clean up what the block itself creates."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()

"""Shared plumbing: seeded sub-streams, times derived from as_of, fast model building."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, TypeVar, cast

from pydantic import BaseModel

from graph.model import NodeRef
from graph.synth.config import SynthConfig

M = TypeVar("M", bound=BaseModel)


def clamp(value: float, low: float, high: float) -> float:
    return max(low, min(high, value))


@dataclass
class Ctx:
    """What every part of the generator needs: config, clock, refs and sub-streams."""

    cfg: SynthConfig
    end: datetime = field(init=False)
    refs: dict[str, NodeRef] = field(default_factory=dict)
    field_sets: dict[type[BaseModel], set[str]] = field(default_factory=dict)
    factories: dict[type[BaseModel], tuple[tuple[str, Callable[[], Any]], ...]] = field(
        default_factory=dict)
    source: str = field(init=False)

    def __post_init__(self) -> None:
        # All times derive from as_of (midnight UTC) so no wall clock leaks in.
        self.end = datetime.combine(self.cfg.as_of, time(0, 0), tzinfo=UTC)
        self.source = self.cfg.source  # one shared string for millions of `sources` lists

    def build(self, model: type[M], **fields: Any) -> M:
        """Build without validation (bulk speed); callers pass correctly typed values.

        All instances of a model share one fields-set: a set per object would cost ~0.5 KB
        times millions of edges. Defaults made by a factory are filled in here: left to
        `model_construct`, each one costs an `inspect.signature` of the factory (~0.4 ms for a
        builtin like `list`), which was half the generator's time.
        """
        shared = self.field_sets.get(model)
        if shared is None:
            shared = self.field_sets[model] = set(model.model_fields)
        for name, factory in self._factories(model):
            if name not in fields:
                fields[name] = factory()
        return model.model_construct(_fields_set=shared, **fields)

    def _factories(self, model: type[BaseModel]) -> tuple[tuple[str, Callable[[], Any]], ...]:
        found = self.factories.get(model)
        if found is None:
            found = self.factories[model] = tuple(
                (name, cast(Callable[[], Any], info.default_factory))
                for name, info in model.model_fields.items()
                if info.default_factory is not None
                and not info.default_factory_takes_validated_data)
        return found

    def rng(self, part: str) -> random.Random:
        # String seeds are hashed with SHA-512 by random, independent of PYTHONHASHSEED.
        return random.Random(f"{self.cfg.seed}:{part}")

    def sources(self) -> list[str]:
        return [self.source]

    def ref(self, label: str, node_id: str) -> NodeRef:
        """One shared NodeRef per node (frozen), so a million edges do not copy them."""
        found = self.refs.get(node_id)
        if found is None:
            found = self.build(NodeRef, label=label, id=node_id)
            self.refs[node_id] = found
        return found

    def days_ago(self, days: float) -> datetime:
        # Whole seconds: synthetic timestamps look like the ones CRMs export.
        return self.end - timedelta(seconds=int(days * 86400))

    def stamp(self, rng: random.Random, oldest_days: float, newest_days: float = 1.0
              ) -> tuple[datetime, datetime]:
        """(created_at, updated_at) somewhere between oldest_days and newest_days ago."""
        created = self.days_ago(rng.uniform(newest_days, oldest_days))
        age = (self.end - created).total_seconds()
        updated = created + timedelta(seconds=int(rng.uniform(0, age)))
        return created, updated

    def date_ago(self, days: float) -> date:
        return self.cfg.as_of - timedelta(days=int(days))

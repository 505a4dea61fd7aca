"""Seed the store with the synthetic demo: generate, bulk load, keep the truth apart."""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from graph.errors import InvalidInput
from graph.loader import BulkLoader, LoadReport, Progress
from graph.store.base import GraphStore

if TYPE_CHECKING:
    from graph.synth import SynthDataset
    from graph.synth.generator import Progress as GenerateProgress

_SCALE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kKmM]?)\s*$")


def parse_scale(text: str) -> int:
    """'100k' -> 100000, '1.5M' -> 1500000, '2500' -> 2500 (number of contacts)."""
    match = _SCALE.match(text)
    if not match:
        raise InvalidInput(f"--scale {text!r}: expected a number of contacts like 5000, 100k or 1M")
    number, unit = float(match.group(1)), match.group(2).lower()
    value = int(number * {"": 1, "k": 1_000, "m": 1_000_000}[unit])
    if value < 1:
        raise InvalidInput("--scale must be at least 1 contact")
    return value


@dataclass(frozen=True)
class DemoReport:
    load: LoadReport
    truth_path: Path
    generated_s: float


def truth_path(data_dir: Path, seed: int) -> Path:
    """Ground truth lives beside the data folder, never in the graph."""
    return data_dir.expanduser().resolve().parent / "truth" / f"synth-seed{seed}.json"


def check_demo_seed(store: GraphStore, seed: int) -> None:
    """Reloading the same seed is a no-op; loading another one over it would overwrite
    records that share ids, so it is refused."""
    wanted = f"synth:seed={seed}"
    others = [r["source"] for r in store.read("stats/demo_sources") if r["source"] != wanted]
    if others:
        raise InvalidInput(f"the graph already holds the demo from {others[0]}; loading "
                           f"{wanted} over it would mix two datasets",
                           hint="run rapport reset --yes first, or use another RAPPORT_DATA_DIR")


def build_demo(*, seed: int, as_of: date, contacts: int | None = None,
               clients: int | None = None,
               progress: GenerateProgress | None = None) -> SynthDataset:
    """The seeded dataset: 250 clients by default, or enough clients for `contacts`."""
    from graph.synth import SynthConfig, generate

    if contacts is not None:
        config = SynthConfig.for_contacts(contacts, seed=seed, as_of=as_of)
    else:
        config = SynthConfig(seed=seed, as_of=as_of, **({"clients": clients} if clients else {}))
    return generate(config, progress=progress)


def load_demo(store: GraphStore, dataset: SynthDataset, *, data_dir: Path,
              batch_size: int = 10_000, progress: Progress | None = None) -> LoadReport:
    """Load the dataset (idempotent per seed) and write its ground truth apart."""
    report = BulkLoader(store, batch_size=batch_size, progress=progress).load(
        dataset.nodes, dataset.edges)
    path = truth_path(data_dir, dataset.config.seed)
    path.parent.mkdir(parents=True, exist_ok=True)
    dataset.truth.write(path)
    return report


def seed_demo(store: GraphStore, *, data_dir: Path, seed: int, as_of: date,
              contacts: int | None = None, clients: int | None = None,
              batch_size: int = 10_000, progress: Progress | None = None) -> DemoReport:
    """Generate and load in one call."""
    started = time.perf_counter()
    dataset = build_demo(seed=seed, as_of=as_of, contacts=contacts, clients=clients)
    generated_s = time.perf_counter() - started
    report = load_demo(store, dataset, data_dir=data_dir, batch_size=batch_size,
                       progress=progress)
    return DemoReport(load=report, truth_path=truth_path(data_dir, seed),
                      generated_s=generated_s)

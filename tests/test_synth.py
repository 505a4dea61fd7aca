"""Tests of the synthetic graph generator (graph/synth)."""

from __future__ import annotations

import hashlib
import json
import os
import random
import subprocess
import sys
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any, TypeVar, cast

import pytest

from graph.model import (
    EDGE_BY_TYPE,
    NODE_BY_LABEL,
    Account,
    AccountStage,
    Deal,
    DealStage,
    Interaction,
    Knows,
    WorksAt,
)
from graph.synth import GroundTruth, SynthConfig, SynthDataset, generate, pair_key

AS_OF = date(2026, 11, 22)
ROOT = Path(__file__).resolve().parents[1]
T = TypeVar("T")


def _typed(items: list[Any], cls: type[T]) -> list[T]:
    """The nodes/edges of one label or type, as their concrete model class."""
    assert all(isinstance(item, cls) for item in items)
    return cast(list[T], items)


@pytest.fixture(scope="module")
def small() -> SynthDataset:
    return generate(SynthConfig(seed=7, clients=20, as_of=AS_OF))


@pytest.fixture(scope="module")
def default() -> SynthDataset:
    return generate(SynthConfig(seed=42, as_of=AS_OF))


def _fingerprint(ds: SynthDataset) -> str:
    """A compact digest of every node, edge and truth value, in order."""
    digest = hashlib.sha256()
    for label, nodes in ds.nodes.items():
        for node in nodes:
            digest.update(f"{label}{node.model_dump_json()}".encode())
    for rel, edges in ds.edges.items():
        for edge in edges:
            digest.update(f"{rel}{edge.model_dump_json()}".encode())
    digest.update(ds.truth.model_dump_json().encode())
    return digest.hexdigest()


def test_deterministic_in_process(small: SynthDataset) -> None:
    again = generate(SynthConfig(seed=7, clients=20, as_of=AS_OF))
    assert _fingerprint(again) == _fingerprint(small)
    other = generate(SynthConfig(seed=8, clients=20, as_of=AS_OF))
    assert _fingerprint(other) != _fingerprint(small)


def test_deterministic_across_processes(small: SynthDataset) -> None:
    code = (
        "import sys; from datetime import date; sys.path.insert(0, '.');"
        "from tests.test_synth import _fingerprint;"
        "from graph.synth import SynthConfig, generate;"
        "print(_fingerprint(generate(SynthConfig(seed=7, clients=20, as_of=date(2026,11,22)))))"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, check=True,
                         capture_output=True, text=True).stdout.strip()
    assert out == _fingerprint(small)


def test_ids_unique_and_prefixed(small: SynthDataset) -> None:
    prefixes = {"Member": "mem_", "Account": "acc_", "Contact": "ct_", "Property": "prop_",
                "Deal": "deal_", "StageChange": "sc_", "Interaction": "int_"}
    assert list(small.nodes) == list(prefixes)
    ids = [n.id for nodes in small.nodes.values() for n in nodes]
    assert len(ids) == len(set(ids))
    for label, nodes in small.nodes.items():
        assert nodes, label
        assert all(n.id.startswith(prefixes[label]) for n in nodes)
        assert all(n.sources == ["synth:seed=7"] for n in nodes)


def test_referential_integrity(small: SynthDataset) -> None:
    labels = {n.id: label for label, nodes in small.nodes.items() for n in nodes}
    for rel, edges in small.edges.items():
        for e in edges:
            assert labels.get(e.src.id) == e.src.label, (rel, e.src)
            assert labels.get(e.dst.id) == e.dst.label, (rel, e.dst)
        identities = [e.identity for e in edges]
        assert len(identities) == len(set(identities)), rel


def test_every_deal_has_one_account_and_stakeholders_work_there(default: SynthDataset) -> None:
    has_deal = Counter(e.dst.id for e in default.edges["HAS_DEAL"])
    assert all(has_deal[d.id] == 1 for d in _typed(default.nodes["Deal"], Deal))
    account_of = {e.dst.id: e.src.id for e in default.edges["HAS_DEAL"]}
    works = _typed(default.edges["WORKS_AT"], WorksAt)
    current = {(e.src.id, e.dst.id) for e in works if e.current}
    exceptions = {(x.deal_id, x.contact_id) for x in default.truth.stakeholder_exceptions}
    assert exceptions, "expected a few external advisors"
    for e in default.edges["STAKEHOLDER_IN"]:
        at_account = (e.src.id, account_of[e.dst.id]) in current
        assert at_account or (e.dst.id, e.src.id) in exceptions


def test_sample_of_every_label_and_type_validates(default: SynthDataset) -> None:
    rng = random.Random(0)
    for label, nodes in default.nodes.items():
        for node in rng.sample(nodes, min(300, len(nodes))):
            NODE_BY_LABEL[label].model_validate(node.model_dump())
    for rel, edges in default.edges.items():
        assert edges, rel
        for edge in rng.sample(edges, min(300, len(edges))):
            EDGE_BY_TYPE[rel].model_validate(edge.model_dump())


def test_truth_kept_apart(small: SynthDataset, tmp_path: Path) -> None:
    knows = _typed(small.edges["KNOWS"], Knows)
    assert all(e.strength is None and e.explicit_strength is None for e in knows)
    keys = [f"{e.src.id}|{e.dst.id}" for e in knows]
    assert all(pair_key(e.src.id, e.dst.id) == k for e, k in zip(knows, keys, strict=True))
    assert set(keys) == set(small.truth.tie_strength)
    assert all(0 <= v <= 100 for v in small.truth.tie_strength.values())
    assert set(small.truth.one_way_pairs) <= set(keys)
    path = small.truth.write(tmp_path / "truth.json")
    assert GroundTruth.read(path) == GroundTruth.model_validate(json.loads(path.read_text()))
    assert GroundTruth.read(path).tie_strength == small.truth.tie_strength


def test_knows_evidence_matches_interactions(small: SynthDataset) -> None:
    counted = [e for e in _typed(small.edges["KNOWS"], Knows) if e.interaction_count]
    assert counted
    for e in counted:
        assert e.first_seen is not None and e.last_seen is not None
        assert e.first_seen <= e.last_seen


def test_for_contacts_picks_enough_clients() -> None:
    cfg = SynthConfig.for_contacts(2_000, seed=3, as_of=AS_OF)
    ds = generate(cfg)
    counts = ds.counts()
    assert counts["Contact"] >= 2_000
    assert counts["KNOWS"] >= 8 * counts["Contact"]


def test_distributions(default: SynthDataset) -> None:
    closed = list(default.truth.deal_drivers.values())
    win_rate = sum(d.won for d in closed) / len(closed)
    assert 0.20 <= win_rate <= 0.45
    stages = {d.stage for d in _typed(default.nodes["Deal"], Deal)}
    assert set(DealStage.open_stages()) <= stages
    accounts = Counter(a.stage for a in _typed(default.nodes["Account"], Account))
    assert accounts[AccountStage.AT_RISK] > 0 and accounts[AccountStage.CHURNED] > 0
    assert default.truth.one_way_pairs and default.truth.deteriorating_accounts
    assert 20_000 <= len(_typed(default.nodes["Interaction"], Interaction)) <= 60_000
    assert len(default.nodes["Property"]) >= 2_000
    assert len(default.nodes["Member"]) >= 12


def test_contacts_per_account(default: SynthDataset) -> None:
    per_account = Counter(e.dst.id for e in _typed(default.edges["WORKS_AT"], WorksAt) if e.current)
    assert len(per_account) == len(_typed(default.nodes["Account"], Account))
    assert all(5 <= n <= 40 for n in per_account.values())
    bosses = Counter(e.src.id for e in default.edges["REPORTS_TO"])
    assert all(n == 1 for n in bosses.values())  # a tree: one manager each
    assert len(bosses) == len(default.nodes["Contact"]) - len(default.nodes["Account"])


def test_times_never_after_as_of(default: SynthDataset) -> None:
    end = max(i.at for i in _typed(default.nodes["Interaction"], Interaction))
    assert end.date() < AS_OF
    futures = [d for d in _typed(default.nodes["Deal"], Deal)
               if not d.stage.is_closed and d.expected_close and d.expected_close > AS_OF]
    assert futures


def test_config_validation() -> None:
    with pytest.raises(ValueError):
        SynthConfig(clients=0)
    assert SynthConfig(clients=16).member_count == 12
    assert SynthConfig(clients=400).member_count == 50

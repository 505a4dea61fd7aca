"""Validation on a small synthetic seed: scores rank like the generator's hidden strengths."""

from __future__ import annotations

import statistics
from datetime import date
from pathlib import Path

import pytest

from graph.demo import build_demo, load_demo
from graph.store import GraphStore
from graph.synth.truth import GroundTruth
from intel.strength import load_strength_settings, rescore
from intel.strength.validation import stored_scores, validate

AS_OF = date(2026, 11, 22)


@pytest.fixture
def synthetic(store: GraphStore, tmp_path: Path) -> tuple[GraphStore, GroundTruth]:
    dataset = build_demo(seed=7, as_of=AS_OF, clients=30)
    load_demo(store, dataset, data_dir=tmp_path / "data")
    return store, dataset.truth


def test_scores_follow_the_true_tie_strength(synthetic: tuple[GraphStore, GroundTruth]) -> None:
    store, truth = synthetic
    report = rescore(store, load_strength_settings(), AS_OF)
    assert report.pairs_scored >= len(truth.tie_strength)
    scores = stored_scores(store)
    result = validate(scores, truth.tie_strength,
                      set(truth.one_way_pairs))
    assert result.pairs == len(truth.tie_strength)
    assert result.spearman_all >= 0.75
    assert result.spearman_member_contact >= 0.7
    assert result.spearman_contact_contact >= 0.75
    # A one-way tie (only the member writes) never outranks a regular two-way member tie.
    assert result.one_way_max is not None and result.two_way_member_median is not None
    assert result.one_way_max <= result.two_way_member_median
    one_way = set(truth.one_way_pairs)
    member = [k for k in truth.tie_strength if k.startswith("mem_")]
    assert statistics.median(scores[k] for k in one_way) < statistics.median(
        scores[k] for k in member if k not in one_way)

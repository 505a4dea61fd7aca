"""Seeded, deterministic generator of realistic synthetic client graphs (with ground truth).

    cfg = SynthConfig(seed=42, clients=250, as_of=date(2026, 11, 22))
    ds = generate(cfg)            # ds.nodes, ds.edges, ds.truth, ds.counts()
"""

from graph.synth.config import SynthConfig
from graph.synth.generator import SynthDataset, generate
from graph.synth.keys import pair_key
from graph.synth.truth import DealDriver, GroundTruth, StakeholderException

__all__ = ["DealDriver", "GroundTruth", "StakeholderException", "SynthConfig", "SynthDataset",
           "generate", "pair_key"]

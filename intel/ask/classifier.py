"""Intent classification by embedding similarity to the intents' example questions."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from intel.ask.intents import INTENTS, PLACEHOLDERS, Intent
from intel.ask.linker import Entity

if TYPE_CHECKING:
    from embeddings.encoder import Encoder

# A bonus when the question's own noun ("deals", "accounts") names the intent's subject.
_TARGET_BONUS = 0.12
_CUE_BONUS = 0.15
_WRITE = re.compile(
    r"^\s*(please\s+)?(update|set|create|insert|merge|rename|change|modify|add|reset|clear|"
    r"move|assign|mark|write|store|put)\b|\b(delete|remove|drop|wipe|erase|"
    r"destroy|truncate|detach|overwrite)\b|ignore (all |any |your |previous |the )+"
    r"(instructions|rules)|\b(set|create|merge|remove)\b.*(\w\.\w+\s*=|\(\s*\w*\s*:)")


@dataclass(frozen=True)
class Classified:
    intent: Intent
    score: float
    runner_up: str | None
    blocked: Intent | None = None  # a better intent that needs an entity none was linked for


def masked(folded: str, entities: Sequence[Entity]) -> str:
    """The question with each linked mention replaced by its kind's placeholder."""
    text = folded
    for entity in entities:
        text = text.replace(entity.span, PLACEHOLDERS.get(entity.kind, entity.kind))
    return text


def is_write_request(folded: str) -> bool:
    """A request to change data (or to drop the rules): refused before any planning."""
    return _WRITE.search(folded) is not None


class IntentClassifier:
    """Embeds every example once; `classify()` embeds one question."""

    def __init__(self, encoder: Encoder, intents: Sequence[Intent] = INTENTS,
                 neutralize: Callable[[str], str] = str) -> None:
        self.encoder = encoder
        self.intents = tuple(intents)
        self.neutralize = neutralize
        texts = [neutralize(e) for i in self.intents for e in i.examples]
        self._owner = np.array([n for n, i in enumerate(self.intents) for _ in i.examples])
        self._vectors = encoder.encode(texts)

    def classify(self, text: str, kinds: set[str], target: str | None) -> Classified:
        sims = self._vectors @ self.encoder.encode_one(self.neutralize(text))
        scores = np.full(len(self.intents), -1.0)
        np.maximum.at(scores, self._owner, sims)
        ranked: list[tuple[float, Intent]] = []
        blocked: list[tuple[float, Intent]] = []
        for n, intent in enumerate(self.intents):
            bonus = _TARGET_BONUS if target and intent.target == target else 0.0
            if intent.cue and re.search(intent.cue, text):
                bonus += _CUE_BONUS
            elif intent.cue_required:
                bonus -= _CUE_BONUS
            missing = bool(intent.needs) and not kinds.intersection(intent.needs)
            (blocked if missing else ranked).append((float(scores[n]) + bonus, intent))
        ranked.sort(key=lambda pair: -pair[0])
        best_score, best = ranked[0]
        runner_up = ranked[1][1].name if len(ranked) > 1 else None
        wanted = max(blocked, key=lambda pair: pair[0], default=None)
        better = wanted[1] if wanted and wanted[0] > best_score else None
        return Classified(best, best_score, runner_up, better)

"""`LLMManifestReviewer`: the gateway corrects a proposed manifest (alias `fast`). It sees
column names and masked value shapes, never values; its answer is checked by
`graph.imports.suggest` like a hand-written manifest."""

from __future__ import annotations

from pydantic import ValidationError

from graph.imports.suggest import ManifestReviewer
from intel.llm.errors import LLMUnavailable
from intel.llm.gateway import LLMGateway, build_gateway
from intel.llm.settings import LLMSettings
from intel.manifest.prompts import ManifestPrompt, parse_answer


class LLMManifestReviewer(ManifestReviewer):
    def __init__(self, gateway: LLMGateway) -> None:
        self.gateway = gateway

    def _review(self, header: list[str], shapes: dict[str, list[str]],
                proposed: dict[str, str]) -> dict[str, str | None]:
        try:
            prompt = ManifestPrompt(header=header, shapes=shapes, proposed=proposed)
        except ValidationError as e:  # e.g. more columns than a prompt carries
            raise LLMUnavailable(f"not sent: {e.errors()[0]['msg']}") from e
        return parse_answer(self.gateway.complete("fast", prompt.messages()).text)


def build_manifest_reviewer(settings: LLMSettings) -> LLMManifestReviewer | None:
    """The reviewer when an LLM is configured (RAPPORT_LLM_CONFIG), else None."""
    gateway = build_gateway(settings)
    return None if gateway is None else LLMManifestReviewer(gateway)

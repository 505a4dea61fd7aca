"""Liveness: answers while the process runs, without touching the engines."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter
from pydantic import BaseModel

router = APIRouter(tags=["health"])


class Health(BaseModel):
    status: Literal["ok"] = "ok"


@router.get("/health", operation_id="health", summary="Liveness probe")
def health() -> Health:
    return Health()

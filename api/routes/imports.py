"""Imports over HTTP: upload (stage) a file, read its preview, approve (commit) or undo it.

The multipart body is parsed with the standard library (`email`), so the API needs no extra
dependency; its size is checked while it streams in (RAPPORT_IMPORT_MAX_UPLOAD_MB, 413).
"""

from __future__ import annotations

import logging
from email.message import EmailMessage
from email.parser import BytesParser
from email.policy import HTTP
from typing import Annotated, Any

from fastapi import APIRouter, BackgroundTasks, Depends, Query, Request, Response
from starlette.concurrency import run_in_threadpool

from api.auth.deps import PrincipalDep
from api.deps import EvidenceDep, StoreDep
from graph.errors import InvalidInput, PayloadTooLarge, RapportError
from graph.evidence import EvidenceStore
from graph.evidence.settings import EvidenceSettings, get_evidence_settings
from graph.imports import (
    DuplicateDecisionRequest,
    DuplicateDecisionResult,
    ImportService,
    Preview,
    UndoResult,
    parse_manifest,
)
from graph.imports.errors import BatchStateError
from graph.store import GraphStore

router = APIRouter(prefix="/v1", tags=["imports"])


_log = logging.getLogger("rapport.imports")


EvidenceSettingsDep = Annotated[EvidenceSettings, Depends(get_evidence_settings)]

_UPLOAD_SCHEMA: dict[str, Any] = {
    "requestBody": {"required": True, "content": {"multipart/form-data": {"schema": {
        "type": "object", "required": ["file"],
        "properties": {
            "file": {"type": "string", "format": "binary", "description": "the export"},
            "profile": {"type": "string", "default": "auto",
                        "description": "profile name, or auto (detected from the header)"},
            "member": {"type": "string", "description": "member id/email (LinkedIn: owner)"},
            "mapping": {"type": "string", "format": "binary",
                        "description": "YAML mapping manifest (generic CSV, or overrides)"},
        }}}}}}
_ERRORS: dict[int | str, dict[str, Any]] = {
    404: {"description": "Unknown batch or member"},
    409: {"description": "The batch is not in a state that allows this"},
    413: {"description": "Upload over RAPPORT_IMPORT_MAX_UPLOAD_MB"},
    422: {"description": "Unreadable file, wrong profile or invalid form"},
}


async def _read_limited(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise PayloadTooLarge(f"upload of {int(declared):,} bytes is over the limit of "
                              f"{limit:,}", hint="RAPPORT_IMPORT_MAX_UPLOAD_MB")
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise PayloadTooLarge(f"upload is over the limit of {limit:,} bytes",
                                  hint="RAPPORT_IMPORT_MAX_UPLOAD_MB")
        chunks.append(chunk)
    return b"".join(chunks)


def parse_multipart(content_type: str, body: bytes) -> dict[str, tuple[str | None, bytes]]:
    """Form parts by name: (file name, bytes)."""
    if not content_type.lower().startswith("multipart/form-data") or "boundary=" not in \
            content_type:
        raise InvalidInput("send the file as multipart/form-data (field 'file')")
    head = f"Content-Type: {content_type}\r\nMIME-Version: 1.0\r\n\r\n".encode("latin-1")
    message = BytesParser(policy=HTTP).parsebytes(head + body)
    if not isinstance(message, EmailMessage) or not message.is_multipart():
        raise InvalidInput("malformed multipart body")
    parts: dict[str, tuple[str | None, bytes]] = {}
    for part in message.iter_parts():
        if not isinstance(part, EmailMessage):
            continue
        name = part.get_param("name", header="content-disposition")
        if not isinstance(name, str):
            continue
        payload = part.get_payload(decode=True)
        parts[name] = (part.get_filename(), payload if isinstance(payload, bytes) else b"")
    return parts


@router.post("/imports", operation_id="stage_import", summary="Upload and stage an import",
             status_code=201, responses=_ERRORS, openapi_extra=_UPLOAD_SCHEMA)
async def stage_import(request: Request, store: StoreDep, evidence: EvidenceDep,
                       settings: EvidenceSettingsDep, principal: PrincipalDep) -> Preview:
    """Read, validate and resolve the file, stage it and return the preview (nothing is
    committed until approved). The same file again returns its existing batch."""
    limit = int(settings.import_max_upload_mb * 1024 * 1024)
    body = await _read_limited(request, limit)
    parts = parse_multipart(request.headers.get("content-type", ""), body)
    if "file" not in parts:
        raise InvalidInput("the form has no 'file' part")
    file_name, data = parts["file"]
    profile = parts.get("profile", (None, b"auto"))[1].decode("utf-8", "replace").strip()
    member_raw = parts.get("member", (None, b""))[1].decode("utf-8", "replace").strip()
    mapping = None
    if "mapping" in parts:
        import yaml

        try:
            mapping = parse_manifest(yaml.safe_load(parts["mapping"][1]), "mapping")
        except yaml.YAMLError as e:
            raise InvalidInput(f"mapping: not YAML ({e})") from e
    service = ImportService(store, evidence, settings)
    return await run_in_threadpool(
        service.stage, profile or "auto", file_name or "upload", data,
        member=member_raw or None, mapping=mapping, actor=principal.key_id)


@router.get("/imports/{batch_id}", operation_id="get_import", summary="Preview of a batch",
            responses={404: _ERRORS[404]})
def get_import(batch_id: int, store: StoreDep, evidence: EvidenceDep) -> Preview:
    return ImportService(store, evidence).preview(batch_id)


@router.post("/imports/{batch_id}/approve", operation_id="approve_import",
             summary="Approve and commit a staged batch",
             responses={202: {"description": "Commit started (background=true): poll "
                                             "GET /v1/imports/{id} for its progress"},
                        404: _ERRORS[404], 409: _ERRORS[409]})
def approve_import(batch_id: int, store: StoreDep, evidence: EvidenceDep,
                   principal: PrincipalDep,
                   tasks: BackgroundTasks, response: Response,
                   background: Annotated[bool, Query(
                       description="Answer at once (202) and commit in the background; "
                                   "the preview's `progress` says how far it got")] = False,
                   ) -> Preview:
    """Commits the batch, then rescores the relationships its new interactions touch."""
    service = ImportService(store, evidence)
    if not background:
        preview = service.approve(batch_id, actor=principal.key_id)
        _rescore(store, evidence, batch_id)
        return preview
    staged = service.preview(batch_id)
    if staged.status != "staged":
        raise BatchStateError(f"batch {batch_id} is {staged.status}; this needs a staged batch")
    evidence.set_progress(batch_id, "commit", 0, staged.rows - staged.rejected)
    tasks.add_task(_approve_in_background, service, batch_id, principal.key_id)
    response.status_code = 202
    return service.preview(batch_id)


def _rescore(store: GraphStore, evidence: EvidenceStore, batch_id: int) -> None:
    from api.rescore_hook import rescore_after_import

    rescore_after_import(store, evidence, batch_id)


def _approve_in_background(service: ImportService, batch_id: int, actor: str) -> None:
    """A failed commit is reverted by approve itself (the batch is staged again, with the
    reason in its audit trail); here it is only logged, as no request waits for it."""
    try:
        service.approve(batch_id, actor=actor)
        _rescore(service.store, service.evidence, batch_id)
    except RapportError as e:
        _log.error("background approve of batch %s failed: %s", batch_id, e)


@router.post("/imports/{batch_id}/undo", operation_id="undo_import",
             summary="Undo a committed batch", responses={404: _ERRORS[404], 409: _ERRORS[409]})
def undo_import(batch_id: int, store: StoreDep, evidence: EvidenceDep,
                principal: PrincipalDep) -> UndoResult:
    return ImportService(store, evidence).undo(batch_id, actor=principal.key_id)


@router.post("/imports/{batch_id}/duplicates/{number}", operation_id="decide_duplicate",
             summary="Merge or split a probable duplicate of a staged batch",
             responses={404: {"description": "Unknown batch or duplicate number"},
                        409: _ERRORS[409]})
def decide_duplicate(batch_id: int, number: int, body: DuplicateDecisionRequest,
                     store: StoreDep, evidence: EvidenceDep,
                     principal: PrincipalDep) -> DuplicateDecisionResult:
    """merge: the row updates the existing node; split: it becomes a new node. Approve
    honours the decision; without one, the preview's default verdict stands."""
    return ImportService(store, evidence).decide_duplicate(batch_id, number, body.decision,
                                                           actor=principal.key_id)

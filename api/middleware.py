"""One ASGI middleware for what every request gets: a request id (X-Request-ID, echoed or
made), a body size limit (413), one structured JSON log line and, for agent keys and for
writes, a row in the API audit trail.

Pure ASGI rather than BaseHTTPMiddleware so streamed bodies are counted as they arrive and
the response is never buffered.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import time
import uuid
from collections.abc import Callable
from typing import Any

from anyio import to_thread
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.audit import ApiCall, AuditLog, must_audit
from api.auth.roles import Principal
from api.errors import problem
from graph.errors import PayloadTooLarge

log = logging.getLogger("rapport.api")
_GIVEN_ID = re.compile(r"^[A-Za-z0-9._:-]{1,64}$")
LimitFor = Callable[[str, str], int]


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key.lower() == name:
            return bytes(value).decode("latin-1")
    return None


class _Exchange:
    """What one request sent and got: counted and hashed on the way through."""

    def __init__(self, scope: Scope, limit: int) -> None:
        self.scope = scope
        self.limit = limit
        self.received = 0
        self.sent = 0
        self.status = 500
        self.too_large = False
        self.hasher = hashlib.sha256(f"{scope['method']} {scope['path']}?".encode()
                                     + scope.get("query_string", b""))
        self.started = time.perf_counter()

    def on_receive(self, message: Message) -> None:
        if message["type"] == "http.request":
            body = message.get("body", b"")
            self.received += len(body)
            if self.received > self.limit:
                self.too_large = True
                raise PayloadTooLarge(f"request body is over the limit of {self.limit:,} "
                                      "bytes", hint="RAPPORT_API_MAX_BODY_KB")
            self.hasher.update(body)

    def receiver(self, receive: Receive) -> Receive:
        async def counted_receive() -> Message:
            message = await receive()
            self.on_receive(message)
            return message

        return counted_receive

    def sender(self, send: Send, request_id: str) -> Send:
        async def tagged_send(message: Message) -> None:
            if self.too_large:
                return  # whatever the app made of the cut body, the answer is 413
            if message["type"] == "http.response.start":
                self.status = int(message["status"])
                headers = [*message.get("headers", []), (b"x-request-id", request_id.encode())]
                message = {**message, "headers": headers}
            elif message["type"] == "http.response.body":
                self.sent += len(message.get("body", b""))
            await send(message)

        return tagged_send

    def call(self) -> ApiCall:
        route = self.scope.get("route")
        return ApiCall(method=self.scope["method"],
                       route=str(getattr(route, "path", self.scope["path"])),
                       operation=getattr(route, "operation_id", None), status=self.status,
                       params_sha256=self.hasher.hexdigest(), result_bytes=self.sent,
                       duration_ms=round((time.perf_counter() - self.started) * 1000, 2),
                       request_id=self.scope["state"]["request_id"])


class ApiMiddleware:
    def __init__(self, app: ASGIApp, limit_for: LimitFor) -> None:
        self.app = app
        self.limit_for = limit_for

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        given = _header(scope, b"x-request-id")
        request_id = given if given and _GIVEN_ID.match(given) else uuid.uuid4().hex
        scope.setdefault("state", {})["request_id"] = request_id
        exchange = _Exchange(scope, self.limit_for(scope["method"], scope["path"]))
        declared = _header(scope, b"content-length")
        if declared and declared.isdigit() and int(declared) > exchange.limit:
            await self._refuse(exchange, request_id, send)
            return

        try:
            await self.app(scope, exchange.receiver(receive), exchange.sender(send, request_id))
        except PayloadTooLarge:
            if not exchange.too_large:
                raise
        if exchange.too_large:
            await self._refuse(exchange, request_id, send)
            return
        await self._after(exchange)

    async def _refuse(self, exchange: _Exchange, request_id: str, send: Send) -> None:
        error = PayloadTooLarge(f"request body is over the limit of {exchange.limit:,} bytes",
                                hint="RAPPORT_API_MAX_BODY_KB")
        response = problem(error.status, error.type, error.title, error.message,
                           exchange.scope["path"], hint=error.hint)
        response.headers["x-request-id"] = request_id
        exchange.status = error.status
        await response(exchange.scope, _no_body, send)
        await self._after(exchange)

    async def _after(self, exchange: _Exchange) -> None:
        call = exchange.call()
        principal: Principal | None = exchange.scope["state"].get("principal")
        if log.isEnabledFor(logging.INFO):  # built only when someone reads it
            log.info(json.dumps({"event": "request", **call.model_dump(),
                                 "key_id": principal.key_id if principal else None,
                                 "role": principal.role.value if principal else None}))
        if principal is None or not must_audit(principal, call.method):
            return
        evidence = getattr(exchange.scope["app"].state, "evidence", None)
        if evidence is None:
            log.error(json.dumps({"event": "audit-skipped", "request_id": call.request_id}))
            return
        await to_thread.run_sync(AuditLog(evidence).record, principal, call)


async def _no_body() -> Message:
    return {"type": "http.request", "body": b"", "more_body": False}


def json_log_handler() -> logging.Handler:
    """A stderr handler printing each record as one JSON object (for `rapport serve`)."""

    class JsonFormatter(logging.Formatter):
        def format(self, record: logging.LogRecord) -> str:
            base: dict[str, Any] = {"ts": self.formatTime(record), "level": record.levelname,
                                    "logger": record.name}
            message = record.getMessage()
            try:
                parsed = json.loads(message)
            except ValueError:
                parsed = None
            return json.dumps({**base, **parsed} if isinstance(parsed, dict)
                              else {**base, "message": message}, default=str)

    handler = logging.StreamHandler()
    handler.setFormatter(JsonFormatter())
    return handler

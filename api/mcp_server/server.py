"""The MCP server (official `mcp` SDK): every registry tool with its JSON schemas, behind
the same keys, roles, rate limits and audit as the HTTP API.

`rapport mcp` serves it over stdio with the key from --key / RAPPORT_API_KEY; the HTTP app
serves it at /mcp (streamable HTTP) where each request brings its own bearer key.
"""

from __future__ import annotations

import hashlib
import inspect
import json
import logging
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

from anyio import to_thread
from pydantic import BaseModel, ValidationError

from api.audit import ApiCall, AuditLog, must_audit
from api.auth.keys import KeyStore
from api.auth.ratelimit import RateLimiter
from api.mcp_server.registry import Tool, ToolContext
from api.mcp_server.tools import TOOLS
from graph.errors import Forbidden, InvalidInput, RapportError, Unauthorized
from graph.evidence import EvidenceStore
from graph.store import GraphStore

if TYPE_CHECKING:
    from mcp.server.mcpserver import Context, MCPServer

Stores = Callable[[], tuple[GraphStore, EvidenceStore]]
INSTRUCTIONS = ("Rapport answers questions about the company's relationships: who can "
                "introduce whom, who and what matches a description, plain-language "
                "questions over the graph, account health, deal win chances and the "
                "pipeline. Tools are read-only; ids returned by one tool can be passed to "
                "get_entity, account_health and deal_score.")


class McpRuntime:
    """Checks the key, spends its rate, runs the tool, audits the call."""

    def __init__(self, stores: Stores, limiter: RateLimiter, token: str | None = None,
                 state: Any = None) -> None:
        self._stores = stores
        self._limiter = limiter
        self._token = token
        # Services built once (the ask service) live here: the app's state over HTTP, so
        # /mcp and /v1/ask share them; a namespace of the runtime's own over stdio.
        self._state = state if state is not None else SimpleNamespace()

    def call(self, tool: Tool, token: str | None, arguments: dict[str, Any]) -> BaseModel:
        store, evidence = self._stores()
        token = token or self._token
        if not token:
            raise Unauthorized("no API key", hint="rapport mcp --key ... or a bearer header")
        principal = KeyStore(evidence).verify(token)
        self._limiter.take(principal)
        if not principal.can(tool.permission):
            raise Forbidden(f"a {principal.role.value} key may not {tool.permission.value}")
        started, status, result = time.perf_counter(), 200, b""
        try:
            args = _validated(tool, arguments)
            answer = tool.run(ToolContext(store, evidence, principal, self._state), args)
            result = answer.model_dump_json().encode()
            return answer
        except RapportError as e:
            status = e.status
            raise
        finally:
            if must_audit(principal, "MCP"):
                params = json.dumps(arguments, sort_keys=True, default=str).encode()
                AuditLog(evidence).record(principal, ApiCall(
                    method="MCP", route=f"mcp/{tool.name}", operation=tool.name,
                    status=status, params_sha256=hashlib.sha256(params).hexdigest(),
                    result_bytes=len(result), request_id=uuid.uuid4().hex,
                    duration_ms=round((time.perf_counter() - started) * 1000, 2)))


def _validated(tool: Tool, arguments: dict[str, Any]) -> BaseModel:
    try:
        return tool.input.model_validate(arguments)
    except ValidationError as e:
        first = e.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "arguments"
        raise InvalidInput(f"{where}: {first['msg']}") from e


def _bearer(ctx: Context[Any]) -> str | None:
    request = ctx.request_context.request  # the HTTP request; None over stdio
    header = getattr(request, "headers", {}).get("authorization", "") if request else ""
    scheme, _, token = str(header).partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


def _handler(runtime: McpRuntime, tool: Tool) -> Callable[..., Any]:
    """A function whose signature is the tool's input model, field by field, so the SDK
    publishes that model's JSON schema (types, limits, descriptions) as the tool's input."""
    from mcp.server.mcpserver import Context
    from mcp.server.mcpserver.exceptions import ToolError

    async def handler(ctx: Context[Any], **arguments: Any) -> Any:
        given = {k: v for k, v in arguments.items() if k in tool.input.model_fields}
        try:
            return await to_thread.run_sync(runtime.call, tool, _bearer(ctx), given)
        except RapportError as e:  # the agent reads this text: say what to change
            raise ToolError(f"{e.type}: {e}") from e

    fields = [inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, annotation=f.annotation,
                                default=f)
              for name, f in tool.input.model_fields.items()]
    ctx_param = inspect.Parameter("ctx", inspect.Parameter.KEYWORD_ONLY, annotation=Context)
    handler.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
        [ctx_param, *fields], return_annotation=tool.output)
    handler.__annotations__ = {"ctx": Context, **{p.name: p.annotation for p in fields},
                               "return": tool.output}
    handler.__name__ = tool.name
    return handler


@contextmanager
def _root_logging_untouched() -> Iterator[None]:
    """MCPServer() calls logging.basicConfig, which puts a rich handler on the root logger
    at INFO: every request's log line was then rendered by rich (about 12 ms a request,
    measured). basicConfig does nothing when the root logger has a handler, so it gets a
    placeholder for the call; the app's logging stays as the process configured it."""
    root = logging.getLogger()
    placeholder = logging.NullHandler()
    root.addHandler(placeholder)
    try:
        yield
    finally:
        root.removeHandler(placeholder)


def build_server(runtime: McpRuntime, tools: tuple[Tool, ...] = TOOLS) -> MCPServer[Any]:
    from mcp.server.mcpserver import MCPServer
    from mcp.types import ToolAnnotations

    with _root_logging_untouched():
        server: MCPServer[Any] = MCPServer(name="rapport", instructions=INSTRUCTIONS,
                                           version="0.1.0")
    for tool in tools:
        server.add_tool(_handler(runtime, tool), name=tool.name, description=tool.description,
                        annotations=ToolAnnotations(readOnlyHint=True, openWorldHint=False),
                        structured_output=True)
    return server

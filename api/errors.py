"""One handler maps every RapportError to RFC 9457 `application/problem+json`."""

from __future__ import annotations

from http import HTTPStatus

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from graph.errors import QueryTimeout, RapportError, RateLimited

PROBLEM = "application/problem+json"
TYPE_BASE = "https://rapport.dev/problems/"


def problem(status: int, type_: str, title: str, detail: str, instance: str,
            **extra: object) -> JSONResponse:
    body = {"type": TYPE_BASE + type_, "title": title, "status": status, "detail": detail,
            "instance": instance, **extra}
    return JSONResponse(body, status_code=status, media_type=PROBLEM)


async def rapport_error_handler(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RapportError)
    hint = exc.hint
    if hint is None and isinstance(exc, QueryTimeout):
        hint = "narrow the request: fewer hops, a smaller limit, or more specific filters"
    extra: dict[str, object] = {"hint": hint} if hint else {}
    extra.update(exc.extra())
    response = problem(exc.status, exc.type, exc.title, exc.message, request.url.path, **extra)
    if isinstance(exc, RateLimited):
        response.headers["Retry-After"] = str(exc.retry_after_s)
    return response


async def validation_error_handler(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = [{"loc": list(e["loc"]), "msg": e["msg"]} for e in exc.errors()]
    first = errors[0] if errors else {"loc": [], "msg": "invalid request"}
    detail = f"{'.'.join(str(p) for p in first['loc'])}: {first['msg']}"
    return problem(422, "invalid-input", "Invalid input", detail, request.url.path,
                   errors=errors)


async def http_error_handler(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    title = HTTPStatus(exc.status_code).phrase
    slug = title.lower().replace(" ", "-")
    return problem(exc.status_code, slug, title, str(exc.detail), request.url.path)


def install(app: FastAPI) -> None:
    app.add_exception_handler(RapportError, rapport_error_handler)
    app.add_exception_handler(StarletteHTTPException, http_error_handler)
    app.add_exception_handler(RequestValidationError, validation_error_handler)

"""Who is calling: the bearer key's Principal, after the key's rate limit (api/policy.py
decides what it may do)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from api.auth.keys import KeyStore
from api.auth.ratelimit import RateLimiter
from api.auth.roles import Principal
from api.deps import EvidenceDep
from graph.errors import Unauthorized

_bearer = HTTPBearer(auto_error=False, scheme_name="ApiKey",
                     description="`rapport keys create --role ...` prints the token once")


def principal_dependency(
        request: Request, evidence: EvidenceDep,
        credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Principal:
    """The key's principal, after its rate limit; stored on the request for the audit."""
    cached: Principal | None = getattr(request.state, "principal", None)
    if cached is not None:
        return cached
    if credentials is None or not credentials.credentials:
        raise Unauthorized("no API key", hint="send 'Authorization: Bearer rk_...' "
                           "(rapport keys create --role viewer)")
    principal = KeyStore(evidence).verify(credentials.credentials)
    limiter: RateLimiter = request.app.state.limiter
    request.state.principal = principal
    limiter.take(principal)
    return principal


PrincipalDep = Annotated[Principal, Depends(principal_dependency)]

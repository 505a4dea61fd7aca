"""Property-based conformance of the whole API to its own /openapi.json (schemathesis):
no 5xx, every status code documented, every body matching its schema. A bounded number of
examples per operation keeps it fast."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, settings

from api.app import create_app
from api.auth.keys import KeyStore
from api.auth.roles import Role
from graph.evidence import EvidenceStore
from graph.loader import BulkLoader
from graph.settings import load_settings
from graph.store import GraphStore
from tests.evidence_fixtures import api_app, evidence, session_evidence  # noqa: F401
from tests.factories import small_graph

MAX_EXAMPLES = 10
# The document is read at collection time from an app that is never started (nothing opens).
# The multipart upload is left to tests/test_import_api.py: schemathesis cannot replay a
# streamed multipart request through the test client.
schema = schemathesis.openapi.from_dict(create_app(load_settings()).openapi()).exclude(
    operation_id="stage_import")
CHECKS = [schemathesis.checks.not_a_server_error, schemathesis.checks.status_code_conformance,
          schemathesis.checks.content_type_conformance,
          schemathesis.checks.response_schema_conformance]


@pytest.fixture
def client(store: GraphStore, evidence: EvidenceStore) -> Iterator[TestClient]:  # noqa: F811
    """The app on the test's stores, with an admin key (every route is open to it)."""
    BulkLoader(store).load(*small_graph())
    token = KeyStore(evidence).create(Role.ADMIN, created_by="schemathesis").token
    app = api_app(store, evidence, burst=10_000, rate_per_minute=1e6)
    with TestClient(app, headers={"Authorization": f"Bearer {token}"}) as c:
        yield c


@schema.parametrize()
@settings(max_examples=MAX_EXAMPLES, deadline=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_openapi(case: Any, client: TestClient) -> None:
    kwargs = case.as_transport_kwargs(base_url=str(client.base_url))
    if not kwargs.get("cookies"):
        kwargs.pop("cookies", None)  # per-request cookies are deprecated in the test client
    response = client.request(**kwargs)
    case.validate_response(response, checks=CHECKS)

"""Property-based run of schemathesis over /api/v1/: no 5xx, and every response matches the schema.

Each operation of the committed document is one test. The schema is loaded from the app itself
through its WSGI handler, inside the test's database transaction, so every generated request
sees the catalogue the fixture made. Requests send a valid editor's token, so writes really
happen. Valid data, invalid data and the document's examples are all sent.

schemathesis' own pytest wrapper (``schemathesis.pytest.from_fixture(...).parametrize()``) sets
``Node._nodeid``, which pytest 9.2 no longer has; its documented strategy API
(``schema[path][method].as_strategy()``) with Hypothesis' ``@given`` does the same job.
"""

import json
import os
from pathlib import Path

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.checks import load_all_checks
from schemathesis.config import SchemathesisConfig
from schemathesis.generation import GenerationMode

from catalog.tests.api.conftest import token_for

pytestmark = pytest.mark.django_db

DOCUMENT = json.loads((Path(__file__).resolve().parents[3] / "openapi" / "v1.json").read_text())
OPERATIONS = [(method.upper(), path) for path, item in DOCUMENT["paths"].items()
              for method in item]
# KANMIN_SCHEMATHESIS_EXAMPLES=500 for a deeper run than the suite's bounded one.
EXAMPLES_PER_OPERATION = int(os.environ.get("KANMIN_SCHEMATHESIS_EXAMPLES", "20"))
CONFIG = SchemathesisConfig.from_dict({"generation": {"database": "none"}})


def checks():
    """The checks the issue asks for (loaded lazily, as schemathesis registers them)."""
    load_all_checks()
    from schemathesis.checks import not_a_server_error
    from schemathesis.specs.openapi.checks import (
        content_type_conformance,
        response_schema_conformance,
        status_code_conformance,
    )

    return [not_a_server_error, status_code_conformance, content_type_conformance,
            response_schema_conformance]


@pytest.fixture
def wsgi_app():
    """Django's WSGI handler without closing the connection after each request (as Django's
    test client does), so requests run inside the test's transaction."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield get_wsgi_application()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def api_schema(make_dataset, wsgi_app):
    """The OpenAPI document as the app serves it, over a catalogue matching its examples."""
    make_dataset(slug="demo-aed", title="AED設置箇所一覧", title_en="AED locations",
                 tags=["AED"], categories=["health"], standard="aed")
    make_dataset(slug="demo-private", title="非公開の資料", private=True)
    make_dataset(slug="demo-draft", title="下書き", publish=False)
    return schemathesis.openapi.from_wsgi("/api/v1/openapi.json", wsgi_app, config=CONFIG)


def strategy(operation):
    """Valid and invalid requests, and the document's own examples."""
    parts = [operation.as_strategy(GenerationMode.POSITIVE),
             operation.as_strategy(GenerationMode.NEGATIVE)]
    parts += operation.schema.get_strategies_from_examples(operation)
    return st.one_of(parts)


@pytest.mark.parametrize(("method", "path"), OPERATIONS, ids=[f"{m} {p}" for m, p in OPERATIONS])
def test_the_operation_never_fails_and_answers_within_its_schema(method, path, api_schema,
                                                                 editor):
    operation = api_schema[path][method]
    headers = {"Authorization": f"Bearer {token_for(editor)}"}
    to_check = checks()

    @given(case=strategy(operation))
    @settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    def run(case):
        case.call_and_validate(headers=headers, checks=to_check)

    run()


def test_every_operation_of_the_document_is_exercised():
    assert len(OPERATIONS) == sum(len(item) for item in DOCUMENT["paths"].values())
    assert {m for m, _p in OPERATIONS} == {"GET", "POST", "PATCH", "DELETE"}

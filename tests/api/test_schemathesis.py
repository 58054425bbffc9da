"""Schema-driven fuzzing of /api/v1/ with Schemathesis, in process against the WSGI app:
every operation of the OpenAPI document called with generated parameters and bodies (the
keyed ones with a key holding every scope) answers no 5xx, and every answer matches the
document (status code, content type, headers, body). Deterministic (derandomized) and
limited in examples, so it runs in the suite in well under a minute."""

import json

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from config.wsgi import application
from tests.factories import AttributeFactory, CompanyFactory

from .conftest import bearer

ALL_SCOPES = ["companies:read", "responsibility:read", "notes:read", "attributes:write"]
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]


def _document():
    """The document /api/v1/schema/ serves, generated in process: no request and no database
    while the tests are being collected."""
    generator = SchemaGenerator(patterns=None, urlconf=None)
    return json.loads(json.dumps(generator.get_schema(request=None, public=True), default=str))


schema = schemathesis.openapi.from_dict(_document())
schema.app = application


@pytest.fixture(autouse=True)
def connection_kept_open():
    """The app is called as WSGI, whose request signals close the database connection (and
    with it the test's transaction); Django's test client holds them off the same way."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def key_headers(api_key):
    AttributeFactory(staff=True)
    CompanyFactory(segment_code="suuryritykset")
    return {
        "Authorization": bearer(api_key(ALL_SCOPES, rate_limit_per_minute=100_000))[
            "HTTP_AUTHORIZATION"
        ]
    }


@schema.parametrize()
@settings(
    max_examples=10,
    derandomize=True,
    deadline=None,
    database=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
def test_api__fuzzing_finds_no_server_error_and_no_answer_outside_the_schema(case, key_headers):
    case.call_and_validate(headers=key_headers, checks=CHECKS)

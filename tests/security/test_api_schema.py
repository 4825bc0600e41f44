"""The API driven from its own OpenAPI schema (入侵防范): schemathesis generates requests for every
operation and parameter the drf-spectacular schema declares, valid and not, and sends them with a
real token; not one answer may be a server error. Bounded to a few dozen examples an operation."""

import json

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, settings
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error

from accounts.choices import Role
from accounts.models import User


@pytest.fixture
def api_schema(demo, db):
    """The schema the API serves, loaded against the app in this process and database."""
    document = SchemaGenerator().get_schema(request=None, public=True)
    loaded = schemathesis.openapi.from_dict(json.loads(json.dumps(document, default=str)))
    loaded.app = get_wsgi_application()
    # As Django's test client does: a finished request must not close the test's connection.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield loaded
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def token(db):
    """A supervisor's token, as ``manage.py api_token`` issues it."""
    user = User.objects.filter(role=Role.SUPERVISOR, is_active=True).order_by("pk").first()
    return Token.objects.get_or_create(user=user)[0].key


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_no_server_error_from_any_api_request(case, token):
    response = case.call(headers={"Authorization": f"Token {token}"})
    case.validate_response(response, checks=[not_a_server_error])


def test_a_bad_filter_is_a_400_that_names_it(demo, client, db):
    user = User.objects.filter(role=Role.SUPERVISOR).order_by("pk").first()
    client.force_login(user)
    for path, name, value in [
        ("/api/v1/projects/", "campaign", "abc"),
        ("/api/v1/projects/", "card", "purple"),
        ("/api/v1/scores/", "project", "abc"),
        ("/api/v1/scores/", "week", "2026-W99"),
        ("/api/v1/rankings/", "period", "decade"),
    ]:
        response = client.get(path, {name: value})
        assert response.status_code == 400, (path, name, response.status_code)
        assert name in response.json(), response.json()

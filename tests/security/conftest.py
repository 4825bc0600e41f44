"""Fixtures of the security tests: the audit administrator and a PostgreSQL-only mark."""

import pytest
from django.db import connection

from accounts.choices import Role
from tests.factories import UserFactory

PASSWORD = "pass-12345"  # tests.factories.UserFactory's

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="the trigger is PostgreSQL's; CI and scripts/test with DATABASE_URL run it",
)


@pytest.fixture
def auditor(region):
    return UserFactory(username="auditor", role=Role.AUDITOR, region=region, unit=None)

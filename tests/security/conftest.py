"""Sign-in throttling and passwords: a security administrator, and signing in as a browser does."""

import pytest
from axes.utils import reset
from django.urls import reverse

from accounts.choices import Role
from tests.factories import RegionFactory, UserFactory

PASSWORD = "pass-12345"  # tests.factories.UserFactory's password
GOOD = "Qing-he-2026"  # satisfies the default policy


@pytest.fixture(autouse=True)
def _no_attempts(db):
    """Each test starts with nobody locked out (axes keeps its counts in the database)."""
    reset()
    yield
    reset()


@pytest.fixture
def security_admin(region):
    return UserFactory(username="security", role=Role.SECURITY, region=region, unit=None)


@pytest.fixture
def other_region(db):
    return RegionFactory(name="奎文区", code="kuiwen")


@pytest.fixture
def enforced(settings):
    settings.PASSWORD_CHANGE_ENFORCED = True


def sign_in(client, username, password, address="10.1.1.1", **extra):
    return client.post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address, **extra
    )


def signed_in(response) -> bool:
    return response.status_code == 302 and reverse("login") not in response["Location"]

"""Fixtures shared by every test: the demo-like register and one user of each role."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import translation

from accounts.choices import Role

from .factories import (
    CampaignFactory,
    DepartmentFactory,
    LeaderFactory,
    ProjectFactory,
    RegionFactory,
    UnitFactory,
    UserFactory,
)


@pytest.fixture(autouse=True)
def site_language(settings):
    """Each test starts in the site's language: a request in English leaves its language active
    in the thread, and reasons render in the active language."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: ids and frozen clocks repeat between tests, so a
    figures key (dashboard.cache) could name another test's data."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def back_to_today():
    """For the migration tests: whatever happens in the test, the database ends on today's
    schema (the next tests need it)."""
    yield
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.fixture
def region(db):
    return RegionFactory()


@pytest.fixture
def campaign(region):
    return CampaignFactory(region=region)


@pytest.fixture
def unit(region):
    return UnitFactory(region=region, name="区住建局")


@pytest.fixture
def other_unit(region):
    return UnitFactory(region=region, name="区工信局")


@pytest.fixture
def department(region):
    return DepartmentFactory(region=region, name="区自然资源局")


@pytest.fixture
def leader(region):
    return LeaderFactory(region=region, name="张副区长")


@pytest.fixture
def project(campaign, unit, leader):
    return ProjectFactory(campaign=campaign, unit=unit, leader=leader, name="OLED盖板项目")


@pytest.fixture
def other_project(campaign, other_unit, leader):
    return ProjectFactory(campaign=campaign, unit=other_unit, leader=leader, name="5G新材料项目")


@pytest.fixture
def reporter(unit):
    return UserFactory(username="reporter", role=Role.REPORTER, region=unit.region, unit=unit)


@pytest.fixture
def other_reporter(other_unit):
    return UserFactory(
        username="reporter2", role=Role.REPORTER, region=other_unit.region, unit=other_unit
    )


@pytest.fixture
def supervisor(region):
    return UserFactory(username="supervisor", role=Role.SUPERVISOR, region=region, unit=None)


@pytest.fixture
def manager(region):
    return UserFactory(username="manager", role=Role.MANAGER, region=region, unit=None)


@pytest.fixture
def leader_user(leader):
    return UserFactory(
        username="leader", role=Role.LEADER, region=leader.region, unit=None, leader=leader
    )


@pytest.fixture
def handler(department):
    return UserFactory(
        username="handler", role=Role.HANDLER, region=department.region, unit=department
    )


@pytest.fixture
def admin_user(region):
    return UserFactory(
        username="admin",
        role=Role.ADMIN,
        region=region,
        unit=None,
        is_staff=True,
        is_superuser=True,
    )


@pytest.fixture
def session_queries(settings) -> int:
    """The queries a signed-in request spends reading its session: none when it is read from
    Redis (config/sessions.py, with REDIS_URL), its row's otherwise."""
    return 0 if settings.SESSION_ENGINE == "config.sessions" else 1

"""Fixtures of the loop's tests: English messages, a route, people at each escalation level."""

import datetime as dt

import pytest
from django.utils import translation

from accounts.choices import Role
from projects.weeks import SHANGHAI
from tests.factories import DepartmentFactory, UserFactory

from .factories import CategoryRouteFactory, ProblemFactory

# Wednesday 18 November 2026, 10:00 in Hanting: inside the factories' 2026 campaign.
NOW = dt.datetime(2026, 11, 18, 10, 0, tzinfo=SHANGHAI)
TODAY = NOW.date()


@pytest.fixture(autouse=True)
def english(settings):
    """Assertions read English msgids whatever the translator has compiled meanwhile."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def route(region, department):
    return CategoryRouteFactory(
        region=region, category="land", department=department, days_to_solve=10
    )


@pytest.fixture
def other_department(region):
    return DepartmentFactory(region=region, name="区财政局")


@pytest.fixture
def other_handler(other_department):
    return UserFactory(
        username="handler2",
        role=Role.HANDLER,
        region=other_department.region,
        unit=other_department,
    )


@pytest.fixture
def head(department):
    return UserFactory(
        username="head", role=Role.HANDLER, region=department.region, unit=department, is_head=True
    )


@pytest.fixture
def problem(project, department, reporter):
    """A land problem of the reporter's project, sent to the department, due 2026-11-30."""
    return ProblemFactory(project=project, department=department, raised_by=reporter)


@pytest.fixture
def eager_celery():
    """Run tasks in the caller, as the worker would, so mails land in mail.outbox."""
    from config.celery_app import app

    app.conf.task_always_eager = True
    app.conf.task_eager_propagates = False
    yield app
    app.conf.task_always_eager = False

"""Fixtures of the scoring tests: a clock after the W47 deadline and a small district."""

import datetime as dt

import pytest

from accounts.choices import Role
from tests.factories import CampaignFactory, RegionFactory, UserFactory

from .factories import at, make_district

NOW = at(dt.date(2026, 11, 24))  # Tuesday: W47's deadline passed yesterday at noon


@pytest.fixture
def clock(time_machine):
    """The test's clock, from Tuesday 2026-11-24 10:00; move it with ``clock.move_to``."""
    time_machine.move_to(NOW, tick=False)
    return time_machine


@pytest.fixture
def district(clock, campaign, unit, leader):
    """Four projects, one of each kind (blue, yellow, red, red in W47)."""
    return make_district(campaign, unit, leader, 4)


@pytest.fixture
def far_region(db):
    return RegionFactory(code="weicheng", name="潍城区")


@pytest.fixture
def far_campaign(far_region):
    return CampaignFactory(region=far_region)


@pytest.fixture
def far_supervisor(far_region):
    return UserFactory(
        username="far-supervisor", role=Role.SUPERVISOR, region=far_region, unit=None
    )

"""The project list's compiled campaign reads (projects.list_campaigns) give what the ORM's
own reads give, for every kind of reader: another district's campaign is never listed."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from accounts.choices import RegionLevel, Role
from projects import list_campaigns, selectors
from projects.models import Campaign
from tests.factories import (
    CampaignFactory,
    LeaderFactory,
    ProjectFactory,
    RegionFactory,
    UnitFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def readers(db):
    city = RegionFactory(code="weifang", level=RegionLevel.CITY)
    districts = [
        RegionFactory(code=code, level=RegionLevel.DISTRICT, parent=city)
        for code in ("hanting", "kuiwen")
    ]
    elsewhere = RegionFactory(code="elsewhere", level=RegionLevel.DISTRICT)
    units, leaders = [], []
    for region in (*districts, elsewhere):
        unit, leader = UnitFactory(region=region), LeaderFactory(region=region)
        units.append(unit)
        leaders.append(leader)
        for year in (2025, 2026):
            ProjectFactory(
                campaign=CampaignFactory(region=region, year=year), unit=unit, leader=leader
            )
    CampaignFactory(region=districts[0], year=2027)  # a campaign with no project yet
    return [
        UserFactory(role=Role.SUPERVISOR, region=districts[0], unit=None),
        UserFactory(role=Role.SUPERVISOR, region=city, unit=None),
        UserFactory(role=Role.MANAGER, region=districts[1], unit=None),
        UserFactory(role=Role.SUPERVISOR, region=None, unit=None),
        UserFactory(role=Role.SUPERVISOR, region=city, unit=None, is_active=False),
        UserFactory(role=Role.REPORTER, region=districts[1], unit=units[1]),
        UserFactory(role=Role.LEADER, region=elsewhere, unit=None, leader=leaders[2]),
        UserFactory(role=Role.HANDLER, region=city, unit=units[0]),
        UserFactory(role=Role.ADMIN, region=city, unit=None, is_superuser=True),
    ]


def test_the_compiled_reads_are_the_orms(readers):
    for user in readers:
        expected = Campaign.objects.filter(
            pk__in=selectors.projects_for_list(user=user).values("campaign")
        ).select_related("region")
        listed = list_campaigns.listed_campaigns(user=user)
        assert [(c.pk, c.region.name, str(c)) for c in listed] == [
            (c.pk, c.region.name, str(c)) for c in expected
        ], user.role
        assert [c.deadline_time for c in listed] == [c.deadline_time for c in expected]
        current = selectors.current_campaign(user=user)
        assert list_campaigns.current_campaign_id(user=user) == (current and current.pk)


def test_a_rule_with_a_constant_is_refused(readers, monkeypatch):
    list_campaigns._compiled.cache_clear()
    monkeypatch.setattr(
        list_campaigns,
        "_current",
        lambda user: Campaign.objects.filter(year=2026).values_list("pk")[:1],
    )
    with pytest.raises(ImproperlyConfigured):
        list_campaigns.current_campaign_id(user=readers[0])
    list_campaigns._compiled.cache_clear()

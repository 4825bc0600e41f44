"""A review page's ids looked up per project (selectors.review_page_ids): on PostgreSQL the
same ids, in the same order, as the queue's own read; elsewhere no answer, and the queue reads
them itself."""

import datetime as dt

import pytest
from django.db import connection

from accounts.choices import RegionLevel, Role
from projects import selectors
from projects.models import WeeklyReport
from tests.factories import (
    CampaignFactory,
    ProjectFactory,
    RegionFactory,
    UserFactory,
    WeeklyReportFactory,
)

pytestmark = pytest.mark.django_db
W46, W47, W48 = dt.date(2026, 11, 9), dt.date(2026, 11, 16), dt.date(2026, 11, 23)


@pytest.fixture
def city_queue(campaign):
    """Two districts of a city, codes repeating between them, reports over three weeks."""
    city = RegionFactory(level=RegionLevel.CITY, code="weifang", name="潍坊市")
    campaign.region.parent = city
    campaign.region.save()
    other = CampaignFactory(region=RegionFactory(code="kuiwen", name="奎文区", parent=city))
    for c in (campaign, other):
        for n in range(9):
            project = ProjectFactory(campaign=c, code=f"P{n * 5 % 9}")
            for week in (W46, W47, W48)[n % 3 :]:
                WeeklyReportFactory(project=project, week=week)
        # Not waiting: no page shows it.
        WeeklyReportFactory(project=ProjectFactory(campaign=c), week=W48, status="accepted")
    return city


def queue_ids(user, weeks, offset, limit):
    queue = selectors.review_queue(user=user).filter(week__in=weeks)
    return list(queue.values_list("pk", flat=True)[offset : offset + limit])


@pytest.mark.parametrize("who", ["district", "city"])
def test_the_page_ids_are_the_queues_own(who, city_queue, supervisor):
    user = supervisor if who == "district" else UserFactory(role=Role.SUPERVISOR, region=city_queue)
    for weeks in ([W48], [W48, W47], [W48, W47, W46]):
        for offset, limit in ((0, 5), (3, 7), (10, 50)):
            found = selectors.review_page_ids(user=user, weeks=weeks, offset=offset, limit=limit)
            if connection.vendor != "postgresql":
                assert found is None
                continue
            assert found == queue_ids(user, weeks, offset, limit)
            assert all(WeeklyReport.objects.get(pk=pk).status == "submitted" for pk in found)


def test_a_reviewer_who_is_not_region_wide_gets_the_queues_read(reporter, city_queue):
    assert selectors.review_page_ids(user=reporter, weeks=[W48], offset=0, limit=5) is None

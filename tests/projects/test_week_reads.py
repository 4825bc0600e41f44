"""The reporter's week read from SQL compiled once per shape of reader (projects.week_reads)
answers what the ORM's reads answer, for every role and scope: each reader his own campaign,
projects and reports from the one shared SQL, and the week and year asked for in the SQL sent."""

import datetime as dt

import pytest
from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext

from accounts.choices import RegionLevel, Role
from projects import week_reads
from projects.scope import campaigns_for, projects_for, reports_for
from tests.factories import (
    CampaignFactory,
    LeaderFactory,
    ProjectFactory,
    RegionFactory,
    UnitFactory,
    UserFactory,
    WeeklyReportFactory,
)

pytestmark = pytest.mark.django_db
WEEK, EARLIER = dt.date(2026, 11, 16), dt.date(2026, 11, 9)


@pytest.fixture
def city(campaign, unit, other_unit, leader):
    """The conftest district, with last year's campaign, under a city with a second district;
    projects in each with reports of WEEK, and returned ones of other weeks."""
    top = RegionFactory(code="city", name="市", level=RegionLevel.CITY)
    first = campaign.region
    first.parent = top
    first.save()
    last_year = CampaignFactory(region=first, year=campaign.year - 1)
    second = RegionFactory(code="zz-second", name="第二区", parent=top)
    other = CampaignFactory(region=second, year=campaign.year)
    far_unit, far_leader = UnitFactory(region=second), LeaderFactory(region=second, title="")
    specs = [
        (campaign, unit, leader, "A1", WEEK, "draft"),
        (campaign, unit, leader, "A2", EARLIER, "returned"),
        (campaign, unit, leader, "A3", None, None),
        (campaign, other_unit, leader, "B1", WEEK, "submitted"),
        (last_year, unit, leader, "Y1", WEEK - dt.timedelta(days=364), "returned"),
        (other, far_unit, far_leader, "C1", WEEK, "returned"),
        (other, far_unit, far_leader, "C2", EARLIER, "accepted"),
    ]
    for each, owner, boss, code, week, status in specs:
        project = ProjectFactory(campaign=each, unit=owner, leader=boss, code=code, name=code)
        if week:
            WeeklyReportFactory(project=project, week=week, status=status, return_reason="改")
    return top, other


def readers(city, campaign, unit, leader):
    top, other = city
    region = campaign.region
    return [
        UserFactory(username="r", role=Role.REPORTER, region=region, unit=unit),
        UserFactory(username="m", role=Role.MANAGER, region=region, unit=None),
        UserFactory(username="cm", role=Role.MANAGER, region=top, unit=None),
        UserFactory(username="s2", role=Role.SUPERVISOR, region=other.region, unit=None),
        UserFactory(username="l", role=Role.LEADER, region=region, unit=None, leader=leader),
        UserFactory(username="su", role=Role.ADMIN, region=None, unit=None, is_superuser=True),
        UserFactory(username="nobody", role=Role.MANAGER, region=None, unit=None),
        UserFactory(username="off", role=Role.REPORTER, region=region, unit=unit, is_active=False),
    ]


def test_the_campaign_is_the_one_the_orm_picks(city, campaign, unit, leader):
    compared = 0
    for user in readers(city, campaign, unit, leader):
        for year in (None, campaign.year, campaign.year - 1, campaign.year + 5):
            ordered = campaigns_for(user).order_by("-year", "region__code")
            expected = (ordered.filter(year=year) if year else ordered).first()
            got = week_reads.current_campaign(user=user, year=year)
            if expected is None:
                assert got is None, (user.username, year)
                continue
            compared += 1
            assert got is not None and got.pk == expected.pk, (user.username, year)
            for field in ("year", "name", "investment_target", "deadline_time", "region_id"):
                assert getattr(got, field) == getattr(expected, field), field
    assert compared > 8


def test_the_weeks_projects_and_reports_are_the_ones_the_orm_reads(city, campaign, unit, leader):
    compared = 0
    for user in readers(city, campaign, unit, leader):
        for week in (WEEK, EARLIER, WEEK - dt.timedelta(days=364)):
            year = week.isocalendar().year
            projects, reports = week_reads.week_reads(user=user, week=week)
            expected_projects = projects_for(user).filter(campaign__year=year).order_by("code")
            assert [(p.pk, p.code, p.name, str(p.leader)) for p in projects] == [
                (p.pk, p.code, p.name, str(p.leader)) for p in expected_projects
            ], (user.username, week)
            expected_reports = (
                reports_for(user).filter(Q(week=week) | Q(status="returned")).order_by("week", "pk")
            )
            assert [
                (r.pk, r.project_id, r.week, r.status, r.is_late, r.return_reason, r.project.name)
                for r in reports
            ] == [
                (r.pk, r.project_id, r.week, r.status, r.is_late, r.return_reason, r.project.name)
                for r in expected_reports
            ], (user.username, week)
            compared += len(projects) + len(reports)
    assert compared > 20


def test_each_reader_is_sent_his_own_ids_and_the_week_asked(city, campaign, unit, other_unit):
    mine = UserFactory(username="r", role=Role.REPORTER, region=campaign.region, unit=unit)
    theirs = UserFactory(username="r2", role=Role.REPORTER, region=campaign.region, unit=other_unit)
    with CaptureQueriesContext(connection) as queries:
        projects, reports = week_reads.week_reads(user=mine, week=WEEK)
        their_projects, their_reports = week_reads.week_reads(user=theirs, week=WEEK)
    assert [p.code for p in projects] == ["A1", "A2", "A3"]
    # Returned of any other week, last year's too; another unit's never.
    assert [(r.project.name, r.week) for r in reports] == [
        ("Y1", WEEK - dt.timedelta(days=364)),
        ("A2", EARLIER),
        ("A1", WEEK),
    ]
    assert [p.code for p in their_projects] == ["B1"]
    assert [(r.project.name, r.status) for r in their_reports] == [("B1", "submitted")]
    assert len(queries) == 4  # the SQL is shared; each reader's ids and week are its own
    assert str(unit.pk) in queries[0]["sql"] and str(other_unit.pk) in queries[2]["sql"]
    assert "2026-11-16" in queries[1]["sql"]


def test_a_read_that_takes_a_constant_of_one_reader_is_refused():
    from django.core.exceptions import ImproperlyConfigured

    from accounts.compiled_reads import compile_read
    from projects.models import Project

    with pytest.raises(ImproperlyConfigured):
        compile_read(Project.objects.filter(unit_id=7), stand_ins={-1}, what="A read")
    compiled = compile_read(
        Project.objects.filter(unit_id=-1, name="固定"),
        stand_ins={-1},
        what="A read",
        constants={"固定"},
    )
    assert compiled is not None and compiled.constants == {"固定"}

"""Small builders for the tests that do not need the whole demo district."""

import datetime as dt
from decimal import Decimal

from accounts.choices import Role
from reports.models import DistributionList
from scoring.services import score_campaign_week
from tests.factories import ProjectFactory, UserFactory, WeeklyReportFactory

WEEK = dt.date(2026, 11, 16)  # 2026-W47, in 2026-W47/48 and November


def small_district(campaign, unit, leader, *, projects: int = 3) -> list:
    """A few projects with a submitted report and a score for W47 (and W46 before it)."""
    made = [
        ProjectFactory(campaign=campaign, unit=unit, leader=leader, name=f"测试项目{n}")
        for n in range(projects)
    ]
    for week in (WEEK - dt.timedelta(days=7), WEEK):
        for n, project in enumerate(made):
            WeeklyReportFactory(project=project, week=week, ytd_investment=Decimal(9000 - 3000 * n))
        score_campaign_week(campaign=campaign, week=week)
    return made


def mailing_list(region, kind: str, *emails: str) -> DistributionList:
    return DistributionList.objects.create(
        region=region,
        kind=kind,
        emails="\n".join(emails),
        to_supervisors=False,
        to_managers=False,
    )


def reader(region, username: str, role: str = Role.MANAGER):
    return UserFactory(username=username, role=role, region=region, unit=None)

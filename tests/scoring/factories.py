"""A small district to score: projects whose week-47 card is known in advance.

Each kind is one line of DESIGN.md §4 (plan 1,000 万元 a month; W47 is 2026-11-16, its plan due by
Sunday 2026-11-22 is 10,733.33; the deadline is Monday 2026-11-23 12:00):

- ``good``: on plan, on time, node met — 100 points, blue.
- ``late``: on plan, W47 submitted late (5 of 10), a node three weeks overdue (−15) — 80, yellow.
- ``missing``: nothing since W45 — two missing in a row force red (84.53 points).
- ``lagging``: 6,000 done, 55.9% of plan — investment far behind forces red.
"""

import datetime as dt
from decimal import Decimal

from projects.choices import InvestmentSource, NodeKind, ReportStatus
from projects.weeks import SHANGHAI
from tests.factories import MilestoneFactory, ProjectFactory, WeeklyReportFactory

W44, W45, W46, W47, W48 = (dt.date(2026, 10, 26) + dt.timedelta(weeks=i) for i in range(5))
KINDS = ("good", "late", "missing", "lagging")
EXPECTED = {"good": "blue", "late": "yellow", "missing": "red", "lagging": "red"}


# A different piece of work each week: texts that differ only in figures are "the same text".
WORKS = (
    "基坑开挖与支护完成",
    "主体结构浇筑至五层",
    "钢结构吊装有序进行",
    "设备基础通过验收",
    "屋面防水与外墙保温施工",
    "生产线设备进场安装",
    "室外管网和道路铺设",
)


def at(day: dt.date, hour: int = 10) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=SHANGHAI)


def report(
    project,
    week,
    ytd,
    *,
    late=False,
    text=None,
    source=InvestmentSource.UNIT_REPORT,
    status=ReportStatus.SUBMITTED,
):
    """A report submitted on the Friday of its week, or on the Monday afternoon after the
    deadline when ``late``."""
    submitted = at(week + dt.timedelta(days=7), 15) if late else at(week + dt.timedelta(days=4))
    work = WORKS[week.isocalendar().week % len(WORKS)]
    return WeeklyReportFactory(
        project=project,
        week=week,
        ytd_investment=Decimal(ytd),
        status=status,
        submitted_at=submitted,
        is_late=late,
        investment_source=source,
        progress=text or f"{week:%m月%d日}这一周：{work}，完成 {ytd} 万元。",
    )


def make_project(campaign, unit, leader, kind: str, **extra):
    """One project of ``kind`` with its reports of W45–W47 (three weeks: no photo flag yet)."""
    project = ProjectFactory(campaign=campaign, unit=unit, leader=leader, **extra)
    MilestoneFactory(
        project=project,
        name="开工",
        planned_date=dt.date(2026, 3, 1),
        reached_on=dt.date(2026, 3, 1),
    )
    if kind == "late":
        MilestoneFactory(
            project=project,
            kind=NodeKind.TOPPING,
            name="主体封顶",
            planned_date=dt.date(2026, 11, 1),
        )
    figures = {
        "good": (10000, 10500, 11000),
        "late": (10000, 10500, 11000),
        "missing": (10000,),
        "lagging": (5000, 5500, 6000),
    }[kind]
    for week, ytd in zip((W45, W46, W47), figures, strict=False):
        report(project, week, ytd, late=kind == "late" and week == W47)
    return project


def make_district(campaign, unit, leader, count: int) -> list:
    """``count`` projects cycling through the kinds, good first."""
    return [make_project(campaign, unit, leader, KINDS[i % 4]) for i in range(count)]

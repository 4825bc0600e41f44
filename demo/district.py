"""The demo district (寒亭区): units, leaders, accounts, the campaign and its weekly history.

``seed_demo()`` builds everything in one transaction with ``bulk_create``, and on PostgreSQL writes
the big tables (plans, milestones, reports, nodes reached) with COPY (``demo.pgcopy``), so a
province (20 districts × 1,000 projects × 100 weeks: two million reports) loads in minutes. Both
bypass django-simple-history: the seeded rows have no history records, which is fine for invented
history; every change made in the app afterwards is recorded as usual.

Weeks before the current campaign year: when ``weeks`` reaches back past the first ISO week of the
year, each year touched gets its own campaign (same structure and targets) with its own projects,
and a week's reports belong to the campaign of the week's ISO year. A week belongs to the year of
its Thursday, so the first week of 2026 starts on Monday 2025-12-29.

The numbers scale with ``projects``: the investment target is 17,200 万元 per project (860,000 for
the district's 50), 24% of the projects are due to enter production (12 of 50), units grow with one
per four projects (at least 14, at most 300) and leaders with one per five (at least 10).
"""

import datetime as dt
import math
import random
import time
from dataclasses import dataclass, field
from decimal import Decimal
from io import TextIOBase
from typing import TextIO

from django.contrib.auth.hashers import make_password
from django.db import connection, models, transaction
from django.db.models import Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from accounts.choices import RegionLevel, Role
from accounts.models import Leader, Region, Unit, User
from config import geo
from projects import weeks as iso
from projects.models import (
    Campaign,
    Milestone,
    MonthlyPlan,
    NodeReached,
    Project,
    TaskForce,
    WeeklyReport,
)
from scoring.models import RubricVersion
from scoring.rubric import Rubric

from . import data, pgcopy
from .history import assign_nodes, assign_plans, production_count, project_specs, simulate

BATCH = 2000
CHUNK = 500  # projects simulated and written together; bounds memory at scale
DEMO_USERNAME_RE = r"^(admin|security|auditor|supervisor|manager|(leader|reporter|handler)\d+)$"


@dataclass(frozen=True)
class District:
    """Who a demo district is: its name and code, the prefix of its accounts' usernames (empty
    for 寒亭区, whose accounts are the documented ones), its weekly deadline and its rubric's
    card thresholds — each district of a city keeps its own."""

    name: str = data.REGION_NAME
    code: str = data.REGION_CODE
    prefix: str = ""
    project_code: str = "HT"  # the start of its projects' codes (HT2026-001): one per district
    deadline: tuple[int, dt.time] = (1, dt.time(12))
    blue_min: int = 85
    red_below: int = 60


HANTING = District()


class DemoError(Exception):
    """The demo cannot be built as asked; the message says why, in Chinese, for the operator."""


@dataclass
class _Org:
    units: list[Unit]  # responsible units, in the order of ProjectSpec.unit
    leaders: list[Leader]
    users: dict  # "supervisor" and ("unit", unit id) -> the unit's reporter
    district: District = HANTING
    copy: bool = False  # write the big tables with COPY (PostgreSQL) rather than bulk_create


@dataclass
class DemoSummary:
    region: Region
    campaigns: list[Campaign]
    reporting_week: dt.date
    accounts: list[tuple[str, str, str, str]]  # username, role, display name, unit/leader
    counts: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    password: str = data.DEMO_PASSWORD


def seed_demo(
    *,
    projects: int = 50,
    weeks: int | None = None,
    today: dt.datetime | dt.date | None = None,
    seed: int = 2026,
    stdout: TextIO | TextIOBase | None = None,  # a command passes its OutputWrapper
    reset: bool = False,
    district: District = HANTING,
    parent: Region | None = None,
    copy: bool | None = None,
) -> DemoSummary:
    """Build the demo district with ``projects`` projects per campaign and ``weeks`` weeks of
    history ending with the current reporting week (default: every week of the year so far).
    ``today`` is a moment (default now; a date means 18:00 that day, Asia/Shanghai). Refuses when
    the region already has data unless ``reset``, which wipes the region first. ``district``
    and ``parent`` place another district of a city (``demo.city``). ``copy`` writes the big
    tables with PostgreSQL's COPY (default: when the database is PostgreSQL), else bulk_create."""
    if projects < 1:
        raise DemoError("项目数必须至少为 1。")
    if weeks is not None and weeks < 1:
        raise DemoError("周数必须至少为 1。")
    copy = pgcopy.available() if copy is None else copy
    if copy and not pgcopy.available():
        raise DemoError("COPY 仅适用于 PostgreSQL 数据库。")
    started = time.monotonic()
    now = _moment(today)
    reporting = iso.reporting_week(now, *district.deadline)
    year = iso.campaign_year(reporting)  # on 2 January 2027 the week reported is still 2026's
    week_list = _history_weeks(year, reporting, weeks)
    years = sorted({iso.campaign_year(w) for w in week_list} | {year})
    rng = random.Random(seed)
    say = stdout.write if stdout else (lambda text: None)
    with transaction.atomic():
        region = Region.objects.filter(code=district.code).first()
        if region and (reset or not _has_data(region)):
            say(f"清除{region.name}的数据…\n")
            reset_region(region)
        elif region:
            _refuse(region, year)
        _check_usernames(district.prefix)
        region = Region.objects.create(
            name=district.name,
            code=district.code,
            level=RegionLevel.DISTRICT,
            parent=parent,
            # The invented outline is 寒亭区's; the other districts of a demo city have none.
            boundary=None if district.prefix else data.BOUNDARY,
        )
        units, departments, leaders = _organisation(rng, region, projects)
        users, accounts = _users(rng, region, units, departments, leaders, district.prefix)
        org = _Org(units, leaders, users, district, copy)
        campaigns = []
        for campaign_year in years:
            in_year = [w for w in week_list if iso.campaign_year(w) == campaign_year]
            say(f"{campaign_year}年：{projects}个项目，{len(in_year)}周…\n")
            campaigns.append(
                _campaign(rng, org, region, campaign_year, projects, in_year, now, reporting, say)
            )
    summary = DemoSummary(region, campaigns, reporting, accounts)
    summary.counts = _counts(region)
    summary.seconds = time.monotonic() - started
    return summary


def _moment(today: dt.datetime | dt.date | None) -> dt.datetime:
    if today is None:
        return timezone.now()
    if isinstance(today, dt.datetime):
        return today if timezone.is_aware(today) else today.replace(tzinfo=iso.SHANGHAI)
    return dt.datetime.combine(today, dt.time(18), tzinfo=iso.SHANGHAI)


def _history_weeks(year: int, reporting: dt.date, count: int | None) -> list[dt.date]:
    """The Mondays of the history: the last ``count`` weeks up to the reporting week, or by
    default every week from the first ISO week of ``year`` (at least the reporting week)."""
    if count is None:
        first = iso.campaign_first_week(year)
        return iso.weeks_between(first, reporting) if first <= reporting else [reporting]
    return [reporting - dt.timedelta(weeks=back) for back in range(count - 1, -1, -1)]


def _has_data(region: Region) -> bool:
    return any(m.objects.filter(region=region).exists() for m in (Campaign, Unit, Leader, User))


def _refuse(region: Region, year: int) -> None:
    if Campaign.objects.filter(region=region, year=year).exists():
        raise DemoError(
            f"{region.name}已有{year}年的重点项目比拼，未做任何改动。如需重建演示数据，请加 --reset"
            "（将删除该区的全部数据）。"
        )
    raise DemoError(
        f"{region.name}已有数据（单位、用户或往年比拼），未做任何改动。"
        "如需重建演示数据，请加 --reset。"
    )


def _check_usernames(prefix: str = "") -> None:
    """Demo usernames must be free: a user of another region by the same name would clash."""
    pattern = f"^{prefix}{DEMO_USERNAME_RE[1:]}" if prefix else DEMO_USERNAME_RE
    taken = User.objects.filter(username__regex=pattern).order_by("username")
    names = list(taken.values_list("username", flat=True)[:10])
    if names:
        raise DemoError(
            f"用户名已被其他区域的用户占用：{'、'.join(names)}。请先删除或改名这些用户。"
        )


def reset_region(region: Region) -> None:
    """Delete a region and all its data. Users go before leaders: unlinking a leader's account
    would break the rule that a leader account names its leader."""
    tables = set(connection.introspection.table_names())
    for model in (Campaign, User, Leader, Unit):
        wipe(model._base_manager.filter(region=region), tables)
    wipe(Region.objects.filter(pk=region.pk), tables)


def wipe(queryset: models.QuerySet, tables: set[str], depth: int = 0) -> None:
    """Delete ``queryset`` and everything that hangs off it, children first, in SQL only: no rows
    are loaded and no signals fire (Django's collector would load 500,000 reports to write their
    deletion history). PROTECT counts as cascade here: the whole demo region goes. Models whose
    table is not in ``tables`` (an app not migrated yet) hold no rows and are skipped."""
    model = queryset.model
    if model._meta.db_table not in tables or (depth and not queryset.exists()):
        return  # the emptiness check also ends self-references such as Region.parent
    if depth > 10:
        raise DemoError("数据关联层级过深，无法安全清除。")
    history = getattr(model._meta, "simple_history_manager_attribute", None)
    if history and getattr(model, history).model._meta.db_table in tables:
        # the history of the rows we remove goes with them
        getattr(model, history).model._base_manager.filter(
            id__in=queryset.values("pk")
        )._raw_delete(queryset.db)
    for relation in model._meta.get_fields(include_hidden=True):
        if not (relation.auto_created and not relation.concrete) or relation.many_to_many:
            continue  # only reverse foreign keys; m2m rows come through their hidden through FK
        if relation.on_delete is models.DO_NOTHING:
            continue
        related = relation.related_model._base_manager.filter(
            **{f"{relation.field.name}__in": queryset.values("pk")}
        )
        if relation.on_delete is models.SET_NULL:
            if relation.related_model._meta.db_table in tables:
                related.update(**{relation.field.name: None})
        else:
            wipe(related, tables, depth + 1)
    queryset._raw_delete(queryset.db)


def _organisation(rng, region, projects):
    """Responsible units, departments and leaders, scaled with the number of projects."""
    unit_count = max(len(data.RESPONSIBLE_UNITS), min(300, math.ceil(projects / 4)))
    units = Unit.objects.bulk_create(
        [_unit(rng, region, name, short, False) for name, short in data.unit_rows(unit_count)],
        batch_size=BATCH,
    )
    departments = Unit.objects.bulk_create(
        [_unit(rng, region, name, short, True) for name, short in data.DEPARTMENTS]
    )
    leaders = Leader.objects.bulk_create(
        [
            Leader(region=region, name=name, title=title)
            for name, title in data.leader_rows(max(10, math.ceil(projects / 5)))
        ],
        batch_size=BATCH,
    )
    return units, departments, leaders


def _unit(rng, region, name, short, is_department) -> Unit:
    phone = f"0536-72{rng.randint(10000, 99999)}"
    return Unit(
        region=region,
        name=name,
        short_name=short,
        is_department=is_department,
        contact=data.person_name(rng),
        phone=phone,
    )


def _users(rng, region, units, departments, leaders, prefix=""):
    """One account per role and per leader, responsible unit and department. One password hash
    for all: hashing thousands of times would take minutes, and the password is public anyway.
    Only 寒亭区's admin (no prefix) is a superuser: another district's admin keeps to its own."""
    password = make_password(data.DEMO_PASSWORD)

    def user(username, role, name, **extra):
        return User(
            username=prefix + username,
            role=role,
            first_name=name,
            email=f"{username}@example.gov.cn",
            password=password,
            region=region,
            **extra,
        )

    rows = [
        # 三权分立: three administrators, none of them a superuser, none keeping the register.
        user("admin", Role.ADMIN, "系统管理员", is_staff=True),
        user("supervisor", Role.SUPERVISOR, data.person_name(rng), is_staff=True),
        user("manager", Role.MANAGER, data.person_name(rng)),
        user("security", Role.SECURITY, "安全管理员", is_staff=True),
        user("auditor", Role.AUDITOR, "审计管理员", is_staff=True),
    ]
    rows += [
        user(f"leader{i}", Role.LEADER, leader.name, leader=leader)
        for i, leader in enumerate(leaders, start=1)
    ]
    rows += [
        user(f"reporter{i}", Role.REPORTER, data.person_name(rng), unit=unit)
        for i, unit in enumerate(units, start=1)
    ]
    rows += [
        user(f"handler{i}", Role.HANDLER, data.person_name(rng), unit=unit)
        for i, unit in enumerate(departments, start=1)
    ]
    created = User.objects.bulk_create(rows, batch_size=BATCH)
    by_key = {"supervisor": created[1]}
    by_key.update({("unit", u.unit_id): u for u in created if u.role == Role.REPORTER})
    accounts = [
        (
            u.username,
            u.role,
            u.first_name,
            str(u.unit) if u.unit_id else (str(u.leader) if u.leader_id else ""),
        )
        for u in created
    ]
    return by_key, accounts


def _campaign(rng, org, region, year, count, week_list, now, reporting, say) -> Campaign:
    """One campaign year: its projects, plans, nodes and weekly reports."""
    current = year == iso.campaign_year(reporting)  # the returned report goes in its week
    weekday, at = org.district.deadline
    campaign = Campaign.objects.create(
        region=region,
        year=year,
        name=data.CAMPAIGN_NAME.format(year=year),
        investment_target=Decimal(data.BASE_INVESTMENT * count // data.BASE_PROJECTS),
        production_target=production_count(count),
        accelerate_target=count - production_count(count),
        deadline_weekday=weekday,
        deadline_time=at,
    )
    if org.district != HANTING:
        _rubric(campaign, org.district, now)
    unit_names = [u.short_name for u in org.units]
    specs = project_specs(
        rng, year, count, unit_names, len(org.leaders), current, org.district.project_code
    )
    assign_plans(rng, specs, campaign.investment_target)
    for spec in specs:
        assign_nodes(rng, year, spec)
    task_forces = TaskForce.objects.bulk_create(
        [_task_force(rng, campaign, spec, org) for spec in specs], batch_size=BATCH
    )
    for start in range(0, len(specs), CHUNK):
        chunk = specs[start : start + CHUNK]
        histories = [
            simulate(rng, s, year, week_list, now, reporting, org.district.deadline) for s in chunk
        ]
        _write_chunk(campaign, chunk, histories, task_forces[start:], org, now)
        if len(specs) > CHUNK:
            say(f"  {min(start + CHUNK, len(specs))}/{len(specs)}\n")
    return campaign


def _rubric(campaign: Campaign, district: District, now: dt.datetime) -> None:
    """The district's own rubric, adopted as version 1: its deadline and card thresholds."""
    rubric = Rubric(
        deadline_weekday=campaign.deadline_weekday,
        deadline_time=campaign.deadline_time,
        blue_min=Decimal(district.blue_min),
        red_below=Decimal(district.red_below),
    )
    RubricVersion.objects.create(
        campaign=campaign,
        number=1,
        rules=rubric.to_dict(),
        note=f"{district.name}评分细则",
        created_at=now,
        adopted_at=now,
    )


def _task_force(rng, campaign, spec, org) -> TaskForce:
    unit = org.units[spec.unit].short_name
    helpers = rng.sample(data.DEPARTMENTS, k=3)
    members = "、".join([unit] + [short for _, short in helpers])
    head = f"{data.person_name(rng)}（{unit}）"
    return TaskForce(
        campaign=campaign,
        name=f"{data.short_name(spec.name)}专班"[:100],
        head=head[:50],
        members=f"组长：{org.leaders[spec.leader].name}；成员单位：{members}",
    )


def demo_point(code: str) -> dict:
    """A site inside the demo district's outline, the same for the same code every time (its own
    generator: the demo's main one stays as it was)."""
    rng = random.Random(code)
    (ring,) = geo.rings(data.BOUNDARY)
    lons, lats = [p[0] for p in ring], [p[1] for p in ring]
    while True:
        lon, lat = rng.uniform(min(lons), max(lons)), rng.uniform(min(lats), max(lats))
        if geo.inside(lon, lat, ring):
            return {"lat": Decimal(f"{lat:.6f}"), "lon": Decimal(f"{lon:.6f}")}


def _write_chunk(campaign, specs, histories, task_forces, org, now) -> None:
    """Projects, monthly plans, milestones, reports and nodes reached of a chunk of projects."""
    created = Project.objects.bulk_create(
        [
            Project(
                campaign=campaign,
                code=s.code,
                name=s.name,
                category=s.category,
                unit=org.units[s.unit],
                leader=org.leaders[s.leader],
                task_force=tf,
                target=s.target,
                stage=s.stage,
                total_investment=s.total,
                annual_plan=s.annual,
                ytd_investment=s.ytd,
                owner=s.owner,
                location=f"{org.units[s.unit].short_name}辖区",
                **demo_point(s.code),
                description=f"总投资{s.total:.0f}万元，年度计划投资{s.annual:.0f}万元。",
            )
            for s, tf in zip(specs, task_forces, strict=False)
        ],
        batch_size=BATCH,
    )
    plans = [
        (p.pk, month, amount)
        for p, s in zip(created, specs, strict=True)
        for month, amount in enumerate(s.monthly, start=1)
    ]
    nodes = [node for s in specs for node in s.nodes]
    owners = [p.pk for p, s in zip(created, specs, strict=True) for _ in s.nodes]
    supervisor = org.users["supervisor"].pk
    reports = [
        (p.pk, r, org.users[("unit", p.unit_id)].pk)
        for p, history in zip(created, histories, strict=True)
        for r in history
    ]
    if org.copy:
        with pgcopy.unchecked():
            _copy_chunk(plans, nodes, owners, reports, supervisor, now)
    else:
        _bulk_chunk(plans, nodes, owners, reports, supervisor, now, [p.pk for p in created])


# The columns of the big tables, shared by the COPY and the bulk_create paths.
PLAN_FIELDS = ("project_id", "month", "amount")
MILESTONE_FIELDS = ("project_id", "kind", "name", "planned_date", "reached_on")
REPORT_FIELDS = (
    "project_id",
    "week",
    "status",
    "stage",
    "ytd_investment",
    "investment_source",
    "progress",
    "next_plan",
    "problems",
    "is_late",
    "submitted_at",
    "submitted_by_id",
    "return_reason",
    "reviewed_at",
    "reviewed_by_id",
    "updated_at",
)
NODE_FIELDS = ("report_id", "milestone_id", "reached_on")


def _milestone_row(project_id, n):
    return (project_id, n.kind, n.name, n.planned, n.reached_on)


def _report_row(project_id, r, reporter, supervisor, now):
    """A report's values in the order of ``REPORT_FIELDS``; the last touch was the review or
    the submission (``updated_at``)."""
    return (
        project_id,
        r.week,
        r.status,
        r.stage,
        r.ytd,
        r.source,
        r.progress,
        r.next_plan,
        r.problems,
        r.is_late,
        r.submitted_at,
        reporter if r.submitted_at else None,
        r.return_reason,
        r.reviewed_at,
        supervisor if r.reviewed_at else None,
        r.reviewed_at or r.submitted_at or now,
    )


def _copy_chunk(plans, nodes, owners, reports, supervisor, now) -> None:
    """PostgreSQL: the big tables by COPY, their ids reserved first from their sequences."""
    pgcopy.copy_rows(MonthlyPlan, PLAN_FIELDS, plans)
    for node, pk in zip(nodes, pgcopy.reserve_ids(Milestone, len(nodes)), strict=True):
        node.pk = pk
    pgcopy.copy_rows(
        Milestone,
        ("id", *MILESTONE_FIELDS),
        ((n.pk, *_milestone_row(pid, n)) for n, pid in zip(nodes, owners, strict=True)),
    )
    ids = pgcopy.reserve_ids(WeeklyReport, len(reports))
    pgcopy.copy_rows(
        WeeklyReport,
        ("id", *REPORT_FIELDS),
        (
            (pk, *_report_row(pid, r, reporter, supervisor, now))
            for pk, (pid, r, reporter) in zip(ids, reports, strict=True)
        ),
    )
    pgcopy.copy_rows(
        NodeReached,
        NODE_FIELDS,
        (
            (pk, node.pk, node.reached_on)
            for pk, (_, r, _) in zip(ids, reports, strict=True)
            for node in r.nodes
        ),
    )


def _bulk_chunk(plans, nodes, owners, reports, supervisor, now, project_ids) -> None:
    """Elsewhere (SQLite): the same rows through ``bulk_create``."""
    MonthlyPlan.objects.bulk_create(
        [MonthlyPlan(**dict(zip(PLAN_FIELDS, row, strict=True))) for row in plans],
        batch_size=BATCH,
    )
    milestones = Milestone.objects.bulk_create(
        [
            Milestone(**dict(zip(MILESTONE_FIELDS, _milestone_row(pid, n), strict=True)))
            for n, pid in zip(nodes, owners, strict=True)
        ],
        batch_size=BATCH,
    )
    for node, milestone in zip(nodes, milestones, strict=True):
        node.pk = milestone.pk
    created = WeeklyReport.objects.bulk_create(
        [
            WeeklyReport(**dict(zip(REPORT_FIELDS, row, strict=True)))
            for row in (_report_row(pid, r, who, supervisor, now) for pid, r, who in reports)
        ],
        batch_size=BATCH,
    )
    NodeReached.objects.bulk_create(
        [
            NodeReached(report_id=report.pk, milestone_id=node.pk, reached_on=node.reached_on)
            for (_, r, _), report in zip(reports, created, strict=True)
            for node in r.nodes
        ],
        batch_size=BATCH,
    )
    # auto_now stamped every row with the real clock; the last touch was the review or submission
    WeeklyReport.objects.filter(project__in=project_ids).update(
        updated_at=Coalesce("reviewed_at", "submitted_at", Value(now))
    )


def _counts(region: Region) -> dict[str, int]:
    reports = WeeklyReport.objects.filter(project__campaign__region=region)
    counts = {
        "campaigns": Campaign.objects.filter(region=region).count(),
        "units": Unit.objects.filter(region=region, is_department=False).count(),
        "departments": Unit.objects.filter(region=region, is_department=True).count(),
        "leaders": Leader.objects.filter(region=region).count(),
        "users": User.objects.filter(region=region).count(),
        "projects": Project.objects.filter(campaign__region=region).count(),
        "milestones": Milestone.objects.filter(project__campaign__region=region).count(),
        "reports": reports.count(),
        "late reports": reports.filter(is_late=True).count(),
        "nodes reached": NodeReached.objects.filter(
            report__project__campaign__region=region
        ).count(),
    }
    for status, total in reports.order_by().values_list("status").annotate(n=models.Count("pk")):
        counts[f"reports {status}"] = total
    return counts

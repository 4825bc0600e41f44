"""Time the problem pages on a big database: the department inbox and the problem list.

Usage (PostgreSQL; the database is created empty, then migrated and filled by this script):
    createdb -h 127.0.0.1 -U postgres problemsbench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/problemsbench \\
        .venv/bin/python scripts/bench_problems.py [--problems 50000]

Builds (or reuses) a register of its own — region "bench", 300 projects, 12 departments — with
``--problems`` problems in every state, each with its raising in the log, then renders each page
through the Django test Client and prints the median of 5 renders and the number of queries.
Target: under 300 ms, and a number of queries that does not depend on the data.
"""

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from accounts.choices import RegionLevel, Role  # noqa: E402
from accounts.models import Leader, Region, Unit, User  # noqa: E402
from problems import selectors  # noqa: E402
from problems.choices import CLOCK_RUNS, OPEN, ProblemCategory, Status  # noqa: E402
from problems.models import Problem, ProblemEvent  # noqa: E402
from projects.models import Campaign, Project  # noqa: E402

RUNS = 5
HOST = "127.0.0.1"  # an allowed host of every settings module
BATCH = 5000
PROJECTS, UNITS, DEPARTMENTS, LEADERS = 300, 30, 12, 10
STATUSES = [  # roughly what a year of a province looks like: most closed, a good share open
    (Status.CLOSED, 55),
    (Status.ACCEPTED, 12),
    (Status.ASSIGNED, 8),
    (Status.ANSWERED, 8),
    (Status.INFO_REQUESTED, 3),
    (Status.REOPENED, 2),
    (Status.UNROUTED, 2),
    (Status.WITHDRAWN, 10),
]


def register() -> tuple[Region, list[Project], list[Unit], User]:
    region, made = Region.objects.get_or_create(
        code="bench", defaults={"name": "压测区", "level": RegionLevel.DISTRICT}
    )
    if not made:
        projects = list(Project.objects.filter(campaign__region=region))
        departments = list(Unit.objects.filter(region=region, is_department=True).order_by("pk"))
        return region, projects, departments, User.objects.get(username="bench-supervisor")
    campaign = Campaign.objects.create(region=region, year=2026, name="压测比拼")
    units = Unit.objects.bulk_create(Unit(region=region, name=f"责任单位{i}") for i in range(UNITS))
    departments = Unit.objects.bulk_create(
        Unit(region=region, name=f"要素保障部门{i}", is_department=True) for i in range(DEPARTMENTS)
    )
    leaders = Leader.objects.bulk_create(
        Leader(region=region, name=f"领导{i}") for i in range(LEADERS)
    )
    projects = Project.objects.bulk_create(
        Project(
            campaign=campaign,
            code=f"B{i:04d}",
            name=f"压测项目{i}",
            category="industry",
            unit=units[i % UNITS],
            leader=leaders[i % LEADERS],
            target="accelerate",
            total_investment=10000,
        )
        for i in range(PROJECTS)
    )
    supervisor = User.objects.create_user(
        "bench-supervisor", password="bench-12345", role=Role.SUPERVISOR, region=region
    )
    for i, department in enumerate(departments):
        User.objects.create_user(
            f"bench-handler{i}", role=Role.HANDLER, region=region, unit=department
        )
    User.objects.create_user("bench-reporter", role=Role.REPORTER, region=region, unit=units[0])
    return region, projects, departments, supervisor


def fill(projects, departments, supervisor, total: int) -> None:
    have = Problem.objects.filter(project__in=projects).count()
    rng = random.Random(2026)
    now = timezone.now()
    today = timezone.localdate()
    statuses = [s for s, weight in STATUSES for _ in range(weight)]
    categories = list(ProblemCategory.values)
    while have < total:
        rows: list[Problem] = []
        for _ in range(min(BATCH, total - have)):
            status = rng.choice(statuses)
            raised = now - dt.timedelta(days=rng.uniform(0, 365))
            deadline = raised.date() + dt.timedelta(days=rng.randint(5, 20))
            late = (today - deadline).days
            ended = status in (Status.CLOSED, Status.WITHDRAWN)
            rows.append(
                Problem(
                    project=rng.choice(projects),
                    category=rng.choice(categories),
                    title=f"压测问题{have + len(rows)}",
                    need="需协调解决。",
                    department=None if status == Status.UNROUTED else rng.choice(departments),
                    status=status,
                    deadline=deadline,
                    raised_by=supervisor,
                    created_at=raised,
                    level=0 if ended or late <= 0 else min(3, 1 + (late - 1) // 5),
                    closed_at=raised + dt.timedelta(days=10) if ended else None,
                    solved_days=10 if status == Status.CLOSED else None,
                    answered_at=raised + dt.timedelta(days=8)
                    if status in (Status.ANSWERED, Status.CLOSED)
                    else None,
                )
            )
        made = Problem.objects.bulk_create(rows)
        ProblemEvent.objects.bulk_create(
            ProblemEvent(
                problem=p,
                kind="raise",
                to_status=p.status,
                actor=supervisor,
                acting_as="raiser",
                text=p.need,
                created_at=p.created_at,
            )
            for p in made
        )
        have += len(rows)
        print(f"  {have} problems", flush=True)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def measure(client: Client, url: str) -> tuple[float, float, int]:
    """Median wall time and median time spent in SQL (ms), and the number of queries."""
    client.get(url, HTTP_HOST=HOST)  # warm the connection and the template cache
    times, sql, queries = [], [], 0
    for _ in range(RUNS):
        with CaptureQueriesContext(connection) as ctx:
            start = time.perf_counter()
            response = client.get(url, HTTP_HOST=HOST)
            times.append(time.perf_counter() - start)
        assert response.status_code == 200, (url, response.status_code)
        queries = len(ctx.captured_queries)
        sql.append(sum(float(q["time"]) for q in ctx.captured_queries))
    return statistics.median(times) * 1000, statistics.median(sql) * 1000, queries


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--problems", type=int, default=50_000)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    print(f"database: {connection.vendor} {connection.settings_dict['NAME']}")
    region, projects, departments, supervisor = register()
    fill(projects, departments, supervisor, args.problems)
    total = Problem.objects.filter(project__campaign__region=region).count()
    busiest = Unit.objects.filter(pk__in=[d.pk for d in departments]).order_by("pk").first()
    handler = User.objects.get(role=Role.HANDLER, unit=busiest)
    print(f"{total} problems; the inbox of {busiest} (handler {handler.username})")
    inbox_rows = selectors.inbox(user=handler).count()
    open_late = selectors.problem_list(user=supervisor).filter(
        status__in=CLOCK_RUNS, deadline__lt=timezone.localdate()
    )
    mine = selectors.problem_list(user=handler)
    opened = selectors.problem_list(user=supervisor).filter(status__in=OPEN)
    pages = [  # (name, who, url, rows behind the first page)
        ("department inbox", handler, "/problems/inbox/", inbox_rows),
        ("problem list (open), supervisor", supervisor, "/problems/", opened.count()),
        ("problem list (all), supervisor", supervisor, "/problems/?status=", total),
        ("  … by deadline, latest first", supervisor, "/problems/?status=&sort=-deadline", total),
        ("  … overdue only", supervisor, "/problems/?overdue=true", open_late.count()),
        ("problem list (all), department", handler, "/problems/?status=", mine.count()),
        ("problem counts, supervisor", supervisor, "/problems/stats/", total),
    ]
    print(f"{'page':34} {'median ms':>10} {'of it SQL':>10} {'queries':>8} {'rows':>8}")
    for name, user, url, rows in pages:
        client = Client()
        client.force_login(user)
        ms, sql_ms, queries = measure(client, url)
        flag = "" if ms < 300 else "  << over 300 ms"
        print(f"{name:34} {ms:10.1f} {sql_ms:10.1f} {queries:8d} {rows:8d}{flag}")
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else 0
    print(f"load average while measuring: {load:.1f} on {os.cpu_count()} CPUs")


if __name__ == "__main__":
    main()

"""Time the reports archive at province scale: 1,000 reports whose frozen snapshots are the size
of a 5,000-project province's (about 3 MB each), read by the region's manager. Target: the
archive page under 200 ms and 100 MB. Rerunnable; everything is written inside a transaction
that is rolled back.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/scale .venv/bin/python \\
        scripts/bench_archive.py [--reports 1000] [--projects 5000] [--runs 5] [--with-snapshot]

Works on any database with a campaign (``seed_demo --projects 5000`` for the real thing); the
reports go to the newest campaign. ``--with-snapshot`` times the archive as it was before the
snapshot was deferred (to compare on the same machine, in the same minute). Prints each run's
time, the query count, the Python memory peak (tracemalloc) and the growth of the process's RSS.
"""

import argparse
import datetime as dt
import os
import resource
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402

from accounts.choices import Role  # noqa: E402
from accounts.models import User  # noqa: E402
from projects.models import Campaign  # noqa: E402
from reports import selectors  # noqa: E402
from reports.models import Report  # noqa: E402


class Rollback(Exception):
    """Raised to undo the bench's writes."""


def rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def fat_snapshot(projects: int) -> dict:
    """A monthly bulletin's shape: one row per project with its figures and reasons."""
    return {
        "kind": "monthly",
        "period_display": "2026年11月",
        "projects": [
            {
                "code": f"P{n:05d}",
                "name": f"基准项目{n:05d}·智能制造产业园二期工程",
                "unit": f"责任单位{n % 300:03d}",
                "leader": f"包靠领导{n % 80:02d}",
                "plan": "17200.00",
                "done": f"{n * 3 % 17200}.00",
                "pct": "61.2",
                "card": ("blue", "yellow", "red")[n % 3],
                "score": "78.5",
                "reasons": ["投资完成低于序时进度", "节点逾期2周", "连续两周未报"][: n % 4],
                "progress": f"第{n % 52}周：主体结构施工，完成投资{n % 900}万元，设备进场调试，"
                "下周计划完成二层楼板浇筑与外墙砌筑，协调用电增容手续。",
                "nodes": [{"name": "开工", "planned": "2026-03-01", "reached": "2026-03-05"}] * 3,
            }
            for n in range(projects)
        ],
    }


def make_reports(campaign: Campaign, count: int, projects: int) -> None:
    """One report through the ORM, then ``count - 1`` copies made by the database itself."""
    first = Report.objects.create(
        campaign=campaign,
        kind="monthly",
        period="bench-00000",
        period_start=dt.date(2026, 1, 1),
        period_end=dt.date(2026, 1, 31),
        snapshot=fat_snapshot(projects),
    )
    table = Report._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"""INSERT INTO {table} (campaign_id, kind, period, period_start, period_end,
                    revision, status, reason, snapshot, pdf, xlsx, built_at)
                SELECT campaign_id, kind, 'bench-' || lpad(n::text, 5, '0'),
                    period_start + n, period_end + n, 1, status, '', snapshot, 'x.pdf', 'x.xlsx',
                    built_at
                FROM {table}, generate_series(1, %s) AS n WHERE id = %s""",
            [count - 1, first.pk],
        )
        cursor.execute(
            f"SELECT pg_size_pretty(pg_column_size(snapshot)::bigint), "
            f"length(snapshot::text) FROM {table} WHERE id = %s",
            [first.pk],
        )
        stored, chars = cursor.fetchone()
    print(f"reports: {count:,}, each snapshot {chars / 2**20:.1f} MB of JSON ({stored} stored)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=1000)
    parser.add_argument("--projects", type=int, default=5000, help="rows in each snapshot")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--with-snapshot", action="store_true", help="the archive before the fix")
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("Run on PostgreSQL (DATABASE_URL): the copies are made with generate_series.")
    if args.with_snapshot:
        selectors.HEAVY = ()  # what the archive read before
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    campaign = Campaign.objects.select_related("region").order_by("-year", "pk").first()
    if campaign is None:
        sys.exit("No campaign: run seed_demo first.")
    print(f"database: {connection.settings_dict['NAME']}; campaign {campaign.name}")
    print(f"load average: {' '.join(f'{n:.1f}' for n in os.getloadavg())} on {os.cpu_count()} cpus")
    print("archive " + ("WITH snapshots (before)" if args.with_snapshot else "without snapshots"))
    times = []
    try:
        with transaction.atomic():
            make_reports(campaign, args.reports, args.projects)
            manager = User.objects.create(
                username="bench-archive-manager", role=Role.MANAGER, region=campaign.region
            )
            client = Client()
            client.force_login(manager)
            url = reverse("reports:archive")
            client.get(url)  # warm up: URL patterns, templates, imports
            for run in range(args.runs):
                before = rss_mb()
                with CaptureQueriesContext(connection) as ctx:
                    started, cpu = time.perf_counter(), time.process_time()
                    response = client.get(url)
                    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
                assert response.status_code == 200, response.status_code
                sql = sum(float(q["time"]) for q in ctx.captured_queries)
                times.append(seconds)
                print(
                    f"  run {run + 1}: {seconds * 1000:7.0f} ms  (python cpu {cpu * 1000:4.0f} ms, "
                    f"sql {sql * 1000:5.0f} ms, "
                    f"{len(ctx.captured_queries)} queries)  RSS +{rss_mb() - before:5.0f} MB, "
                    f"{len(response.content) / 1024:.0f} KB of HTML"
                )
            # Memory on its own request: tracemalloc slows Python down several times.
            tracemalloc.start()
            client.get(url)
            _, traced = tracemalloc.get_traced_memory()
            tracemalloc.stop()
            print(f"  python memory peak of one request (tracemalloc): {traced / 2**20:.1f} MB")
            raise Rollback
    except Rollback:
        pass
    times.sort()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"median {times[len(times) // 2] * 1000:.0f} ms; process peak RSS {peak:.0f} MB")


if __name__ == "__main__":
    main()

"""A Monday morning on the kept pages: ``--submissions N`` weekly reports submitted (drafts of
the current week, on time, their stage unchanged) one at a time, each followed by a read of
``--url`` by a manager of the same district (or ``--city``: of the city). Prints the CPU time
of each read in this process (``time.process_time``: the app's share, not PostgreSQL's), its
queries, and whether the kept part was drawn again; then the median and the total.

Usage (a copy of seed20k; it writes the N reports):
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/league_bench \\
        REDIS_URL=redis://127.0.0.1:6379/14 DEBUG=0 \\
        .venv/bin/python scripts/bench_submissions.py --submissions 30 [--url /dashboard/]
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.signals import template_rendered  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

from accounts.choices import RegionLevel, Role  # noqa: E402
from accounts.models import User  # noqa: E402
from projects import weeks  # noqa: E402
from projects.choices import ReportStatus  # noqa: E402
from projects.models import WeeklyReport  # noqa: E402
from projects.services import REPORT_FIELDS, weekly_report_save  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--submissions", type=int, default=30)
    parser.add_argument("--url", default="/dashboard/")
    parser.add_argument("--city", action="store_true", help="read as the city's manager")
    args = parser.parse_args()
    setup_test_environment()  # templates then say when they are drawn (template_rendered)
    # The district with the most drafts left: each run submits some.
    busiest = (
        WeeklyReport.objects.filter(week=weeks.current_week(), status=ReportStatus.DRAFT)
        .values("project__campaign__region")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .values_list("project__campaign__region", flat=True)
        .first()
    )
    district = User.objects.filter(
        role=Role.MANAGER, region=busiest, region__level=RegionLevel.DISTRICT, is_active=True
    ).first()
    assert district is not None and district.region is not None
    reader = district
    if args.city:
        reader = User.objects.get(role=Role.MANAGER, region=district.region.parent, is_active=True)
    drafts = list(
        WeeklyReport.objects.filter(
            week=weeks.current_week(),
            status=ReportStatus.DRAFT,
            project__campaign__region=district.region,
        )
        .select_related("project__campaign")
        .order_by("?")[: args.submissions]
    )
    print(f"{len(drafts)} drafts of {weeks.week_label(weeks.current_week())} in {district.region}")
    client = Client()
    client.force_login(reader)
    drawn: list[str] = []

    def seen(sender, template, **kwargs) -> None:
        drawn.append(template.name)

    template_rendered.connect(seen, weak=False)
    assert client.get(args.url, HTTP_HOST="127.0.0.1").status_code == 200  # warm, then kept
    cpu, redrawn = [], 0
    for report in drafts:
        project = report.project
        data = {field: getattr(report, field) for field in REPORT_FIELDS}
        data["stage"] = project.stage  # unchanged, as most reports leave it
        weekly_report_save(
            project=project,
            week=report.week,
            user=district,
            data=data,
            version=report.version,
            submit=True,
        )
        drawn.clear()
        start = time.process_time()
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(args.url, HTTP_HOST="127.0.0.1")
        cpu.append(time.process_time() - start)
        assert response.status_code == 200
        kept = any(name.startswith("dashboard/_") for name in drawn)
        redrawn += kept
        print(
            f"read {len(cpu):3}: {cpu[-1] * 1000:7.1f} ms CPU {len(ctx.captured_queries):3} q "
            f"{'drawn' if kept else 'kept'}"
        )
    print(
        f"{args.url} after each of {len(cpu)} submissions: median "
        f"{statistics.median(cpu) * 1000:.1f} ms CPU a read, {sum(cpu) * 1000:.0f} ms in all, "
        f"{redrawn} drawn again"
    )


if __name__ == "__main__":
    main()

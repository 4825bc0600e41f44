"""Time the weekly scoring of the newest campaign's latest due week on a big database.

Usage (a database made with `seed_demo --projects 5000 --weeks 100`, then `migrate`):
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/scorebench .venv/bin/python \
        scripts/bench_scoring.py [--keep] [--runs 3]

Each run scores, as the beat task would, the week before (the first scoring ever: every score
created, every project's card set), then the week itself (every score created, the cards that
changed moved), the week again (nothing changed, nothing written) and a preview (no save) —
inside a transaction that is rolled back, so the database is left as it was unless ``--keep``.
Then, on a city or province (``seed_demo --districts N``), the same two weeks of every district's
campaign, one after another. Prints seconds, Python CPU, SQL time (and, with the server on
this machine, its CPU time) and the query count of each.
"""

import argparse
import datetime as dt
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

import django  # noqa: E402

django.setup()

from django.db import connection, reset_queries, transaction  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from projects import weeks  # noqa: E402
from projects.models import Campaign, Project  # noqa: E402
from scoring.due import due_weeks  # noqa: E402
from scoring.models import ReportFlag, ScoringRun, WeeklyScore  # noqa: E402
from scoring.services import score_campaign_week  # noqa: E402
from scoring.versions import rubric_version_current  # noqa: E402


class Rollback(Exception):
    """Raised to undo the bench's writes."""


def server_cpu() -> float | None:
    """CPU seconds of this connection's PostgreSQL backend so far, when the server runs on this
    machine (its /proc entry is readable): on a loaded machine the SQL's wall time is mostly
    waiting, its CPU time is the work."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


def timed(label: str, campaigns=None, **kwargs) -> list:
    """Run the service once (for each of ``campaigns``, one after another); print wall time,
    this process's CPU time, the queries with their time, and the server's CPU time."""
    reset_queries()  # a full log (9,000 entries) would hide the count
    scored = []
    server = server_cpu()
    with CaptureQueriesContext(connection) as ctx:
        start, cpu = time.perf_counter(), time.process_time()
        for campaign in campaigns or [kwargs.pop("campaign")]:
            scored += score_campaign_week(campaign=campaign, **kwargs)
        seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    sql = sum(float(query["time"]) for query in ctx.captured_queries)
    after = server_cpu()
    server_text = "" if server is None or after is None else f", server cpu {after - server:5.2f} s"
    print(
        f"  {label:<36} {seconds:6.2f} s  (python cpu {cpu:5.2f} s, sql {sql:5.2f} s"
        f"{server_text})  {len(ctx.captured_queries):4d} queries"
    )
    return scored


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", action="store_true", help="commit the scores")
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args()
    campaign = Campaign.objects.order_by("-year", "pk").first()
    if campaign is None:
        sys.exit("No campaign: run seed_demo first.")
    # Every district's campaign of that year (a city or a province seeded with --districts).
    every = list(Campaign.objects.filter(year=campaign.year).order_by("pk"))
    version = rubric_version_current(campaign)
    week = due_weeks(campaign, timezone.now())[-1]
    projects = campaign.projects.count()
    total = Project.objects.filter(campaign__in=every).count()
    print(f"database: {connection.vendor} {connection.settings_dict['NAME']}")
    print(f"load average: {' '.join(f'{n:.1f}' for n in os.getloadavg())} on {os.cpu_count()} cpus")
    print(f"campaign: {campaign.name}, {projects:,} projects, week {weeks.week_label(week)}")
    print(f"all districts: {len(every)} campaigns, {total:,} projects")
    before = week - dt.timedelta(days=7)
    for run in range(args.runs):
        print(f"run {run + 1}: one district")
        try:
            with transaction.atomic():
                # Start from unscored weeks, as the beat task finds them after the deadline.
                for monday in (before, week):
                    forget(every, monday)
                timed(
                    f"{weeks.week_label(before)}, first ever",
                    campaign=campaign,
                    week=before,
                    rubric_version=version,
                )
                scored = timed(
                    f"{weeks.week_label(week)}, the week after",
                    campaign=campaign,
                    week=week,
                    rubric_version=version,
                )
                timed(f"{weeks.week_label(week)} again (no change)", campaign=campaign, week=week)
                timed(
                    f"{weeks.week_label(week)} preview (no save)",
                    campaign=campaign,
                    week=week,
                    save=False,
                )
                counts = {card: 0 for card in ("blue", "yellow", "red")}
                for item in scored:
                    counts[item.result.card] += 1
                flags = ReportFlag.objects.filter(project__campaign=campaign, week=week).count()
                print(f"  cards: {counts}, flags: {flags}")
                if len(every) > 1:
                    print(f"run {run + 1}: all {len(every)} districts, one after another")
                    forget([campaign], before)
                    forget([campaign], week)
                    timed(f"{weeks.week_label(before)}, first ever", every, week=before)
                    timed(f"{weeks.week_label(week)}, the week after", every, week=week)
                    timed(f"{weeks.week_label(week)} again (no change)", every, week=week)
                if not args.keep:
                    raise Rollback
        except Rollback:
            pass


def forget(campaigns, monday) -> None:
    """Remove a week's scores, flags and runs (inside the bench's transaction)."""
    WeeklyScore.history.filter(project__campaign__in=campaigns, week=monday).delete()
    WeeklyScore.objects.filter(project__campaign__in=campaigns, week=monday).delete()
    ReportFlag.objects.filter(project__campaign__in=campaigns, week=monday).delete()
    ScoringRun.objects.filter(campaign__in=campaigns, week=monday).delete()


if __name__ == "__main__":
    main()

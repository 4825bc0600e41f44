"""Time the dashboard and each ranking page on a big database, with their query counts and
the size of the HTML each sends.

Usage (a database made with `seed_demo --projects 5000 --weeks 100`):
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/seedbench \\
        .venv/bin/python scripts/bench_dashboard.py [--score-weeks 6]
``--score-weeks N`` first scores the newest campaign's last N due weeks (and its outlook), so the
pages have cards to read; the pages themselves compute nothing.
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
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from accounts.choices import Role  # noqa: E402
from accounts.models import User  # noqa: E402
from dashboard.services import outlook_compute  # noqa: E402
from projects.models import Campaign  # noqa: E402
from scoring.due import weeks_to_score  # noqa: E402
from scoring.services import score_campaign_week  # noqa: E402

RUNS = 5
PAGES = [
    "/dashboard/",
    "/dashboard/?card=red",
    "/dashboard/?page=13",
    "/dashboard/?changed=on",
    "/dashboard/wall/",
    "/dashboard/rankings/?kind=projects&period=week",
    "/dashboard/rankings/?kind=projects&period=month",
    "/dashboard/rankings/?kind=projects&period=year",
    "/dashboard/rankings/?kind=units&period=year",
    "/dashboard/rankings/?kind=leaders&period=month",
]


def score(n: int) -> None:
    from django.utils import timezone

    campaign = Campaign.objects.order_by("-year").first()
    todo = [week for week, _why in weeks_to_score(campaign, timezone.now())][-n:]
    for week in todo:
        start = time.perf_counter()
        scored = score_campaign_week(campaign=campaign, week=week)
        print(f"scored {week} ({len(scored)} projects) in {time.perf_counter() - start:.1f} s")
    if todo:
        outlook_compute(campaign=campaign, week=todo[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--score-weeks", type=int, default=0)
    args = parser.parse_args()
    if args.score_weeks:
        score(args.score_weeks)
    client = Client()
    client.force_login(User.objects.filter(role=Role.MANAGER).first())
    print(f"database: {connection.vendor} {connection.settings_dict['NAME']}")
    for url in PAGES:
        client.get(url, HTTP_HOST="127.0.0.1")
        times = []
        for _ in range(RUNS):
            start = time.perf_counter()
            with CaptureQueriesContext(connection) as ctx:
                response = client.get(url, HTTP_HOST="127.0.0.1")
            times.append(time.perf_counter() - start)
            assert response.status_code == 200, (url, response.status_code)
        print(
            f"{url:50} median {statistics.median(times) * 1000:7.1f} ms  "
            f"{len(ctx.captured_queries):3} queries  {len(response.content) / 1024:7.1f} KB"
        )


if __name__ == "__main__":
    main()

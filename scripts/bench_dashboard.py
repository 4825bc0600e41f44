"""Time the pages read by managers and leaders on a big database — the dashboard, the rankings
(page and API), the wall screen, the map and the league of districts — three ways each:
computed (the figures' cache emptied before each request), read from the cache, and the 304
of a client that holds the current version. For each: the median time, the query count, the
SQL time, the ratio time / SQL, and the size of what is sent.

Requests go straight to the WSGI handler, as gunicorn calls it, with the cookies of a signed-in
session (as scripts/bench_floor.py does), timed by the wall clock (perf_counter), their SQL by
sql_clock: the figures of a kept page and of its 304 are then those of the request path a server
runs, comparable with bench_floor's floor (the empty signed-in request, the page shell), without
django.test.Client's own request building and response decoration (0.1–0.3 ms of a 4–7 ms page,
measured 2026-12: a kept page's cost is the site's, not the test client's).

Usage (a database made with `seed_demo --districts D --projects P --weeks W`):
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/seedbench \\
        .venv/bin/python scripts/bench_dashboard.py [--score-weeks 6] [--runs 5] [--only league]
        [--skip computed]
``--score-weeks N`` first scores the last N due weeks of every campaign of the newest year (and
its outlook), so the pages have cards to read; the pages themselves compute nothing.
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

from bench_floor import Signed  # noqa: E402  (this folder is first on the path)
from django.core.cache import cache  # noqa: E402
from django.core.handlers.wsgi import WSGIHandler  # noqa: E402
from django.db import connection  # noqa: E402
from sql_clock import sql_clock  # noqa: E402

from accounts.choices import RegionLevel, Role  # noqa: E402
from accounts.models import User  # noqa: E402
from dashboard.rankings.running import running_refresh  # noqa: E402
from dashboard.services import outlook_compute  # noqa: E402
from projects.models import Campaign, Project  # noqa: E402
from scoring.due import weeks_to_score  # noqa: E402
from scoring.services import score_campaign_week  # noqa: E402

PAGES = [
    "/dashboard/",
    "/dashboard/?card=red",
    "/dashboard/?page=13",
    "/dashboard/?changed=on",
    "/dashboard/wall/",
    "/dashboard/map/",
    "/dashboard/rankings/?kind=projects&period=week",
    "/dashboard/rankings/?kind=projects&period=month",
    "/dashboard/rankings/?kind=projects&period=year",
    "/dashboard/rankings/?kind=units&period=year",
    "/dashboard/rankings/?kind=leaders&period=month",
    "/api/v1/rankings/?kind=projects&period=year",
]
CITY_PAGES = ["/dashboard/league/", "/dashboard/", "/dashboard/rankings/?period=year"]


def score(n: int) -> None:
    """Score the last ``n`` due weeks of every campaign of the newest year (one per district of
    a city), each with its outlook; prints each district's time and the total."""
    from django.utils import timezone

    newest = Campaign.objects.order_by("-year").values_list("year", flat=True).first()
    if newest is None:
        sys.exit("No campaign: seed the data first.")
    started = time.perf_counter()
    for campaign in Campaign.objects.filter(year=newest).order_by("pk"):
        todo = [week for week, _why in weeks_to_score(campaign, timezone.now())][-n:]
        for week in todo:
            start = time.perf_counter()
            scored = score_campaign_week(campaign=campaign, week=week)
            print(
                f"{campaign.region} scored {week} ({len(scored)} projects) "
                f"in {time.perf_counter() - start:.1f} s"
            )
        if todo:
            outlook_compute(campaign=campaign, week=todo[-1])
            running_refresh(campaign)  # as the scoring task does, so rankings read stored sums
    print(f"scoring and outlooks: {time.perf_counter() - started:.1f} s in all")


def measure(signed: Signed, url: str, runs: int, mode: str) -> str:
    """One line: median ms, queries, SQL ms, ratio, KB of ``url`` requested ``mode``-wise."""
    headers: dict[str, str] = {}
    code, first, _body = signed.get(url)  # warm the connection and the cache
    assert code == 200, (url, code)
    if mode == "304":
        headers["HTTP_IF_NONE_MATCH"] = first["ETag"]
    times, sql = [], []
    for _ in range(runs):
        if mode == "computed":
            cache.clear()
        start = time.perf_counter()
        with sql_clock() as clock:
            code, _headers, body = signed.get(url, **headers)
        times.append(time.perf_counter() - start)
        sql.append(clock.seconds)
        assert code == (304 if mode == "304" else 200), (url, mode, code)
    ms, sql_ms = statistics.median(times) * 1000, statistics.median(sql) * 1000
    return (
        f"{mode:8} {ms:8.1f} ms {clock.count:4} q  SQL {sql_ms:7.1f} ms  "
        f"×{ms / sql_ms if sql_ms else 0:5.1f}  {len(body) / 1024:7.1f} KB"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--score-weeks", type=int, default=0)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--only", default="", help="only the pages whose URL contains this")
    parser.add_argument("--skip", default="", help="modes not to time, e.g. computed")
    args = parser.parse_args()
    if args.score_weeks:
        score(args.score_weeks)
    print(f"database: {connection.vendor} {connection.settings_dict['NAME']}; cache: {cache}")
    print(f"projects: {Project.objects.count():,} in {Campaign.objects.count()} campaigns")
    district = User.objects.filter(
        role=Role.MANAGER, region__level=RegionLevel.DISTRICT, is_active=True
    ).first()
    city = User.objects.filter(
        role=Role.MANAGER, region__level=RegionLevel.CITY, is_active=True
    ).first()
    handler = WSGIHandler()
    modes = [m for m in ("computed", "cached", "304") if m not in args.skip.split(",")]
    print(f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    for user, pages in ((district, PAGES), (city, CITY_PAGES)):
        if user is None:
            continue
        signed = Signed(user, handler)
        print(f"\n{user.username} ({user.region})")
        for url in (url for url in pages if args.only in url):
            for mode in modes:
                print(f"{url:48} {measure(signed, url, args.runs, mode)}")


if __name__ == "__main__":
    main()

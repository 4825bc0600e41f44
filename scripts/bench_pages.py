"""Time the register's pages on a big database: the project list's first page, the
review queue, "this week", a project's page, an open entry form, the problem list, the inbox
and the list of 批示.

Usage (a database made with `seed_demo [--districts D] --projects P --weeks W`; DEBUG=0):
    DEBUG=0 DATABASE_URL=postgres://postgres@127.0.0.1:5432/seedbench REDIS_URL=redis://… \\
        .venv/bin/python scripts/bench_pages.py [--runs 7]
Prints per page, as bench_dashboard does: the median of several renders (wall clock), the number
of queries, their SQL time (scripts/sql_clock.py), the ratio time / SQL, and the size of the HTML.
The first line is the floor every signed-in page stands on: bench_floor's page shell with nothing
in it (the middleware, the session, the reader and the top bar).

Each request goes straight to the WSGI handler, as gunicorn calls it (signals, connection checks,
every middleware), with the cookies of a signed-in session (scripts/bench_floor.py's ``Signed``):
not through ``django.test.Client``, whose own work per request (building the request, copying
the response's context and templates for the test's reading, the signals it listens to) is no
cost a served page pays and was a few milliseconds of each page's time here.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

import django  # noqa: E402

django.setup()

from bench_floor import Signed, floor_urls, open_entry, own_page  # noqa: E402  (this folder is first on the path)
from django.core.handlers.wsgi import WSGIHandler  # noqa: E402
from django.db import connection  # noqa: E402
from sql_clock import sql_clock  # noqa: E402

from accounts.choices import RegionLevel, Role  # noqa: E402
from accounts.models import User  # noqa: E402
from projects.models import Project  # noqa: E402


def measure(signed: Signed, url: str, runs: int) -> str:
    """One line: median ms, queries, SQL ms, ratio, KB of ``url``."""
    url = quote(url, safe="/?&=")  # as a browser sends it: WSGI's query string is Latin-1
    signed.get(url)  # warm caches, the templates and the connection
    times, sql = [], []
    for _ in range(runs):
        start = time.perf_counter()
        with sql_clock() as clock:
            code, _headers, body = signed.get(url)
        times.append(time.perf_counter() - start)
        sql.append(clock.seconds)
        assert code == 200, (url, code)
    ms, sql_ms = statistics.median(times) * 1000, statistics.median(sql) * 1000
    return (
        f"median {ms:7.1f} ms {clock.count:4} q  SQL {sql_ms:7.1f} ms  "
        f"×{ms / sql_ms if sql_ms else 0:5.1f}  {len(body) / 1024:7.1f} KB"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--only", default="", help="only the URLs that contain this")
    args = parser.parse_args()
    supervisor = User.objects.filter(
        role=Role.SUPERVISOR, region__level=RegionLevel.DISTRICT, is_active=True
    ).first()
    # A city's supervisor reads every district's projects: the biggest lists there are.
    city = User.objects.filter(
        role=Role.SUPERVISOR, region__level=RegionLevel.CITY, is_active=True
    ).first()
    reporter = User.objects.filter(role=Role.REPORTER).order_by("-unit__projects__id").first()
    manager = User.objects.filter(
        role=Role.MANAGER, region__level=RegionLevel.DISTRICT, is_active=True
    ).first()
    if supervisor is None or reporter is None:
        sys.exit("No supervisor or reporter: seed the data first.")
    print(f"database: {connection.vendor} {connection.settings_dict['NAME']}")
    print(f"projects: {Project.objects.count():,}; load average {os.getloadavg()[0]:.2f}")
    floor_urls()  # bench_floor's own pages beside the site's: the page shell with nothing in it
    import config.wsgi  # noqa: F401 - loaded as a gunicorn worker loads it (settled)

    handler = WSGIHandler()
    signed = {user: Signed(user, handler) for user in (supervisor, reporter, city, manager) if user}
    for user, url in [
        # The floor of every signed-in page: the middleware, the session and the shell, empty.
        (supervisor, "/_floor/shell/"),
        (supervisor, "/projects/"),
        (supervisor, "/projects/?sort=-ytd_investment"),
        (supervisor, "/projects/?q=产业&card=red"),
        (supervisor, "/review/"),
        (reporter, "/week/"),
        *((reporter, url) for url in (own_page(reporter), open_entry(reporter)) if url),
        (supervisor, "/problems/"),
        (supervisor, "/problems/inbox/"),
        *([(manager, "/instructions/")] if manager else []),
        *(
            (city, url)
            for url in ("/projects/", "/projects/?sort=-ytd_investment", "/review/")
            if city
        ),
    ]:
        if args.only in url:
            print(f"{url:40} {user.username:12} {measure(signed[user], url, args.runs)}")


if __name__ == "__main__":
    main()

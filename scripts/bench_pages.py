"""Time the register's pages on a big database: the project list's first page, the
review queue and "this week".

Usage (a database made with `seed_demo [--districts D] --projects P --weeks W`):
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/seedbench \
        .venv/bin/python scripts/bench_pages.py
Prints per page, as bench_dashboard does: the median of several renders, the number of queries,
their SQL time, the ratio time / SQL, and the size of the HTML.
"""

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
from sql_clock import sql_clock  # noqa: E402  (this folder is first on the path)

from accounts.choices import RegionLevel, Role  # noqa: E402
from accounts.models import User  # noqa: E402
from projects.models import Project  # noqa: E402

RUNS = 7


def measure(client: Client, url: str) -> str:
    """One line: median ms, queries, SQL ms, ratio, KB of ``url``."""
    client.get(url, HTTP_HOST="127.0.0.1")  # warm caches and the connection
    times, sql = [], []
    for _ in range(RUNS):
        start = time.perf_counter()
        with sql_clock() as clock:
            response = client.get(url, HTTP_HOST="127.0.0.1")
        times.append(time.perf_counter() - start)
        sql.append(clock.seconds)
        assert response.status_code == 200, (url, response.status_code)
    ms, sql_ms = statistics.median(times) * 1000, statistics.median(sql) * 1000
    return (
        f"median {ms:7.1f} ms {clock.count:4} q  SQL {sql_ms:7.1f} ms  "
        f"×{ms / sql_ms if sql_ms else 0:5.1f}  {len(response.content) / 1024:7.1f} KB"
    )


def main() -> None:
    supervisor = User.objects.filter(
        role=Role.SUPERVISOR, region__level=RegionLevel.DISTRICT, is_active=True
    ).first()
    # A city's supervisor reads every district's projects: the biggest lists there are.
    city = User.objects.filter(
        role=Role.SUPERVISOR, region__level=RegionLevel.CITY, is_active=True
    ).first()
    reporter = User.objects.filter(role=Role.REPORTER).order_by("-unit__projects__id").first()
    if supervisor is None or reporter is None:
        sys.exit("No supervisor or reporter: seed the data first.")
    print(f"database: {connection.vendor} {connection.settings_dict['NAME']}")
    print(f"projects: {Project.objects.count():,}")
    for user, url in [
        (supervisor, "/projects/"),
        (supervisor, "/projects/?sort=-ytd_investment"),
        (supervisor, "/projects/?q=产业&card=red"),
        (supervisor, "/review/"),
        (reporter, "/week/"),
        *(
            (city, url)
            for url in ("/projects/", "/projects/?sort=-ytd_investment", "/review/")
            if city
        ),
    ]:
        client = Client()
        client.force_login(user)
        print(f"{url:40} {user.username:12} {measure(client, url)}")


if __name__ == "__main__":
    main()

"""The Monday-morning load: a mixed crowd against gunicorn on PostgreSQL, in rate steps.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/scale .venv/bin/python scripts/bench_load.py \\
        [--workers 2] [--rates 10,20,40,80,100] [--step-seconds 20] [--url http://…]

Starts gunicorn (``--workers``, unless ``--url`` names a running server) on the database of
DATABASE_URL (made with ``seed_demo``, e.g. ``--districts 4 --projects 100``), signs the crowd
in by creating their sessions in the database (no login form, no second factor in the way),
then runs locust headless: at each rate every simulated person sends one request a second
(``constant_throughput``), for ``--step-seconds``. The crowd, by weight: reporters opening
this week's page and a report's form, leaders on the dashboard and the rankings, supervisors
on the project list, the review queue and the problem list, city readers on the league.

Prints, per step, the requests/s achieved, p50, p95, p99 and errors, then the final line
``held R req/s at p95 P ms, E errors``: the highest step reached (at least 90% of its rate)
with p95 under 1 s and no error; if none was, the first step's figures. Bounded in time:
about ``len(rates) * step_seconds`` plus start-up.
"""

import argparse
import os
import random
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

import django  # noqa: E402
import gevent  # noqa: E402  (locust's own; imported first so it patches the stdlib)
from locust import HttpUser, constant_throughput, task  # noqa: E402
from locust.env import Environment  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY  # noqa: E402
from django.contrib.sessions.backends.db import SessionStore  # noqa: E402

from accounts.choices import Role  # noqa: E402
from accounts.models import User  # noqa: E402
from projects.models import Project  # noqa: E402

HELD_P95_MS = 1000
PEOPLE: dict[str, list[str]] = {}  # role -> session keys
# The backend a password login records: axes' standalone backend (the first) reads no user back.
BACKEND = "django.contrib.auth.backends.ModelBackend"
OWN_PROJECTS: dict[str, list[str]] = {}  # a reporter's session key -> its unit's project pages


def sessions(role: str, limit: int) -> list[str]:
    """Session keys of up to ``limit`` active users of ``role`` (a city's manager for "city")."""
    users = User.objects.filter(is_active=True)
    if role == "city":
        users = users.filter(role=Role.MANAGER, region__level__in=["city", "province"])
    else:
        users = users.filter(role=role, region__level="district")
    keys = []
    for user in users.order_by("pk")[:limit]:
        store = SessionStore()
        store[SESSION_KEY] = str(user.pk)
        store[BACKEND_SESSION_KEY] = BACKEND
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        store.create()
        assert store.session_key is not None  # create() saved it under a new key
        keys.append(store.session_key)
        if role == Role.REPORTER and user.unit_id is not None:
            mine = Project.objects.filter(unit_id=user.unit_id).values_list("pk", flat=True)[:20]
            OWN_PROJECTS[store.session_key] = [f"/projects/{pk}/" for pk in mine]
    return keys


class Person(HttpUser):
    """One official of the Monday morning; the role is drawn by weight at the start."""

    wait_time = constant_throughput(1)
    ROLES = (("reporter", 5), ("leader", 2), ("supervisor", 2), ("city", 1))

    def on_start(self):
        roles = [r for r, _ in self.ROLES if PEOPLE.get(r)]
        weights = [w for r, w in self.ROLES if PEOPLE.get(r)]
        self.role = random.choices(roles, weights)[0]
        self.session = random.choice(PEOPLE[self.role])
        self.client.cookies.set(settings.SESSION_COOKIE_NAME, self.session)

    def get(self, url: str, name: str):
        with self.client.get(url, name=name, allow_redirects=False, catch_response=True) as r:
            if r.status_code != 200:
                r.failure(f"{r.status_code}")

    @task
    def visit(self):
        if self.role == "reporter":
            own = OWN_PROJECTS.get(self.session)
            if random.random() < 0.6 or not own:
                self.get("/week/", "reporter: this week")
            else:
                self.get(random.choice(own), "reporter: a project")
        elif self.role == "leader":
            self.get(random.choice(["/dashboard/", "/dashboard/rankings/"]), "leader: dashboard")
        elif self.role == "supervisor":
            url = random.choice(["/projects/", "/review/", "/problems/"])
            self.get(url, "supervisor: lists")
        else:
            self.get("/dashboard/league/", "city: league")


def start_gunicorn(workers: int, port: int) -> subprocess.Popen:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.local"}
    process = subprocess.Popen(
        [
            str(ROOT / ".venv/bin/gunicorn"),
            "config.wsgi",
            f"--workers={workers}",
            f"--bind=127.0.0.1:{port}",
            "--timeout=60",
            "--log-level=warning",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    for _ in range(120):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2)
            return process
        except OSError:
            time.sleep(0.5)
    os.killpg(process.pid, signal.SIGTERM)
    sys.exit("gunicorn did not answer /healthz within a minute")


def step(env: Environment, rate: int, seconds: int) -> dict:
    assert env.runner is not None  # main() creates the local runner before the first step
    env.runner.start(rate, spawn_rate=max(rate, 10))
    gevent.sleep(min(3, seconds / 4))  # let the crowd arrive before counting
    env.stats.reset_all()
    started = time.monotonic()
    gevent.sleep(seconds)
    elapsed = time.monotonic() - started
    total = env.stats.total
    return {
        "rate": rate,
        "rps": total.num_requests / elapsed,
        "n": total.num_requests,
        "p50": total.get_response_time_percentile(0.5) or 0,
        "p95": total.get_response_time_percentile(0.95) or 0,
        "p99": total.get_response_time_percentile(0.99) or 0,
        "errors": total.num_failures,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--url", help="a server already running (no gunicorn started)")
    parser.add_argument("--rates", default="10,20,40,80,100")
    parser.add_argument("--step-seconds", type=int, default=20)
    args = parser.parse_args()
    rates = [int(r) for r in args.rates.split(",")]
    for role, limit in (("reporter", 200), ("leader", 50), ("supervisor", 10), ("city", 5)):
        PEOPLE[role] = sessions(role, limit)
    if not PEOPLE["reporter"]:
        sys.exit("No demo data: run seed_demo first.")
    print(f"load average: {' '.join(f'{n:.1f}' for n in os.getloadavg())} on {os.cpu_count()} cpus")
    print(
        f"projects: {Project.objects.count():,}; people: "
        + ", ".join(f"{len(v)} {k}" for k, v in PEOPLE.items())
    )
    server = None if args.url else start_gunicorn(args.workers, args.port)
    base = args.url or f"http://127.0.0.1:{args.port}"
    print(f"server: {base}" + ("" if args.url else f" (gunicorn, {args.workers} workers)"))
    results = []
    try:
        env = Environment(user_classes=[Person], host=base)
        env.create_local_runner()
        print(
            f"{'rate/s':>7} {'achieved':>9} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} {'errors':>7}"
        )
        for rate in rates:
            r = step(env, rate, args.step_seconds)
            results.append(r)
            print(
                f"{rate:9d} {r['rps']:9.1f} {r['p50']:9.0f} {r['p95']:9.0f} {r['p99']:9.0f} "
                f"{r['errors']:>5d}/{r['n']}",
                flush=True,
            )
        if env.runner is not None:
            env.runner.quit()
        for error in sorted(env.stats.errors.values(), key=lambda e: -e.occurrences)[:5]:
            print(f"  error in the last step: {error.name} {error.error} ×{error.occurrences}")
    finally:
        if server is not None:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
    held = [
        r
        for r in results
        if r["rps"] >= 0.9 * r["rate"] and r["p95"] < HELD_P95_MS and r["errors"] == 0
    ]
    best = held[-1] if held else results[0]
    print(f"held {best['rps']:.0f} req/s at p95 {best['p95']:.0f} ms, {best['errors']} errors")


if __name__ == "__main__":
    main()

"""The Monday-morning load: a mixed crowd against gunicorn on PostgreSQL, in rate steps.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/scale .venv/bin/python scripts/bench_load.py \\
        [--workers 2] [--rates 10,20,40,80,100] [--step-seconds 20] [--url http://…]

Starts gunicorn (``--workers``, unless ``--url`` names a running server) on the database of
DATABASE_URL (made with ``seed_demo``, e.g. ``--districts 4 --projects 100``), signs the crowd
in by creating their sessions in the database (no login form, no second factor in the way),
then sends the crowd in open loop (``open_loop.py``: arrivals at each step's rate, each on its
own thread and timed from when it arrived, a queue included) for ``--step-seconds`` after
``--warmup`` seconds not counted. The crowd, by weight: reporters opening
this week's page and a project's page, and opening this week's entry form and saving it (a
draft: a GET, then a POST with its CSRF token), leaders on the dashboard and the rankings,
supervisors on the project list, the review queue and the problem list, city readers on the
league. Per step it prints too the CPU milliseconds per request of gunicorn, of PostgreSQL and
of the crowd itself (this process, on the same cores).

Prints, per step, the requests/s achieved, p50, p95, p99 and errors, then the final line
``held R req/s at p95 P ms, E errors``: the highest step reached (at least 90% of its rate)
with p95 under 1 s and no error; if none was, the first step's figures. Bounded in time:
about ``len(rates) * step_seconds`` plus start-up.
"""

import argparse
import os
import queue
import random
import signal
import subprocess
import sys
import time
import urllib.request
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

import django  # noqa: E402
import psutil  # noqa: E402  (CPU times of gunicorn and PostgreSQL, from /proc)
from open_loop import Browser, Step, run_step  # noqa: E402  (this folder is first on the path)

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY  # noqa: E402
from django.contrib.sessions.backends.db import SessionStore  # noqa: E402
from django.utils import timezone  # noqa: E402

from accounts.choices import Role  # noqa: E402
from accounts.models import User  # noqa: E402
from audit.models import AccountSession  # noqa: E402
from audit.sessions import SEEN, STARTED  # noqa: E402
from projects import weeks  # noqa: E402
from projects.choices import ReportStatus  # noqa: E402
from projects.models import Project, WeeklyReport  # noqa: E402

HELD_P95_MS = 1000
PEOPLE: dict[str, list[str]] = {}  # role -> session keys
# The backend a password login records: axes' standalone backend (the first) reads no user back.
BACKEND = "accounts.backends.AccountBackend"
OWN_PROJECTS: dict[str, list[str]] = {}  # a reporter's session key -> its unit's project pages
# (session key, entry form of this week) of distinct projects: one simulated reporter each, so
# two never save the same report (a version conflict is right, but not what is measured).
ENTRIES: list[tuple[str, str]] = []


class EntryForm(HTMLParser):
    """The fields a browser would send from the form that holds ``version``: the entry form."""

    def __init__(self):
        super().__init__()
        self.forms: list[dict] = []
        self.select = self.textarea = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.forms.append({})
        elif tag == "option" and self.select and self.forms:
            if "selected" in a or not self.forms[-1][self.select]:
                self.forms[-1][self.select] = a.get("value") or ""
        elif not self.forms or not a.get("name"):
            return
        elif tag == "input" and a.get("type") not in ("file", "submit", "checkbox", "radio"):
            self.forms[-1][a["name"]] = a.get("value") or ""
        elif tag == "select":
            self.select = a["name"]
            self.forms[-1].setdefault(self.select, "")
        elif (
            tag == "option" and self.select and ("selected" in a or not self.forms[-1][self.select])
        ):
            self.forms[-1][self.select] = a.get("value") or ""
        elif tag == "textarea":
            self.textarea = a["name"]
            self.forms[-1][self.textarea] = ""

    def handle_endtag(self, tag):
        if tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None

    def handle_data(self, data):
        if self.textarea and self.forms:
            self.forms[-1][self.textarea] += data

    @classmethod
    def fields(cls, html: str) -> dict | None:
        parser = cls()
        parser.feed(html)
        return next((f for f in parser.forms if "version" in f), None)


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
        store[STARTED] = store[SEEN] = time.time()
        store.create()
        assert store.session_key is not None  # create() saved it under a new key
        # The account's live session, as a sign-in records it: else an earlier sign-in of the
        # same account (a page benchmark's) ends this one after a minute (one session each).
        AccountSession.objects.update_or_create(
            user=user, defaults={"session_key": store.session_key, "started_at": timezone.now()}
        )
        keys.append(store.session_key)
        if role == Role.REPORTER and user.unit_id is not None:
            mine = Project.objects.filter(unit_id=user.unit_id).values_list("pk", flat=True)[:20]
            OWN_PROJECTS[store.session_key] = [f"/projects/{pk}/" for pk in mine]
            entries(store.session_key, user.unit_id)
    return keys


def entries(session: str, unit_id: int) -> None:
    """This week's entry forms of the unit's projects not yet submitted, unclaimed ones only."""
    claimed = {url for _s, url in ENTRIES}
    projects = Project.objects.filter(unit_id=unit_id).select_related("campaign")
    for project in projects.order_by("-campaign__year", "pk")[:20]:
        c = project.campaign
        week = weeks.reporting_week(weekday=c.deadline_weekday, at=c.deadline_time)
        if not c.holds_week(week):
            continue  # last year's projects of the unit: this week is not theirs
        url = f"/projects/{project.pk}/weeks/{weeks.week_label(week)}/"
        submitted = WeeklyReport.objects.filter(
            project=project, week=week, status__in=[ReportStatus.SUBMITTED, ReportStatus.ACCEPTED]
        )
        if url not in claimed and not submitted.exists():
            ENTRIES.append((session, url))


ROLES = (("reporter", 5), ("leader", 2), ("supervisor", 2), ("city", 1))


class Crowd:
    """The Monday morning's people, signed in, and what each does on arrival."""

    def __init__(self, host: str, port: int):
        name = settings.SESSION_COOKIE_NAME
        self.origin = f"http://{host}:{port}"
        self.people = {
            role: [Browser(host, port, {name: key}) for key in keys]
            for role, keys in PEOPLE.items()
            if keys
        }
        self.own = {
            id(b): OWN_PROJECTS.get(b.cookies[name], []) for bs in self.people.values() for b in bs
        }
        by_key = {b.cookies[name]: b for b in self.people.get("reporter", [])}
        # Entry forms not being saved right now: two saves of one report at once would be a
        # version conflict, right but not what is measured.
        self.free: queue.SimpleQueue[tuple[Browser, str]] = queue.SimpleQueue()
        for key, url in ENTRIES:
            self.free.put((by_key.get(key) or Browser(host, port, {name: key}), url))
        self.roles = [r for r, _w in ROLES if r in self.people]
        self.weights = [w for r, w in ROLES if r in self.people]

    def visit(self, step: Step, arrived: float) -> None:
        role = random.choices(self.roles, self.weights)[0]
        browser = random.choice(self.people[role])
        if role == "reporter":
            draw, own = random.random(), self.own[id(browser)]
            if draw < 0.25 and self.save_report(step, arrived):
                return
            if draw < 0.7 or not own:
                self.get(step, arrived, browser, "/week/", "reporter: this week")
            else:
                self.get(step, arrived, browser, random.choice(own), "reporter: a project")
        elif role == "leader":
            url = random.choice(["/dashboard/", "/dashboard/rankings/"])
            self.get(step, arrived, browser, url, "leader: dashboard")
        elif role == "supervisor":
            url = random.choice(["/projects/", "/review/", "/problems/"])
            self.get(step, arrived, browser, url, "supervisor: lists")
        else:
            self.get(step, arrived, browser, "/dashboard/league/", "city: league")

    @staticmethod
    def get(step: Step, arrived: float, browser: Browser, url: str, name: str) -> None:
        status, _text = browser.request("GET", url)
        step.record(name, arrived, "" if status == 200 else str(status))

    def save_report(self, step: Step, arrived: float) -> bool:
        """Open this week's entry form and save it as a draft, as a browser does (CSRF token,
        the version it read, every field), expecting the redirect back to the form. False when
        every entry form is being saved already."""
        try:
            browser, url = self.free.get_nowait()
        except queue.Empty:
            return False
        try:
            status, html = browser.request("GET", url)
            fields = EntryForm.fields(html) if status == 200 else None
            step.record("reporter: entry form", arrived, "" if fields else f"{status}: no form")
            if fields is None:
                return True
            fields["progress"] = f"本周完成工程量 {random.randint(1, 99)}%，现场施工正常。"
            fields["ytd_investment"] = fields.get("ytd_investment") or "100.00"
            posted = time.perf_counter()
            status, _text = browser.request("POST", url, fields, {"Referer": self.origin + url})
            step.record(
                "reporter: save report", posted, "" if status == 302 else f"{status}: not saved"
            )
            return True
        finally:
            self.free.put((browser, url))


class Meter:
    """CPU-seconds spent so far by gunicorn (master and workers) and by the PostgreSQL
    backends of our database, read from /proc through psutil."""

    def __init__(self, server: subprocess.Popen | None):
        self.server = psutil.Process(server.pid) if server else None
        self.db = f" {settings.DATABASES['default']['NAME']} "
        self.db_seen: dict[int, float] = {}  # backend pid -> its last CPU time (some exit)

    @staticmethod
    def _cpu(process: psutil.Process) -> float:
        times = process.cpu_times()
        return times.user + times.system

    def sample(self) -> tuple[float, float, float]:
        app = 0.0
        if self.server is not None:
            for process in [self.server, *self.server.children(recursive=True)]:
                try:
                    app += self._cpu(process)
                except psutil.NoSuchProcess:
                    pass
        for process in psutil.process_iter(["cmdline"]):
            line = " ".join(process.info["cmdline"] or [])
            if line.startswith("postgres:") and self.db in line:
                try:
                    self.db_seen[process.pid] = self._cpu(process)
                except psutil.NoSuchProcess:
                    pass
        # The crowd itself (this process) runs on the same cores: its share is shown.
        return app, sum(self.db_seen.values()), self._cpu(psutil.Process())


def start_gunicorn(workers: int, port: int, threads: int = 1) -> subprocess.Popen:
    # Not DEBUG, as in production: DEBUG records every query and its traceback hooks.
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.local", "DEBUG": "0"}
    process = subprocess.Popen(
        [
            str(ROOT / ".venv/bin/gunicorn"),
            "config.wsgi",
            f"--workers={workers}",
            f"--threads={threads}",
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


def step(crowd: Crowd, rate: int, seconds: int, meter: Meter) -> dict:
    app0, db0, crowd0 = meter.sample()
    seen = run_step(crowd.visit, rate, seconds)
    app1, db1, crowd1 = meter.sample()
    served = max(len(seen.samples), 1)
    errors: dict[tuple[str, str], int] = {}
    for found in seen.errors:
        errors[found] = errors.get(found, 0) + 1
    return {
        "app_ms": (app1 - app0) / served * 1000,
        "db_ms": (db1 - db0) / served * 1000,
        "crowd_ms": (crowd1 - crowd0) / served * 1000,
        "load": os.getloadavg()[0],
        "rate": rate,
        "rps": seen.achieved,
        "n": len(seen.samples),
        "p50": seen.percentile(0.5),
        "p95": seen.percentile(0.95),
        "p99": seen.percentile(0.99),
        "errors": len(seen.errors),
        "error_kinds": errors,
        "step": seen,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=1, help="gunicorn threads per worker")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--url", help="a server already running (no gunicorn started)")
    parser.add_argument("--rates", default="10,20,40,80,100")
    parser.add_argument("--step-seconds", type=int, default=20)
    parser.add_argument("--pages", action="store_true", help="each step's p50 and p95 by page")
    parser.add_argument("--warmup", type=float, default=5, help="seconds of load not counted")
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
        + f"; {len(ENTRIES)} entry forms to save"
    )
    server = None if args.url else start_gunicorn(args.workers, args.port, args.threads)
    base = args.url or f"http://127.0.0.1:{args.port}"
    print(
        f"server: {base}"
        + ("" if args.url else f" (gunicorn, {args.workers} workers × {args.threads} threads)")
    )
    meter = Meter(server)
    results = []
    try:
        host, _, port = base.removeprefix("http://").partition(":")
        crowd = Crowd(host, int(port or 80))
        # Not counted: the first answers fill the kept pages and the workers' connections.
        run_step(crowd.visit, rates[0], args.warmup)
        # CPU ms per request served: of gunicorn (app) and of our PostgreSQL backends (db).
        print(
            f"{'rate/s':>7} {'achieved':>9} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} {'errors':>9}"
            f" {'app cpu':>8} {'db cpu':>7} {'db %':>5} {'crowd':>6} {'load':>5}"
        )
        for rate in rates:
            r = step(crowd, rate, args.step_seconds, meter)
            results.append(r)
            share = r["db_ms"] / (r["app_ms"] + r["db_ms"]) * 100 if r["app_ms"] else 0
            print(
                f"{rate:7d} {r['rps']:9.1f} {r['p50']:7.0f} {r['p95']:7.0f} {r['p99']:7.0f} "
                f"{r['errors']:>5d}/{r['n']:<4d}{r['app_ms']:7.0f}ms {r['db_ms']:5.0f}ms "
                f"{share:4.0f}% {r['crowd_ms']:4.0f}ms {r['load']:5.1f}",
                flush=True,
            )
            if args.pages:
                seen = r["step"]
                for name, times in sorted(seen.pages().items()):
                    print(
                        f"        {name:28} {len(times):5d} p50 {seen.percentile(0.5, name):6.0f} "
                        f"p95 {seen.percentile(0.95, name):6.0f} ms"
                    )
        kinds = results[-1]["error_kinds"] if results else {}
        for (name, error), times in sorted(kinds.items(), key=lambda e: -e[1])[:5]:
            print(f"  error in the last step: {name} {error} ×{times}")
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
    busy = [r for r in results if r["n"] > 1]
    app = sum(r["app_ms"] * r["n"] for r in busy) / max(sum(r["n"] for r in busy), 1)
    db = sum(r["db_ms"] * r["n"] for r in busy) / max(sum(r["n"] for r in busy), 1)
    print(
        f"cpu per request of the mix: app {app:.0f} ms, PostgreSQL {db:.0f} ms "
        f"({db / (app + db) * 100 if app + db else 0:.0f}% of {app + db:.0f} ms)"
    )
    print(f"held {best['rps']:.0f} req/s at p95 {best['p95']:.0f} ms, {best['errors']} errors")


if __name__ == "__main__":
    main()

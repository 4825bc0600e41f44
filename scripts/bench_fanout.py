"""Time the beat's fan-out on real Celery workers: every district's next due week, side by side.

Usage (DATABASE_URL: a copy of the province database, e.g. ``createdb -T seed20k scorebench``):
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/scorebench \\
        .venv/bin/python scripts/bench_fanout.py [--concurrency 1,2,4] [--reuse-prepared]

The database named by DATABASE_URL is only read (as a template): the script works in copies it
creates and drops. First a prepared copy: every due week of every campaign but the latest is
marked scored (a run row, as if the beat had kept up), and the week before the latest is scored
for real, so the timed week is an ordinary "week after" (scores created, cards moved, flags
continued). Then, for each concurrency, a fresh copy of the prepared one, a
``celery -A config worker -c N`` on it with a redis-server of its own (a free port, no
persistence) as broker and cache, the beat's task ``score_due_campaigns`` queued, and the time
from queueing until every campaign's run of the week is written; the worker is stopped and the
copy dropped. Prints, per concurrency, that time, the sum of the tasks' own times from the
worker's log, and the CPU time of the worker and of its PostgreSQL backends (on a loaded
machine, the work done). The prepared copy is dropped at the end unless ``--keep-prepared``;
``--reuse-prepared`` starts from one kept before.
"""

import argparse
import datetime as dt
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def with_name(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def admin(url: str):
    """A connection to the server's maintenance database, for CREATE/DROP DATABASE."""
    return psycopg.connect(with_name(url, "postgres"), autocommit=True)


def copy_database(url: str, source: str, target: str) -> None:
    with admin(url) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{target}"')
        for _attempt in range(30):  # a template must have no other connection
            try:
                conn.execute(f'CREATE DATABASE "{target}" TEMPLATE "{source}"')
                return
            except psycopg.errors.ObjectInUse:
                time.sleep(2)
        raise RuntimeError(f"{source} stays in use: cannot copy it")


def drop_database(url: str, name: str) -> None:
    with admin(url) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def prepare(url: str) -> tuple[dt.date, list[int]]:
    """In the prepared copy: runs for every due week but the latest, the week before it scored
    for real. Returns the latest due week and the campaigns that will score it."""
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    import django

    django.setup()
    from django.db import connection
    from django.utils import timezone

    from projects.models import Campaign, Project
    from scoring.due import due_weeks
    from scoring.models import ScoringRun
    from scoring.services import score_campaign_week
    from scoring.versions import rubric_version_current

    now = timezone.now()
    latest, targets = None, []
    start = time.perf_counter()
    for campaign in Campaign.objects.order_by("pk"):
        version = rubric_version_current(campaign)
        due = due_weeks(campaign, now, version.rubric)
        if not due:
            continue
        last = due[-1]
        count = Project.objects.filter(campaign=campaign).count()
        # Only the current year's campaigns score a week now; an older one is fully scored.
        this_year = last >= now.date() - dt.timedelta(days=14)
        stubbed = due[:-2] if this_year else due
        done = set(ScoringRun.objects.filter(campaign=campaign).values_list("week", flat=True))
        ScoringRun.objects.bulk_create(
            ScoringRun(
                campaign=campaign, week=monday, rubric_version=version, scored_at=now,
                written_at=now, projects=count,
            )
            for monday in stubbed
            if monday not in done
        )  # fmt: skip
        if this_year:
            if len(due) > 1 and due[-2] not in done:
                score_campaign_week(campaign=campaign, week=due[-2])
            latest = last if latest is None else max(latest, last)
            targets.append(campaign.pk)
    connection.close()
    with psycopg.connect(url, autocommit=True) as conn:
        # As a live database is: statistics, and hint bits set (else the first task to read a
        # page of the copy writes it).
        conn.execute("VACUUM ANALYZE")
    print(
        f"prepared: {len(targets)} campaigns to score week {latest} "
        f"({time.perf_counter() - start:.0f} s)"
    )
    if latest is None:
        sys.exit("No campaign has a due week: nothing to time.")
    return latest, targets


def private_redis(folder: Path) -> tuple[subprocess.Popen, str]:
    """A redis-server of our own on a free loopback port, so that no one else's queue or cache
    is touched (a test run flushes the shared server's database)."""
    if shutil.which("redis-server") is None:
        sys.exit("redis-server is not installed: run scripts/system-packages")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    process = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "",
         "--appendonly", "no", "--dir", str(folder)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return process, f"redis://127.0.0.1:{port}/0"
        except OSError:
            time.sleep(0.05)
    process.kill()
    raise RuntimeError("the private redis-server did not start")


def queue_beat_task(broker: str) -> None:
    from celery import Celery

    app = Celery("bench-fanout", broker=broker, set_as_current=False)
    app.send_task("scoring.tasks.score_due_campaigns", args=[], retry=False)


def worker_cpu(pid: int) -> float:
    """CPU seconds of the worker's process group so far (the pool's children included)."""
    total = 0.0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pid:  # the process group: the worker and its pool
            total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


def backends_cpu(conn, pids: set[int] | None = None) -> dict[int, float]:
    """CPU seconds of the server's backends on this database but ours (the worker's
    connections: Celery closes each after its task), read from /proc: the server runs on this
    machine."""
    rows = conn.execute(
        "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
        "AND pid <> pg_backend_pid()"
    ).fetchall()
    found = {}
    for (pid,) in rows:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        found[pid] = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return found


def time_concurrency(url: str, broker: str, processes: int, week: dt.date, targets: list[int]):
    log = Path(tempfile.mkstemp(prefix=f"fanout-c{processes}-", suffix=".log")[1])
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.local",
        "DATABASE_URL": url,
        "CELERY_BROKER_URL": broker,
        "REDIS_URL": broker,
    }
    command = [
        str(Path(sys.executable).with_name("celery")), "-A", "config", "worker",
        "--pool", "prefork", "--concurrency", str(processes),
        "--without-heartbeat", "--without-gossip", "--without-mingle",
        "--loglevel", "info", "-n", f"fanout{processes}@%h",
    ]  # fmt: skip
    worker = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=log.open("wb"), stderr=subprocess.STDOUT,
        start_new_session=True,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 120
        while "ready." not in log.read_text(errors="replace"):
            if worker.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"the worker did not start:\n{log.read_text()[-2000:]}")
            time.sleep(0.2)
        cpu = worker_cpu(worker.pid)
        with psycopg.connect(url, autocommit=True) as conn:
            server = backends_cpu(conn)
            start = time.perf_counter()
            queue_beat_task(broker)
            done, seen = 0, dict(server)
            while done < len(targets):
                seen.update(backends_cpu(conn))  # each task's connection ends with the task
                if worker.poll() is not None or time.perf_counter() - start > 600:
                    raise RuntimeError(f"the runs were not all written:\n{log.read_text()[-2000:]}")
                time.sleep(0.05)
                row = conn.execute(
                    "SELECT count(*) FROM scoring_scoringrun WHERE week = %s "
                    "AND campaign_id = ANY(%s)",
                    (week, targets),
                ).fetchone()
                done = row[0] if row else 0
            seconds = time.perf_counter() - start
            time.sleep(0.5)  # the last task's "succeeded" line
            seen.update(backends_cpu(conn))
        # Read every 50 ms: a task's last moments on its connection are missed.
        server_cpu = sum(value - server.get(pid, 0.0) for pid, value in seen.items())
        cpu = worker_cpu(worker.pid) - cpu
        text = log.read_text(errors="replace")
        tasks = [
            float(s) for s in re.findall(r"score_due_weeks\[[^\]]+\] succeeded in ([0-9.]+)s", text)
        ]
        print(
            f"  -c {processes}: {seconds:6.2f} s from queueing to the last run written; "
            f"{len(tasks)} district tasks, {sum(tasks):6.2f} s of task time "
            f"(longest {max(tasks, default=0):.2f} s); cpu: worker {cpu:5.2f} s, "
            f"server {server_cpu:5.2f} s, load {os.getloadavg()[0]:.1f}",
            flush=True,
        )
    finally:
        if worker.poll() is None:
            os.killpg(worker.pid, signal.SIGTERM)  # our own worker's process group
            try:
                worker.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(worker.pid, signal.SIGKILL)
                worker.wait(timeout=10)
        log.unlink(missing_ok=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--concurrency", default="1,2")
    parser.add_argument("--keep-prepared", action="store_true", help="keep the prepared copy")
    parser.add_argument("--reuse-prepared", action="store_true", help="start from a kept one")
    args = parser.parse_args()
    url = os.environ.get("DATABASE_URL")
    if not url or not url.startswith("postgres"):
        sys.exit("Set DATABASE_URL to a PostgreSQL copy of the province database.")
    source = urlsplit(url).path.lstrip("/")
    prepared, run = f"{source}_fanout_prep", f"{source}_fanout_run"
    print(f"load average: {' '.join(f'{n:.1f}' for n in os.getloadavg())} on {os.cpu_count()} cpus")
    folder = Path(tempfile.mkdtemp(prefix="fanout-redis-"))
    redis = None
    try:
        # Inside the try: a failure from here on still drops the copy and removes the folder.
        if not args.reuse_prepared:
            copy_database(url, source, prepared)
        redis, broker = private_redis(folder)
        week, targets = prepare(with_name(url, prepared))
        for processes in [int(n) for n in args.concurrency.split(",")]:
            copy_database(url, prepared, run)
            try:
                time_concurrency(with_name(url, run), broker, processes, week, targets)
            finally:
                drop_database(url, run)
    finally:
        if redis is not None:
            redis.kill()  # our own redis-server, by its pid
            redis.wait(timeout=10)
        shutil.rmtree(folder, ignore_errors=True)
        if not args.keep_prepared:
            drop_database(url, prepared)


if __name__ == "__main__":
    main()

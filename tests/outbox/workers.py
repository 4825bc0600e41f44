"""Real processes for the fault tests: a PRIVATE redis-server on a free loopback port (never the
shared one: these tests stop it), and Celery workers (with beat) as subprocesses on it, sharing
the test's PostgreSQL database. Everything started here is stopped by its own pid."""

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
from celery import Celery
from django.conf import settings
from django.db import connection


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def database_url() -> str:
    db = connection.settings_dict
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def need_real_services() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("worker processes cannot open the test's in-memory SQLite database")
    if shutil.which("redis-server") is None:
        pytest.skip("redis-server is not installed: run scripts/system-packages")


class PrivateRedis:
    """A redis-server of our own, without persistence, that a test may stop and start again
    on the same port."""

    def __init__(self, folder: Path):
        self.port = free_port()
        self.folder = folder
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        self.process = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.folder),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                    return self
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("the private redis-server did not start")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)
        self.process = None


def publisher(url: str) -> Celery:
    """A Celery app that only publishes, to the private broker, failing fast when it is down:
    what the test process (the web app) uses to queue after commit."""
    app = Celery("test-publisher", broker=url, set_as_current=False)
    app.conf.broker_connection_timeout = 1
    app.conf.broker_connection_retry = False
    app.conf.task_ignore_result = True
    return app


class Worker:
    """``celery worker --beat`` in a subprocess on the private broker and the test database."""

    def __init__(
        self, broker: str, folder: Path, env: dict, name: str, beat: bool = True, processes=0
    ):
        self.log = folder / f"{name}.log"
        command = [
            str(Path(sys.executable).with_name("celery")),
            "-A",
            "config",
            "worker",
            # One process (solo) for the tests, so "in flight" is one message; a pool for load.
            *(
                ["--pool", "prefork", "--concurrency", str(processes)]
                if processes
                else ["--pool", "solo"]
            ),
            "--without-heartbeat",
            "--without-gossip",
            "--without-mingle",
            "--loglevel",
            "warning",
            "-n",
            f"{name}@%h",
        ]
        if beat:
            command += ["--beat", "--schedule", str(folder / f"{name}-beat")]
        full_env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.local",
            "DATABASE_URL": database_url(),
            "CELERY_BROKER_URL": broker,
            "REDIS_URL": "",
            "VAR_DIR": str(folder / "var"),
            "MEDIA_ROOT": str(settings.MEDIA_ROOT),
            "OUTBOX_TRANSPORT": "http",
            "OUTBOX_WEBHOOK_HOSTS": "127.0.0.1",
            "OUTBOX_SWEEP_SECONDS": "1",
            "OUTBOX_BACKOFF": "1",
            "OUTBOX_BACKOFF_MAX": "2",
            "OUTBOX_STALE_SECONDS": "6",
            "OUTBOX_REQUEUE_SECONDS": "6",
            "OUTBOX_HTTP_TIMEOUT": "3",
            "EMAIL_TIMEOUT": "3",
            **env,
        }
        self.process = subprocess.Popen(
            command,
            cwd=settings.BASE_DIR,
            env=full_env,
            stdout=self.log.open("wb"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def kill(self):
        """kill -9 of the worker and its pool processes, as a machine that loses power."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()

    def output(self) -> str:
        return self.log.read_text(errors="replace")[-3000:]


@contextmanager
def workers(broker: str, folder: Path, env: dict, count: int = 1, beats: int = 1):
    started = [Worker(broker, folder, env, name=f"w{n}", beat=n < beats) for n in range(count)]
    try:
        yield started
    finally:
        for worker in started:
            worker.stop()


def wait_for(condition, timeout: float = 90, every: float = 0.3, workers=()):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        for worker in workers:
            assert worker.process.poll() is None, worker.output()
        time.sleep(every)
    return condition()

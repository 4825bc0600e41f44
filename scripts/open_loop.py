"""An open-loop crowd for the load benchmarks: arrivals at a fixed mean rate, each answered by a
thread of its own, each timed from the moment it arrived.

Why not locust: on these two cores locust's own client (gevent) added 10 ms to the p50 of a 3 ms
``/healthz`` at 10 requests/s and 40 ms at 40/s (``scripts/bench_clients.py`` measures both), and
its users, each waiting for its own answer before the next, slow down with the server they
measure. Here an arrival does not wait for earlier ones: a slow server shows as latency, queue
included, not as fewer requests (no coordinated omission).
"""

import http.client
import random
import statistics
import threading
import time
from collections import defaultdict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from urllib.parse import urlencode


class Browser:
    """One person's cookies, kept as a browser keeps them: the session it signed in with and
    whatever the server sets (the CSRF cookie of a form page). Each request is a new connection,
    as gunicorn's sync workers close each one after its answer."""

    def __init__(self, host: str, port: int, cookies: dict[str, str] | None = None):
        self.host, self.port = host, port
        self.cookies = dict(cookies or {})
        self.lock = threading.Lock()

    def request(
        self, method: str, path: str, form: dict | None = None, headers: dict | None = None
    ) -> tuple[int, str]:
        body = urlencode(form).encode() if form is not None else None
        with self.lock:
            cookie = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        sent = {"Cookie": cookie, **(headers or {})}
        if body is not None:
            sent["Content-Type"] = "application/x-www-form-urlencoded"
        connection = http.client.HTTPConnection(self.host, self.port, timeout=30)
        try:
            connection.request(method, path, body=body, headers=sent)
            response = connection.getresponse()
            text = response.read().decode("utf-8", "replace")
            for header in response.headers.get_all("Set-Cookie") or []:
                for name, morsel in SimpleCookie(header).items():
                    with self.lock:
                        self.cookies[name] = morsel.value
            return response.status, text
        finally:
            connection.close()


@dataclass
class Step:
    """What one rate step saw: each request's page name, milliseconds and error (or ""), and
    when it was answered."""

    rate: float
    seconds: float
    started: float = 0.0
    samples: list[tuple[str, float, str]] = field(default_factory=list)
    answered: list[float] = field(default_factory=list)

    def record(self, name: str, started: float, error: str = "") -> None:
        now = time.perf_counter()
        self.samples.append((name, (now - started) * 1000, error))
        self.answered.append(now)

    @property
    def achieved(self) -> float:
        """Answers a second within the step: what the server kept up with, not what was sent."""
        end = self.started + self.seconds
        return sum(1 for at in self.answered if at <= end) / self.seconds

    @property
    def errors(self) -> list[tuple[str, str]]:
        return [(name, error) for name, _ms, error in self.samples if error]

    def percentile(self, share: float, name: str | None = None) -> float:
        times = sorted(ms for n, ms, _e in self.samples if name is None or n == name)
        if not times:
            return 0.0
        return times[min(len(times) - 1, int(share * len(times)))]

    def pages(self) -> dict[str, list[float]]:
        by_name: dict[str, list[float]] = defaultdict(list)
        for name, ms, _e in self.samples:
            by_name[name].append(ms)
        return dict(by_name)

    def median(self) -> float:
        return statistics.median(ms for _n, ms, _e in self.samples) if self.samples else 0.0


def run_step(
    visit: Callable[[Step, float], None], rate: float, seconds: float, threads: int = 256
) -> Step:
    """Arrivals at ``rate`` a second (exponential gaps, as independent people arrive) for
    ``seconds``; each calls ``visit(step, arrived_at)`` on a thread. Waits for the last answers
    (each request has a 30 s timeout) so that every arrival of the step is counted in it."""
    pool = ThreadPoolExecutor(max_workers=threads)
    step = Step(rate, seconds, started=time.perf_counter())
    due = step.started
    while due < step.started + seconds:
        pause = due - time.perf_counter()
        if pause > 0:
            time.sleep(pause)
        # Timed from when it was due: a queue in this pool counts as the server's latency.
        pool.submit(_guarded, visit, step, due)
        due += random.expovariate(rate)
    pool.shutdown(wait=True)
    return step


def _guarded(visit: Callable[[Step, float], None], step: Step, arrived: float) -> None:
    try:
        visit(step, arrived)
    except Exception as exc:  # a refused or timed-out connection is an error of the step
        step.record("(connection)", arrived, f"{type(exc).__name__}: {exc}")

"""Time the fixed cost every signed-in request pays: the middleware stack and the page shell.

Requests go straight to the WSGI handler, as gunicorn calls it (signals, connection checks and
all), with the cookies of a signed-in session. For each request: the CPU time (process_time,
best of N), the queries, and with ``--breakdown`` the CPU time and queries of each middleware
on its own (its part before and after the inner ones), the view's share, and a profile; with
``--gc`` the cyclic garbage collector's share of the pages' CPU, as the application is loaded
here and then as ``config.wsgi`` settles it for gunicorn.

Usage (any seeded database; DEBUG=0 as in production):
    DEBUG=0 DATABASE_URL=postgres://postgres@127.0.0.1:5432/seedbench REDIS_URL=redis://… \\
        .venv/bin/python scripts/bench_floor.py [--runs 30] [--breakdown] [--profile URL] [--gc]
"""

import argparse
import cProfile
import gc
import io
import os
import pstats
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.handlers import base as handlers_base  # noqa: E402
from django.core.handlers.wsgi import WSGIHandler  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from accounts.choices import RegionLevel, Role  # noqa: E402
from accounts.models import User  # noqa: E402
from projects import weeks  # noqa: E402
from projects.choices import ReportStatus  # noqa: E402
from projects.models import Project  # noqa: E402


def floor_urls():
    """The site's URLs and three of the bench's own: an empty answer (the floor of Django and
    the middleware), the page shell with nothing in it, and the same for a signed-in user."""
    import types

    from django.contrib.auth.decorators import login_required
    from django.http import HttpResponse
    from django.shortcuts import render
    from django.urls import include, path

    def empty(request):
        return HttpResponse("ok")

    def shell(request):
        return render(request, "base.html", {})

    module = types.ModuleType("bench_floor_urls")
    module.urlpatterns = [
        path("_floor/empty/", empty),
        path("_floor/empty-user/", login_required(empty)),
        path("_floor/shell/", login_required(shell)),
        path("", include(settings.ROOT_URLCONF)),
    ]
    sys.modules[module.__name__] = module
    settings.ROOT_URLCONF = module.__name__


# Per middleware (by class name, "view" for the innermost): inclusive CPU and queries.
_inclusive: dict[str, float] = defaultdict(float)
_queries: dict[str, int] = defaultdict(int)
_stack: list[str] = []
_show_sql = False
_real_convert = getattr(handlers_base, "convert_exception_to_response")  # noqa: B009
_names = [path.rsplit(".", 1)[1] for path in settings.MIDDLEWARE] + ["view"]


def _timed(get_response):
    """Each handler of the chain, timed inclusively and named for the queries it runs: the
    handler wraps the view first, then each middleware from the innermost out."""
    name = _names.pop()
    wrapped = _real_convert(get_response)

    def inner(request):
        _stack.append(name)
        start = time.process_time()
        try:
            return wrapped(request)
        finally:
            _inclusive[name] += time.process_time() - start
            _stack.pop()

    return inner


def _count(execute, sql, params, many, context):
    _queries[_stack[-1] if _stack else "outside"] += 1
    if _show_sql:
        print(f"      [{_stack[-1] if _stack else 'outside'}] {sql[:150]}")
    return execute(sql, params, many, context)


def environ_of(url: str, cookies: dict[str, str], extra: dict[str, str]) -> dict[str, Any]:
    path, _, query = url.partition("?")
    return {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "80",
        "HTTP_HOST": "127.0.0.1",
        "REMOTE_ADDR": "127.0.0.1",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_COOKIE": "; ".join(f"{k}={v}" for k, v in cookies.items()),
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": sys.stderr,
        **extra,
    }


class Signed:
    """A signed-in session of ``user`` and a WSGI handler to send its requests to."""

    def __init__(self, user, handler):
        client = Client()
        client.force_login(user)
        self.cookies = {k: v.value for k, v in client.cookies.items()}
        self.handler = handler
        self.user = user

    def get(self, url: str, **extra: str):
        status: list[str] = []
        headers: dict[str, str] = {}

        def start_response(s, h, exc_info=None):
            status.append(s)
            headers.update(h)

        result = self.handler(environ_of(url, self.cookies, extra), start_response)
        body = b"".join(result)
        if hasattr(result, "close"):
            result.close()
        for value in [v for k, v in headers.items() if k.lower() == "set-cookie"]:
            name, _, rest = value.partition("=")
            self.cookies[name] = rest.split(";")[0]
        return int(status[0].split()[0]), headers, body


def own_page(reporter) -> str | None:
    """The page of the reporter's first project of the latest campaign."""
    own = Project.objects.filter(unit=reporter.unit).order_by("-campaign__year", "pk").first()
    return f"/projects/{own.pk}/" if own else None


def open_entry(reporter) -> str | None:
    """The address of an entry form still open to ``reporter`` this week, if any."""
    own = Project.objects.filter(unit=reporter.unit).order_by("-campaign__year", "pk")
    for project in own.select_related("campaign")[:20]:
        c = project.campaign
        week = weeks.reporting_week(weekday=c.deadline_weekday, at=c.deadline_time)
        done = project.reports.filter(week=week).exclude(status=ReportStatus.DRAFT)
        if c.holds_week(week) and not done.exists():
            return f"/projects/{project.pk}/weeks/{weeks.week_label(week)}/"
    return None


def best(signed: Signed, url: str, runs: int, extra: dict[str, str], expect: int):
    """Best CPU ms of ``runs`` requests, the queries of one, the bytes sent."""
    times = []
    with connection.execute_wrapper(_count):
        for _ in range(runs):
            _queries.clear()
            start = time.process_time()
            code, headers, body = signed.get(url, **extra)
            times.append(time.process_time() - start)
            assert code == expect, (url, code, expect)
    return min(times) * 1000, sum(_queries.values()), len(body), headers


def breakdown(signed: Signed, url: str, runs: int, extra: dict[str, str], chain: list[str]):
    """Per middleware, its own CPU ms (median-free: the sum over runs ÷ runs) and queries."""
    _inclusive.clear()
    queries: dict[str, int] = defaultdict(int)
    with connection.execute_wrapper(_count):
        for _ in range(runs):
            _queries.clear()
            signed.get(url, **extra)
            for k, v in _queries.items():
                queries[k] += v
    rows = []
    for i, name in enumerate(chain):
        inner = _inclusive[chain[i + 1]] if i + 1 < len(chain) else 0.0
        own = (_inclusive[name] - inner) / runs * 1000
        rows.append(f"    {name:38} {own:6.2f} ms  {queries[name] / runs:4.1f} q")
    return "\n".join(rows)


def gc_share(requests: list[tuple[Signed, str, dict[str, str]]], rounds: int) -> str:
    """CPU ms per request of ``requests`` in turn, ``rounds`` times, and the cyclic garbage
    collector's part of it (its passes timed through gc.callbacks)."""
    spent, began = [0.0], [0.0]

    def clock(phase: str, info: dict) -> None:
        if phase == "start":
            began[0] = time.perf_counter()
        else:
            spent[0] += time.perf_counter() - began[0]

    gc.callbacks.append(clock)
    start = time.process_time()
    for _ in range(rounds):
        for signed, url, extra in requests:
            signed.get(url, **extra)
    cpu = time.process_time() - start
    gc.callbacks.remove(clock)
    n = rounds * len(requests)
    gc.collect()
    start = time.perf_counter()
    gc.collect()  # a full pass, as one lands in a request now and then
    full = (time.perf_counter() - start) * 1000
    return (
        f"{cpu / n * 1000:6.2f} ms CPU a request, of it the collector's"
        f" {spent[0] / n * 1000:5.2f} ms ({spent[0] / cpu * 100:.1f}%); a full pass {full:6.1f} ms"
        f" over {len(gc.get_objects()):,} objects, {gc.get_freeze_count():,} set aside"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--breakdown", action="store_true")
    parser.add_argument("--sql", action="store_true", help="print the queries of each request")
    parser.add_argument("--profile", default="", help="profile the requests whose URL has this")
    parser.add_argument("--session-engine", default="", help="another SESSION_ENGINE to compare")
    parser.add_argument(
        "--gc", action="store_true", help="the collector's share, loaded and as config.wsgi settles"
    )
    args = parser.parse_args()
    if args.session_engine:
        settings.SESSION_ENGINE = args.session_engine

    floor_urls()
    # The handler wraps each middleware as it builds the chain: time each one.
    setattr(handlers_base, "convert_exception_to_response", _timed)  # noqa: B010
    handler = WSGIHandler()
    setattr(handlers_base, "convert_exception_to_response", _real_convert)  # noqa: B010
    chain = [path.rsplit(".", 1)[1] for path in settings.MIDDLEWARE] + ["view"]

    manager = User.objects.filter(
        role=Role.MANAGER, region__level=RegionLevel.DISTRICT, is_active=True
    ).first()
    reporter = User.objects.filter(role=Role.REPORTER, is_active=True, unit__isnull=False).first()
    supervisor = User.objects.filter(
        role=Role.SUPERVISOR, region__level=RegionLevel.DISTRICT, is_active=True
    ).first()
    cases: list[tuple[str, Signed, str, Any, int]] = []
    if manager is not None:
        m = Signed(manager, handler)
        cases += [
            ("manager", m, "/_floor/empty/", {}, 200),
            ("manager", m, "/_floor/empty-user/", {}, 200),
            ("manager", m, "/_floor/shell/", {}, 200),
            ("manager", m, "/dashboard/", {}, 200),
            ("manager", m, "/dashboard/", "etag", 304),
            ("manager", m, "/accounts/second-factor/", {}, 200),
            ("manager", m, "/instructions/", {}, 200),
        ]
    if reporter is not None:
        r = Signed(reporter, handler)
        cases += [("reporter", r, "/week/", {}, 200)]
        for url in (own_page(reporter), open_entry(reporter)):
            if url is not None:
                cases += [("reporter", r, url, {}, 200)]
    if supervisor is not None:
        s = Signed(supervisor, handler)
        cases += [
            ("supervisor", s, url, {}, 200)
            for url in ("/projects/", "/problems/", "/problems/inbox/", "/review/")
        ]
    print(f"database {connection.settings_dict['NAME']}; best of {args.runs}, CPU ms")
    requests = []
    for who, signed, url, extra, expect in cases:
        code, headers, _body = signed.get(url)  # warm: caches, the connection, the templates
        if extra == "etag":
            extra = {"HTTP_IF_NONE_MATCH": headers["ETag"]}
        requests.append((signed, url, extra))
        ms, q, size, _ = best(signed, url, args.runs, extra, expect)
        label = f"{who} {url} {expect}"
        print(f"{label:42} {ms:7.2f} ms {q:3} q {size / 1024:7.1f} KB")
        if args.sql:
            global _show_sql
            _show_sql = True
            with connection.execute_wrapper(_count):
                signed.get(url, **extra)
            _show_sql = False
        if args.breakdown:
            print(breakdown(signed, url, args.runs, extra, chain))
        if args.profile and args.profile in url:
            profile = cProfile.Profile()
            profile.enable()
            for _ in range(args.runs):
                signed.get(url, **extra)
            profile.disable()
            out = io.StringIO()
            order = os.environ.get("SORT", "cumulative")  # or tottime
            stats = pstats.Stats(profile, stream=out).sort_stats(order)
            stats.print_stats(int(os.environ.get("TOP", "60")))
            print(out.getvalue())
    if args.gc:
        print(f"the pages above in turn, {args.runs * 10} rounds:")
        print(f"  as loaded:                  {gc_share(requests, args.runs * 10)}")
        import config.wsgi  # noqa: F401 - loaded as a gunicorn worker loads it: settled

        print(f"  as config.wsgi settles it: {gc_share(requests, args.runs * 10)}")


if __name__ == "__main__":
    main()

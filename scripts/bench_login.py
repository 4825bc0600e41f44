"""Time a sign-in with the throttle (axes), the password-policy checks and the audit log, and
without them (the settings toggled), and print both medians and the difference.

Usage (PostgreSQL; the database is migrated by this script):
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/sec_auth \\
        .venv/bin/python scripts/bench_login.py [--runs 200]

Each sign-in is a fresh test Client's POST to the login URL, as a browser's form sends it; a
failed sign-in (wrong password, from a new address each time so nothing locks) is timed too.
The test settings' fast password hasher keeps the hashing out of the figures: what is measured
is what the throttle and the audit add, which the issue limits to 20 ms.
Target: the difference of the medians ≤ 20 ms.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django  # noqa: E402

django.setup()

from axes.utils import reset  # noqa: E402
from django.conf import settings  # noqa: E402
from django.contrib.auth.signals import user_logged_in, user_login_failed  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402

from accounts.choices import Role  # noqa: E402
from accounts.models import Region, User  # noqa: E402
from audit.kinds import Kind, Result  # noqa: E402
from audit.log import record  # noqa: E402
from security import receivers  # noqa: E402

HOST = "127.0.0.1"
USERNAME, PASSWORD = "bench-login", "Bench-login-2026"
THROTTLE_MIDDLEWARE = {
    "axes.middleware.AxesMiddleware",
    "security.middleware.PasswordChangeRequiredMiddleware",
}


def audit_login(sender, request, user, **kwargs):
    record(request, Kind.LOGIN)


def audit_failed(sender, credentials, request=None, **kwargs):
    record(request, Kind.LOGIN_FAILED, result=Result.FAILED, username=credentials.get("username"))


def audit_receivers_missing() -> bool:
    """The audit app writes sign-ins itself once it is merged; until then this script does."""
    sync, _async = user_logged_in._live_receivers(None)
    return not any(getattr(f, "__module__", "").startswith("audit") for f in sync)


def sign_ins(runs: int, *, ok: bool) -> list[float]:
    url = reverse("login")
    times = []
    for n in range(runs):
        client = Client(HTTP_HOST=HOST)
        address = f"10.{n // 250 % 250}.{n % 250}.1"
        password = PASSWORD if ok else "wrong-password"
        start = time.perf_counter()
        response = client.post(
            url, {"username": USERNAME, "password": password}, REMOTE_ADDR=address
        )
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == (302 if ok else 200), response.status_code
        if not ok and n % 3 == 2:
            reset()  # never reach the limit: this times a failure, not a lockout
    return times


def round_trip() -> float:
    """How busy the machine is: the figures scale with this."""
    times = []
    with connection.cursor() as cursor:
        for _ in range(200):
            start = time.perf_counter()
            cursor.execute("SELECT 1")
            cursor.fetchone()
            times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def queries(*, ok: bool) -> int:
    """The queries of one sign-in: what the figures cost on a server that is not busy."""
    with CaptureQueriesContext(connection) as captured:
        sign_ins(1, ok=ok)
    return len(captured)


def measure(runs: int) -> tuple[float, float, int, int]:
    sign_ins(10, ok=True)  # warm up: templates, connections
    ok = statistics.median(sign_ins(runs, ok=True))
    failed = statistics.median(sign_ins(runs, ok=False))
    counts = queries(ok=True), queries(ok=False)
    reset()
    return ok, failed, *counts


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=200)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    region, _ = Region.objects.get_or_create(
        code="bench-login", defaults={"name": "基准区", "level": "district"}
    )
    user, _ = User.objects.get_or_create(
        username=USERNAME, defaults={"role": Role.MANAGER, "region": region}
    )
    user.set_password(PASSWORD)
    user.save()
    reset()

    add_audit = audit_receivers_missing()
    if add_audit:
        user_logged_in.connect(audit_login)
        user_login_failed.connect(audit_failed)
    with override_settings(PASSWORD_CHANGE_ENFORCED=True):
        with_ok, with_failed, with_q, with_qf = measure(args.runs)
    if add_audit:
        user_logged_in.disconnect(audit_login)
        user_login_failed.disconnect(audit_failed)

    # Without: no axes backend or middleware, no password-policy check at sign-in, no audit.
    user_logged_in.disconnect(receivers.signed_in)
    with override_settings(
        AXES_ENABLED=False,
        PASSWORD_CHANGE_ENFORCED=False,
        AUTHENTICATION_BACKENDS=["django.contrib.auth.backends.ModelBackend"],
        MIDDLEWARE=[m for m in settings.MIDDLEWARE if m not in THROTTLE_MIDDLEWARE],
    ):
        without_ok, without_failed, without_q, without_qf = measure(args.runs)
    user_logged_in.connect(receivers.signed_in)

    db = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    print(f"one round trip to the database (SELECT 1): {round_trip():.2f} ms")
    writer = "this script" if add_audit else "the audit app"
    print(f"sign-in, median of {args.runs} ({db}; the audit entries written by {writer})")
    print(
        f"  with throttling and audit : {with_ok:7.2f} ms ({with_q} queries)   "
        f"failed: {with_failed:7.2f} ms ({with_qf} queries)"
    )
    print(
        f"  without                   : {without_ok:7.2f} ms ({without_q} queries)   "
        f"failed: {without_failed:7.2f} ms ({without_qf} queries)"
    )
    print(
        f"  added                     : {with_ok - without_ok:7.2f} ms   "
        f"failed: {with_failed - without_failed:7.2f} ms   (limit 20 ms)"
    )


if __name__ == "__main__":
    main()

"""A real sign-in over plain HTTP on an intranet address, with the production settings under
gunicorn, as the compose file runs them: with PLAIN_HTTP=true it succeeds; without it the
cookies are Secure, so Chromium drops them over HTTP and the sign-in answers 403 — the failure
PLAIN_HTTP exists for. The address is the machine's own non-loopback one: Chromium treats
127.0.0.1 and localhost as secure and would hide the difference."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings

pytestmark = pytest.mark.browser
ROOT = Path(settings.BASE_DIR)
PASSWORD = "Plain-Http-2026x"


def intranet_address() -> str:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        probe.connect(("192.0.2.1", 9))  # no packet is sent: this only picks the route's address
        address = probe.getsockname()[0]
    assert not address.startswith("127."), "the test needs a non-loopback address"
    return address


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def production_site(tmp_path_factory):
    """A migrated SQLite site with one manager, and a function that serves it under gunicorn."""
    var = tmp_path_factory.mktemp("production")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    env.pop("REDIS_URL", None)
    env |= {
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "plain-http-test-" + "x" * 40,
        "VAR_DIR": str(var),
        "OUTBOX_TRANSPORT": "files",
    }
    manage = [sys.executable, "manage.py"]
    for command in (["migrate", "-v0"], ["collectstatic", "--noinput", "-v0"]):
        subprocess.run(manage + command, env=env, cwd=ROOT, check=True)
    create = (
        "from accounts.models import Region, User; from accounts.choices import Role; "
        "r = Region.objects.create(name='寒亭区', code='370703'); "
        "u = User(username='intranet', role=Role.MANAGER, region=r); "
        f"u.set_password({PASSWORD!r}); u.save()"
    )
    subprocess.run(manage + ["shell", "-c", create], env=env, cwd=ROOT, check=True)
    started = []

    def serve(**extra) -> str:
        host, port = intranet_address(), free_port()
        site = f"http://{host}:{port}"
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "config.wsgi:application",
                "--workers",
                "1",
                "--bind",
                f"{host}:{port}",
            ],  # fmt: skip
            env=env | {"SITE_URL": site} | extra,
            cwd=ROOT,
        )
        started.append(process)
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{site}/healthz", timeout=1)
                return site
            except OSError:
                time.sleep(0.2)
        raise AssertionError("gunicorn did not start")

    yield serve
    for process in started:
        process.terminate()
        process.wait(timeout=10)


def sign_in(browser, site: str):
    """Sign in from a fresh context of the session's browser (tests/browser/conftest.py).

    A second sync_playwright() here would fail while the session's one is running: its asyncio
    loop is the test thread's, and Playwright refuses to start the sync API inside a running loop.
    """
    context = browser.new_context(locale="zh-CN")
    try:
        page = context.new_page()
        page.goto(f"{site}/accounts/login/")
        page.locator("#id_username").fill("intranet")
        page.locator("#id_password").fill(PASSWORD)
        with page.expect_navigation() as navigation:
            page.locator("main form button[type=submit]").click()
        cookies = {c["name"]: c for c in context.cookies()}
        return navigation.value.status, page.url, cookies
    finally:
        context.close()


def test_plain_http_sign_in_succeeds_when_the_operator_says_so(browser, production_site):
    site = production_site(PLAIN_HTTP="true")
    status, url, cookies = sign_in(browser, site)
    # Signed in: redirected to the role's page (a district with no campaign yet answers 404).
    assert status != 403 and "/accounts/login/" not in url
    assert "sessionid" in cookies and not cookies["sessionid"]["secure"]


def test_without_plain_http_the_cookies_are_secure_and_http_sign_in_fails(browser, production_site):
    # The old compose defaults: production settings, no redirect, reached over plain HTTP.
    site = production_site(SECURE_SSL_REDIRECT="false")
    status, url, cookies = sign_in(browser, site)
    assert status == 403  # the browser kept no CSRF cookie: this is what PLAIN_HTTP fixes
    assert "sessionid" not in cookies and "csrftoken" not in cookies

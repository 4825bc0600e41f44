"""Browser journeys: headless Chromium (Debian's, never a downloaded one) driven by Playwright's
sync API against pytest-django's live server.

Playwright's sync API runs an asyncio loop in the test thread, and Django refuses ORM calls from
a thread with a running loop; the tests read and write the database only between browser steps,
so the async-safety check is relaxed for this folder.

Screenshots go to var/screenshots/ (git-ignored); a failing test leaves one of every open page.
"""

import datetime as dt
import io
import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings as django_settings
from PIL import Image, ImageDraw
from playwright.sync_api import Browser, BrowserContext, Page, expect, sync_playwright

from projects import weeks
from tests.factories import CampaignFactory

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# An Android phone of the usual size, and an office desktop.
DEVICES: dict[str, dict[str, Any]] = {
    "phone": {
        "viewport": {"width": 390, "height": 844},
        "is_mobile": True,
        "has_touch": True,
        "device_scale_factor": 2,
    },
    "desktop": {"viewport": {"width": 1366, "height": 900}},
}
# The officials' browsers ask for Chinese; Django maps zh-CN to zh-hans.
LOCALE = "zh-CN"
TIMEZONE = "Asia/Shanghai"
# A browser step that takes longer than this on the live server is a failure, not a wait.
TIMEOUT_MS = 10_000
expect.set_options(timeout=TIMEOUT_MS)
PASSWORD = "pass-12345"  # tests.factories.UserFactory's password
SCREENSHOTS = Path(django_settings.BASE_DIR) / "var" / "screenshots"


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the item so page fixtures know whether the test failed."""
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


@pytest.fixture
def new_page(browser: Browser, request: pytest.FixtureRequest) -> Iterator[Callable[..., Page]]:
    """Open a page in a fresh browser context (its own cookies: one person, one device).

    ``new_page("phone")`` or ``new_page("desktop")``; call it again for a second person.
    """
    contexts: list[BrowserContext] = []

    def open_page(device: str = "desktop") -> Page:
        context = browser.new_context(**DEVICES[device], locale=LOCALE, timezone_id=TIMEZONE)
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context.new_page()

    yield open_page
    failed = getattr(request.node, "rep_call", None)
    for n, context in enumerate(contexts):
        if failed is not None and failed.failed:
            for page in context.pages:
                screenshot(page, f"FAILED-{request.node.name}-{n}")
        context.close()


@pytest.fixture
def page(new_page, request) -> Page:
    """One page per test; desktop unless parametrized indirectly with "phone"."""
    return new_page(getattr(request, "param", "desktop"))


@pytest.fixture
def phone_page(new_page) -> Page:
    return new_page("phone")


@pytest.fixture
def desktop_page(new_page) -> Page:
    return new_page("desktop")


def login(page: Page, live_server, username: str, password: str = PASSWORD) -> None:
    """Log in through the login form and wait for the page the role starts its day on."""
    open_ok(page, f"{live_server.url}/accounts/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(password)
    # The header's language switch is a form too: press the login form's own button.
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    expect(page.locator(".nav-user")).to_be_attached()


def open_ok(page: Page, url: str) -> None:
    """Go to ``url`` and fail at once, with the status, if the server did not answer 200."""
    response = page.goto(url)
    assert response is not None and response.ok, (
        f"GET {url} answered {response and response.status}"
    )


def screenshot(page: Page, name: str, *, full_page: bool = True) -> Path:
    """Save var/screenshots/<name>.png. A full-page shot draws position:sticky bars where the
    first screen ends; pass full_page=False to see exactly what the phone's screen shows."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{re.sub(r'[^A-Za-z0-9_.-]+', '_', name)}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path


def no_horizontal_scroll(page: Page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def make_jpeg(path: Path, size=(1200, 900)) -> Path:
    """A real JPEG that looks like something: sky, ground, a crane."""
    image = Image.new("RGB", size, (135, 180, 225))
    draw = ImageDraw.Draw(image)
    w, h = size
    draw.rectangle([0, h * 2 // 3, w, h], fill=(150, 120, 80))
    draw.rectangle([w // 3, h // 4, w // 3 + 30, h * 2 // 3], fill=(230, 170, 30))
    draw.rectangle([w // 3, h // 4, w * 3 // 4, h // 4 + 25], fill=(230, 170, 30))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=80)
    path.write_bytes(buffer.getvalue())
    return path


# --- data: the week the app shows now, inside the campaign ---------------------------------------


@pytest.fixture
def reporting_week() -> dt.date:
    """The week "this week" opens on now (the app reads the real clock; so do we).

    The campaign's deadline is the factory default (Monday 12:00), so before Monday noon this is
    last week. Computed once per test: a test that straddled Monday noon could see the page move.
    """
    return weeks.reporting_week(weekday=1, at=dt.time(12, 0))


@pytest.fixture
def campaign(region, reporting_week):
    """Overrides tests/conftest.py's fixed 2026 campaign with the year of the week shown now.

    The page lists projects of the campaign whose year is the ISO year of the week, so this is
    the current ISO year except on the Monday morning of ISO week 1.
    """
    return CampaignFactory(region=region, year=reporting_week.isocalendar()[0])


@pytest.fixture
def week_label(reporting_week) -> str:
    return weeks.week_label(reporting_week)


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Uploaded photos go to the test's own folder, not var/test-media."""
    settings.MEDIA_ROOT = tmp_path / "media"

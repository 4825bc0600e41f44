"""The audit administrator's day: someone mistypes a password, the auditor finds it on the audit
page, exports it for Excel; signing in on a second device ends the first, which is told why."""

import pytest
from playwright.sync_api import expect

from accounts.choices import Role
from tests.factories import UserFactory

from .conftest import PASSWORD, login, no_horizontal_scroll, open_ok, screenshot

pytestmark = pytest.mark.browser


@pytest.fixture
def auditor(region):
    return UserFactory(username="auditor", role=Role.AUDITOR, region=region, unit=None)


def test_the_auditor_finds_a_failed_sign_in_and_exports_it(
    new_page, live_server, auditor, supervisor
):
    stranger = new_page("desktop")
    open_ok(stranger, f"{live_server.url}/accounts/login/")
    stranger.locator("#id_username").fill("supervisor")
    stranger.locator("#id_password").fill("guess-123")
    stranger.locator("main form button[type=submit]").click()
    expect(stranger.locator(".errorbox")).to_be_visible()

    page = new_page("desktop")
    login(page, live_server, "auditor")
    page.get_by_role("link", name="审计日志").click()
    expect(page.locator("h1")).to_have_text("安全审计日志")
    page.locator("#id_result").select_option("failed")
    page.get_by_role("button", name="搜索").click()
    rows = page.locator(".audit-table tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("supervisor")
    expect(rows.first).to_contain_text("登录失败")
    expect(rows.first).to_contain_text("失败")
    screenshot(page, "desktop-audit-log")
    with page.expect_download() as download:
        page.get_by_role("link", name="导出 CSV").click()
    body = open(download.value.path(), "rb").read()
    assert body.startswith(b"\xef\xbb\xbf") and "登录失败".encode() in body
    assert len(body.decode("utf-8-sig").strip().splitlines()) == 2


def test_a_phone_reads_the_log_as_cards(phone_page, live_server, auditor, supervisor):
    login(phone_page, live_server, "auditor")
    open_ok(phone_page, f"{live_server.url}/audit/")
    expect(phone_page.locator(".audit-table tbody tr").first).to_be_visible()
    assert no_horizontal_scroll(phone_page)
    screenshot(phone_page, "phone-audit-log")


def test_signing_in_on_a_second_device_ends_the_first(new_page, live_server, supervisor):
    desk = new_page("desktop")
    login(desk, live_server, "supervisor", PASSWORD)
    phone = new_page("phone")
    login(phone, live_server, "supervisor", PASSWORD)
    desk.goto(f"{live_server.url}/projects/")
    assert "/accounts/login/" in desk.url
    expect(desk.locator(".msg")).to_contain_text("您的账号已在其他地方登录")
    screenshot(desk, "desktop-session-replaced")
    phone.goto(f"{live_server.url}/projects/")
    assert "/accounts/login/" not in phone.url

"""An official mistypes the password five times and is told in Chinese that the account is
locked; a newcomer whose password an administrator set must choose a new one at first sign-in."""

import pytest
from playwright.sync_api import expect

from accounts.models import User
from audit.kinds import Kind
from audit.models import Entry

from .conftest import PASSWORD, login, open_ok, screenshot

pytestmark = pytest.mark.browser


def submit(page, username, password):
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(password)
    page.locator("main form button[type=submit]").click()


def test_five_mistakes_lock_the_account(new_page, live_server, reporter, campaign):
    page = new_page("phone")
    open_ok(page, f"{live_server.url}/accounts/login/")
    for _ in range(4):
        submit(page, reporter.username, "wrong-password")
        expect(page.locator(".errorbox")).to_be_visible()
        expect(page.locator("#lockout")).to_have_count(0)
    submit(page, reporter.username, "wrong-password")
    expect(page.locator("#lockout")).to_contain_text("登录失败次数过多")
    expect(page.locator("#lockout")).to_contain_text("30 分钟")
    screenshot(page, "security-1-locked", full_page=False)
    # The right password is refused too while the lockout lasts.
    submit(page, reporter.username, PASSWORD)
    expect(page.locator("#lockout")).to_contain_text("安全管理员")
    assert "/accounts/login/" in page.url
    assert Entry.objects.filter(kind=Kind.LOCKOUT, username=reporter.username).count() == 1


def test_a_newcomer_chooses_a_password_first(new_page, live_server, settings, region, campaign):
    settings.PASSWORD_CHANGE_ENFORCED = True
    User.objects.create_user("newcomer", password="Given-by-admin-1", role="manager", region=region)
    page = new_page("desktop")
    login(page, live_server, "newcomer", "Given-by-admin-1")
    expect(page.locator("h1")).to_have_text("修改密码")
    expect(page.locator("main .errorbox")).to_contain_text("请先设置您自己的密码")
    # Another page sends the newcomer back here.
    page.goto(f"{live_server.url}/dashboard/")
    expect(page.locator("h1")).to_have_text("修改密码")
    page.locator("#id_old_password").fill("Given-by-admin-1")
    page.locator("#id_new_password1").fill("newcomer2026")
    page.locator("#id_new_password2").fill("newcomer2026")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("main")).to_contain_text("不得包含账户名")
    expect(page.locator("main")).to_contain_text("四类字符中的至少三类")
    screenshot(page, "security-2-refused")
    for field in ("#id_old_password", "#id_new_password1", "#id_new_password2"):
        page.locator(field).fill(
            "Given-by-admin-1" if field == "#id_old_password" else "Qing-he-2026"
        )
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".messages")).to_contain_text("密码已修改")
    page.goto(f"{live_server.url}/dashboard/")
    expect(page.locator("h1")).not_to_have_text("修改密码")
    expect(page.locator("a.nav-password")).to_have_text("修改密码")
    screenshot(page, "security-3-changed")
    assert User.objects.get(username="newcomer").check_password("Qing-he-2026")

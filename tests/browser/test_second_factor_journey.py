"""A supervisor signs in for the first time with the second factor on: the password, then the
enrollment page (QR code drawn by the server, the key typed into an "app" here: a code computed
from it), the recovery codes once; then signs in again with a code from the next step.

Looks for elements and the URL, plus the Chinese of the key sentences.
"""

import base64
import time

import pytest
from django_otp.oath import TOTP
from playwright.sync_api import Page, expect

from audit.kinds import Kind
from audit.models import Entry

from .conftest import PASSWORD, no_horizontal_scroll, open_ok, screenshot

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def enforced(settings):
    settings.SECOND_FACTOR_ENFORCED = True


def password_step(page: Page, live_server, username: str) -> None:
    open_ok(page, f"{live_server.url}/accounts/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def code_from(secret: str, *, steps_ahead: int = 0) -> str:
    """What an authenticator app shows for the key typed by hand."""
    key = base64.b32decode(secret.replace(" ", "") + "=" * (-len(secret.replace(" ", "")) % 8))
    generator = TOTP(key)
    generator.time = time.time() + 30 * steps_ahead
    return f"{generator.token():06d}"


def test_enroll_then_sign_in_with_a_code(new_page, live_server, supervisor):
    page = new_page("desktop")
    password_step(page, live_server, supervisor.username)
    assert "/accounts/second-factor/enroll/" in page.url
    expect(page.locator("h1")).to_have_text("设置双因素认证")
    expect(page.locator(".tf-qr svg")).to_be_visible()
    secret = page.locator("#tf-secret").inner_text()
    screenshot(page, "second-factor-enroll")

    # A mistyped code first: refused, the page stays.
    page.locator("#id_token").fill("000000" if code_from(secret) != "000000" else "111111")
    page.locator("main form.tf-form button[type=submit]").click()
    expect(page.locator(".error")).to_contain_text("验证码错误")
    time.sleep(1.1)  # the throttle after one wrong code
    page.locator("#id_token").fill(code_from(secret))
    page.locator("main form.tf-form button[type=submit]").click()
    page.wait_for_url(lambda url: "/accounts/second-factor/codes/" in url)
    codes = page.locator(".tf-codes code").all_inner_texts()
    assert len(codes) == 10
    screenshot(page, "second-factor-codes")
    page.get_by_role("link", name="我已妥善保存，继续").click()
    expect(page.locator(".nav-user")).to_be_visible()
    assert Entry.objects.filter(kind=Kind.SECOND_FACTOR, username="supervisor").count() == 2

    # Another day, another browser: password, then the code (the next step's, as a phone whose
    # clock runs a little ahead shows it: this step's code was used at enrollment).
    page = new_page("phone")
    password_step(page, live_server, supervisor.username)
    assert "/accounts/second-factor/verify/" in page.url
    expect(page.locator("h1")).to_have_text("输入验证码")
    assert no_horizontal_scroll(page)
    screenshot(page, "second-factor-verify-phone", full_page=False)
    page.locator("#id_token").fill(code_from(secret, steps_ahead=1))
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(lambda url: "/second-factor/" not in url)
    expect(page.locator(".nav-user")).to_be_attached()

    # The account page shows the authenticator and the ten recovery codes, none used.
    open_ok(page, f"{live_server.url}/accounts/second-factor/")
    expect(page.locator(".facts")).to_contain_text("10 / 10")
    screenshot(page, "second-factor-account-phone")

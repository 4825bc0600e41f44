"""Five failed sign-ins lock an account and an address for 30 minutes; the security
administrator sees and unlocks them; every lockout and unlock is in the audit log."""

import datetime as dt

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from accounts.choices import RegionLevel, Role
from audit.kinds import Kind, Result
from audit.models import Entry
from security.models import SecurityPolicy
from tests.factories import RegionFactory, UserFactory

from .conftest import PASSWORD, sign_in, signed_in

T0 = dt.datetime(2026, 11, 25, 9, 0, tzinfo=dt.UTC)


def fail(client, username, times, address="10.1.1.1"):
    for _ in range(times):
        response = sign_in(client, username, "wrong-password", address)
    return response


def test_five_failures_lock_the_account_even_with_the_right_password(client, reporter):
    fail(client, reporter.username, 4)
    response = fail(client, reporter.username, 1)
    assert response.status_code == 429
    response = sign_in(client, reporter.username, PASSWORD)
    assert response.status_code == 429
    text = response.content.decode()
    assert "登录失败次数过多" in text and "30 分钟" in text
    assert "安全管理员" in text
    # The login form is still there, so the person knows where they are.
    assert 'name="username"' in text


def test_four_failures_do_not_lock_and_the_right_password_clears_them(client, reporter):
    fail(client, reporter.username, 4)
    assert signed_in(sign_in(client, reporter.username, PASSWORD))
    client.logout()
    fail(client, reporter.username, 4)
    assert signed_in(sign_in(client, reporter.username, PASSWORD))


def test_the_account_is_locked_from_every_address(client, reporter):
    for n in range(5):
        sign_in(client, reporter.username, "wrong-password", address=f"10.2.0.{n}")
    assert sign_in(Client(), reporter.username, PASSWORD, address="10.9.9.9").status_code == 429


def test_the_address_is_locked_for_every_account(client, reporter, supervisor):
    for n in range(5):
        sign_in(client, f"guess{n}", "wrong-password", address="10.3.3.3")
    assert sign_in(client, supervisor.username, PASSWORD, address="10.3.3.3").status_code == 429
    # The same account from another address is not locked: only the address is.
    assert signed_in(sign_in(Client(), supervisor.username, PASSWORD, address="10.4.4.4"))


def test_signing_in_with_ones_own_account_does_not_clear_the_address(client, reporter):
    """An attacker with an account of his own cannot reset the count of his guesses."""
    for n in range(4):
        sign_in(client, f"guess{n}", "wrong-password", address="10.3.3.3")
    assert signed_in(sign_in(client, reporter.username, PASSWORD, address="10.3.3.3"))
    client.logout()
    sign_in(client, "guess9", "wrong-password", address="10.3.3.3")
    assert sign_in(client, reporter.username, PASSWORD, address="10.3.3.3").status_code == 429


def test_the_lockout_ends_after_the_cool_off(client, reporter):
    with time_machine.travel(T0, tick=False) as clock:
        fail(client, reporter.username, 5)
        clock.shift(dt.timedelta(minutes=29, seconds=59))
        # A refused attempt while locked does not lengthen the lockout.
        assert sign_in(client, reporter.username, PASSWORD).status_code == 429
        clock.shift(dt.timedelta(seconds=2))
        assert signed_in(sign_in(client, reporter.username, PASSWORD))


def test_the_limits_come_from_the_policy(client, reporter):
    SecurityPolicy.objects.create(
        pk=1,
        failure_limit=3,
        lockout_minutes=10,
        password_min_length=10,
        password_history=5,
        password_max_age_days=90,
        idle_minutes=30,
        absolute_hours=12,
    )
    with time_machine.travel(T0, tick=False) as clock:
        assert fail(client, reporter.username, 3).status_code == 429
        assert "10 分钟" in sign_in(client, reporter.username, PASSWORD).content.decode()
        clock.shift(dt.timedelta(minutes=10, seconds=1))
        assert signed_in(sign_in(client, reporter.username, PASSWORD))


def test_a_lockout_is_recorded_once(client, reporter):
    fail(client, reporter.username, 5)
    sign_in(client, reporter.username, PASSWORD)
    fail(client, reporter.username, 2)
    entries = Entry.objects.filter(kind=Kind.LOCKOUT)
    assert entries.count() == 1
    entry = entries.get()
    assert (entry.username, entry.address, entry.result) == (
        reporter.username,
        "10.1.1.1",
        Result.REFUSED,
    )
    assert "5" in entry.detail


def test_the_admin_login_is_throttled_too(client, admin_user):
    for _ in range(5):
        client.post(
            reverse("admin:login"),
            {"username": admin_user.username, "password": "wrong"},
            REMOTE_ADDR="10.5.5.5",
        )
    response = client.post(
        reverse("admin:login"),
        {"username": admin_user.username, "password": PASSWORD},
        REMOTE_ADDR="10.5.5.5",
    )
    assert response.status_code == 429
    assert not client.session.get("_auth_user_id")


def test_a_locked_accounts_api_token_still_answers(client, manager):
    """The API's tokens are not guessed like passwords: a lockout does not cut off a platform."""
    fail(client, manager.username, 5)
    api = APIClient(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=manager).key}")
    assert api.get("/api/v1/projects/").status_code == 200


# --- the security administrator's page ------------------------------------------------------------


def test_the_security_administrator_sees_and_unlocks(client, reporter, security_admin):
    for n in range(5):
        sign_in(Client(), f"guess{n}", "wrong-password", address="10.6.6.6")
    fail(Client(), reporter.username, 5, address="10.6.6.7")
    client.force_login(security_admin)
    page = client.get(reverse("security:lockouts")).content.decode()
    assert reporter.username in page and "10.6.6.6" in page
    response = client.post(
        reverse("security:unlock"), {"kind": "username", "value": reporter.username}
    )
    assert response.status_code == 302
    # The account is free; the address stays locked until it is unlocked too.
    assert signed_in(sign_in(Client(), reporter.username, PASSWORD, address="10.7.7.7"))
    assert sign_in(Client(), "someone", PASSWORD, address="10.6.6.6").status_code == 429
    client.post(reverse("security:unlock"), {"kind": "ip_address", "value": "10.6.6.6"})
    assert signed_in(sign_in(Client(), reporter.username, PASSWORD, address="10.6.6.6"))
    unlocks = Entry.objects.filter(kind=Kind.UNLOCK, result=Result.OK).order_by("id")
    assert [(e.username, e.target) for e in unlocks] == [
        ("security", f"账户 {reporter.username}"),
        ("security", "地址 10.6.6.6"),
    ]


def test_an_expired_lockout_is_not_listed(client, reporter, security_admin):
    with time_machine.travel(T0, tick=False) as clock:
        fail(Client(), reporter.username, 5)
        client.force_login(security_admin)
        assert reporter.username in client.get(reverse("security:lockouts")).content.decode()
        clock.shift(dt.timedelta(minutes=31))
        assert reporter.username not in client.get(reverse("security:lockouts")).content.decode()


def test_another_regions_account_is_neither_shown_nor_unlocked(
    client, security_admin, other_region
):
    stranger = UserFactory(username="kuiwen-reporter", region=other_region)
    fail(Client(), stranger.username, 5, address="10.8.8.8")
    client.force_login(security_admin)
    assert stranger.username not in client.get(reverse("security:lockouts")).content.decode()
    client.post(reverse("security:unlock"), {"kind": "username", "value": stranger.username})
    assert sign_in(Client(), stranger.username, PASSWORD, address="10.9.0.1").status_code == 429
    assert Entry.objects.get(kind=Kind.UNLOCK).result == Result.FAILED


def test_a_provinces_security_administrator_sees_its_districts_lockouts(client, region):
    """The province › city › district tree is three floors deep: the province's administrator
    sees a district account's lockout, as every other scope of the region does."""
    province = RegionFactory(code="shandong", name="山东省", level=RegionLevel.PROVINCE)
    city = RegionFactory(code="weifang", name="潍坊市", level=RegionLevel.CITY, parent=province)
    region.parent = city
    region.save(update_fields=["parent"])
    reporter = UserFactory(username="hanting-reporter", region=region)
    fail(Client(), reporter.username, 5, address="10.7.7.7")
    admin = UserFactory(username="sd-security", role=Role.SECURITY, region=province, unit=None)
    client.force_login(admin)
    assert reporter.username in client.get(reverse("security:lockouts")).content.decode()


@pytest.mark.parametrize("who", ["admin_user", "supervisor", "manager", "handler"])
def test_only_the_security_administrator_may_unlock(client, request, who, reporter):
    fail(Client(), reporter.username, 5)
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse("security:lockouts")).status_code == 403
    response = client.post(
        reverse("security:unlock"), {"kind": "username", "value": reporter.username}
    )
    assert response.status_code == 403
    assert sign_in(Client(), reporter.username, PASSWORD).status_code == 429
    assert not Entry.objects.filter(kind=Kind.UNLOCK).exists()

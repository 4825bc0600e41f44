"""Passwords: length and classes, not the account name, not one of the last five, changed every
90 days; every role has its page to change it; a password not chosen by the person is changed at
the first sign-in when the setting asks (production), not in the embedded default."""

import datetime as dt

import pytest
import time_machine
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from accounts.models import User
from audit.kinds import Kind
from audit.models import Entry
from security.models import PasswordRecord
from security.passwords import Reason, password_change_reason

from .conftest import GOOD, PASSWORD, sign_in

T0 = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
ROLES = ["reporter", "leader_user", "handler", "supervisor", "manager", "admin_user"]


def refused(password, user=None) -> list[str]:
    try:
        validate_password(password, user)
    except ValidationError as error:
        return error.messages
    return []


@pytest.mark.parametrize(
    "password, message",
    [
        ("demo12345", "至少需要 10 个字符"),  # the demo password
        ("12345678", "至少需要 10 个字符"),  # an 8-digit number
        ("abcdefghijk", "四类字符中的至少三类"),
        ("abcdefgh1234", "四类字符中的至少三类"),
        ("Reporter-2026", "不得包含账户名"),  # the username, in another case
        ("Password123", "太常见"),
    ],
)
def test_weak_passwords_are_refused_in_chinese(reporter, password, message):
    messages = refused(password, reporter)
    assert any(message in m for m in messages), messages


@pytest.mark.parametrize("password", [GOOD, "qinghe2026ABC", "青河-工地-2026a"])
def test_strong_passwords_pass(reporter, password):
    assert refused(password, reporter) == []


def change(client, old, new):
    return client.post(
        reverse("security:password_change"),
        {"old_password": old, "new_password1": new, "new_password2": new},
    )


def test_none_of_the_last_five(client, reporter):
    client.force_login(reporter)
    passwords = [PASSWORD] + [f"Qing-he-{n}x" for n in range(1, 7)]
    for old, new in zip(passwords[:5], passwords[1:6], strict=True):
        assert change(client, old, new).status_code == 302
    current = passwords[5]
    for earlier in passwords[1:5] + [current]:  # the four before and the one in use
        response = change(client, current, earlier)
        assert response.status_code == 200
        assert "不得与最近 5 个密码相同" in response.content.decode()
    # The sixth back is allowed again; only hashes are kept, five of them.
    assert change(client, current, passwords[0]).status_code == 302
    records = PasswordRecord.objects.filter(user=reporter)
    assert records.count() == 5
    assert all(r.password.startswith("md5$") and PASSWORD not in r.password for r in records)


@pytest.mark.parametrize("who", ROLES)
def test_every_role_changes_its_password_from_the_menu(client, request, who):
    user = request.getfixturevalue(who)
    client.force_login(user)
    page = client.get(reverse("security:password_change"))
    assert page.status_code == 200 and "修改密码" in page.content.decode()
    home = client.get(reverse("projects:home"), follow=True).content.decode()
    assert reverse("security:password_change") in home
    assert change(client, PASSWORD, GOOD).status_code == 302
    user.refresh_from_db()
    assert user.check_password(GOOD)
    entry = Entry.objects.get(kind=Kind.PASSWORD_CHANGE)
    assert (entry.username, entry.target) == (user.username, user.username)
    # The session goes on after the change.
    assert client.get(reverse("security:password_change")).status_code == 200


def test_the_old_password_is_needed(client, reporter):
    client.force_login(reporter)
    assert change(client, "not-it", GOOD).status_code == 200
    reporter.refresh_from_db()
    assert reporter.check_password(PASSWORD)
    assert not Entry.objects.filter(kind=Kind.PASSWORD_CHANGE).exists()


# --- changed at the first sign-in and when expired ------------------------------------------------


@pytest.fixture
def created_by_admin(region, campaign):
    """An account an administrator made (set_password, as the admin's form does)."""
    return User.objects.create_user(
        "newcomer", password="Given-by-admin-1", role="manager", region=region
    )


def test_an_account_made_by_an_administrator_changes_its_password_first(
    client, enforced, created_by_admin
):
    assert password_change_reason(created_by_admin) == Reason.FIRST
    response = sign_in(client, "newcomer", "Given-by-admin-1")
    assert response.status_code == 302
    page = client.get(reverse("dashboard:dashboard"), follow=True)
    assert page.redirect_chain[-1][0] == reverse("security:password_change")
    assert "请先设置您自己的密码" in page.content.decode()
    assert change(client, "Given-by-admin-1", GOOD).status_code == 302
    assert client.get(reverse("dashboard:dashboard")).status_code == 200
    assert password_change_reason(User.objects.get(username="newcomer")) is None


def test_a_password_reset_by_an_administrator_must_be_changed_again(
    client, enforced, manager, campaign
):
    client.force_login(manager)
    change(client, PASSWORD, GOOD)
    client.logout()
    manager.refresh_from_db()
    manager.set_password("Reset-by-admin-7")
    manager.save()
    sign_in(client, manager.username, "Reset-by-admin-7")
    assert client.get(reverse("dashboard:dashboard"))["Location"] == reverse(
        "security:password_change"
    )


def test_not_enforced_in_the_embedded_default(client, settings, created_by_admin):
    settings.PASSWORD_CHANGE_ENFORCED = False
    sign_in(client, "newcomer", "Given-by-admin-1")
    assert client.get(reverse("dashboard:dashboard")).status_code == 200


def test_signing_out_and_the_language_stay_open(client, enforced, created_by_admin):
    sign_in(client, "newcomer", "Given-by-admin-1")
    assert client.post(reverse("set_language"), {"language": "en"}).status_code == 302
    assert client.post(reverse("logout")).status_code == 302


def test_the_password_expires_after_ninety_days(enforced, manager, campaign):
    with time_machine.travel(T0, tick=False) as clock:
        client = Client()
        client.force_login(manager)
        change(client, PASSWORD, GOOD)
        clock.shift(dt.timedelta(days=89, hours=23))
        client = Client()
        sign_in(client, manager.username, GOOD)
        assert client.get(reverse("dashboard:dashboard")).status_code == 200
        clock.shift(dt.timedelta(hours=1))
        manager.refresh_from_db()
        assert password_change_reason(manager) == Reason.EXPIRED
        client = Client()
        sign_in(client, manager.username, GOOD)
        page = client.get(reverse("dashboard:dashboard"), follow=True)
        assert page.redirect_chain[-1][0] == reverse("security:password_change")
        assert "超过安全策略规定的使用期限" in page.content.decode()
        assert change(client, GOOD, "Qing-he-later-9").status_code == 302
        assert client.get(reverse("dashboard:dashboard")).status_code == 200


def test_the_demo_accounts_must_change_the_demo_password(enforced, region):
    """seed_demo's accounts get demo12345 through set_password: never chosen by the person."""
    user = User.objects.create_user("demo-manager", role="manager", region=region)
    user.set_password("demo12345")  # as the demo does: the validators do not run on set_password
    user.save()
    assert password_change_reason(user) == Reason.FIRST

"""The session rules (等保2.0 身份鉴别): 30 idle minutes, 12 hours at most, one session per account;
the person is told why on the login page, and each end is in the audit log. Time is moved with
time_machine; each rule is tried with database sessions and with cache sessions."""

import datetime as dt
from importlib import import_module

import pytest
from django.conf import settings as django_settings
from django.test import Client
from django.urls import reverse

from audit.kinds import EndReason, Kind
from audit.models import Entry
from audit.sessions import ENDED

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db
START = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)
PAGE = "/projects/"


@pytest.fixture(params=["db", "cache", "cached"])
def engine(request, settings):
    # "cached": Redis (or the test's cache) in front of the rows, as with REDIS_URL.
    settings.SESSION_ENGINE = {
        "db": "django.contrib.sessions.backends.db",
        "cache": "django.contrib.sessions.backends.cache",
        "cached": "config.sessions",
    }[request.param]
    return request.param


@pytest.fixture
def clock(time_machine):
    time_machine.move_to(START, tick=False)
    return time_machine


def signed_in(user) -> Client:
    client = Client()
    response = client.post(reverse("login"), {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    return client


def ended(client: Client, reason_text: str) -> None:
    """The next page sends the person to the login page, which says why."""
    response = client.get(PAGE)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login")), response["Location"]
    login_page = client.get(response["Location"])
    assert login_page.status_code == 200
    assert reason_text in login_page.content.decode()
    assert client.get(PAGE).status_code == 302  # signed out for good


def ends(reason) -> list[str]:
    return list(Entry.objects.filter(kind=Kind.SESSION_ENDED).values_list("detail", flat=True))


def test_idle_for_more_than_30_minutes_ends_the_session(engine, clock, supervisor):
    client = signed_in(supervisor)
    clock.shift(dt.timedelta(minutes=29))
    assert client.get(PAGE).status_code == 200  # active again: the idle clock starts over
    clock.shift(dt.timedelta(minutes=29))
    assert client.get(PAGE).status_code == 200
    clock.shift(dt.timedelta(minutes=31))
    ended(client, "30 分钟无操作")
    assert ends(EndReason.IDLE) == ["idle"]
    entry = Entry.objects.get(kind=Kind.SESSION_ENDED)
    assert entry.username == "supervisor" and entry.target == "supervisor"
    assert not Entry.objects.filter(kind=Kind.LOGOUT).exists()  # not the person's sign-out


def test_the_idle_limit_is_configurable(clock, supervisor, settings):
    # The limit is the security policy's (its defaults here), taken when the session begins.
    settings.SECURITY_POLICY_DEFAULTS = {**settings.SECURITY_POLICY_DEFAULTS, "idle_minutes": 5}
    client = signed_in(supervisor)
    clock.shift(dt.timedelta(minutes=4))
    assert client.get(PAGE).status_code == 200
    clock.shift(dt.timedelta(minutes=6))
    ended(client, "5 分钟无操作")


def test_a_session_lasts_12_hours_at_most_however_active(engine, clock, supervisor):
    client = signed_in(supervisor)
    for _step in range(12 * 60 // 20):  # a request every 20 minutes for 12 hours
        clock.shift(dt.timedelta(minutes=20))
        assert client.get(PAGE).status_code == 200
    clock.shift(dt.timedelta(minutes=1))
    ended(client, "最长 12 小时")
    assert ends(EndReason.ABSOLUTE) == ["absolute"]


def test_signing_in_elsewhere_ends_the_older_session(engine, clock, supervisor, manager):
    office = signed_in(supervisor)
    other = signed_in(manager)
    clock.shift(dt.timedelta(minutes=5))
    phone = signed_in(supervisor)
    assert phone.get(PAGE).status_code == 200
    ended(office, "在其他地方登录")
    assert phone.get(PAGE).status_code == 200  # the newer one goes on
    assert other.get(PAGE).status_code == 200  # another account is not touched
    entry = Entry.objects.get(kind=Kind.SESSION_ENDED)
    assert (entry.detail, entry.username) == ("replaced", "supervisor")
    assert Entry.objects.filter(kind=Kind.LOGIN, username="supervisor").count() == 2


def test_a_lost_mark_is_caught_within_a_minute(engine, clock, supervisor):
    """A concurrent save of the older session may write over its mark: the account's one live
    session, checked once a minute, still ends it."""
    office = signed_in(supervisor)
    signed_in(supervisor)
    store = import_module(django_settings.SESSION_ENGINE).SessionStore(
        session_key=office.cookies[django_settings.SESSION_COOKIE_NAME].value
    )
    del store[ENDED]
    store.save()
    assert office.get(PAGE).status_code == 200
    clock.shift(dt.timedelta(seconds=61))
    ended(office, "在其他地方登录")


def test_signing_out_and_in_again_is_not_a_replacement(clock, supervisor):
    client = signed_in(supervisor)
    client.post(reverse("logout"))
    again = signed_in(supervisor)
    assert again.get(PAGE).status_code == 200
    assert not Entry.objects.filter(kind=Kind.SESSION_ENDED).exists()
    assert Entry.objects.filter(kind=Kind.LOGOUT).count() == 1


def test_the_message_is_english_for_an_english_reader(clock, supervisor):
    client = signed_in(supervisor)
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
    clock.shift(dt.timedelta(minutes=31))
    ended(client, "after 30 minutes without activity")


def test_changing_ones_password_keeps_the_session(engine, clock, supervisor):
    """The change gives the session a new key: the account's live session follows it, so the
    once-a-minute check does not take it for a sign-in elsewhere."""
    client = signed_in(supervisor)
    new = "Qing-he-2026-new"
    response = client.post(
        reverse("security:password_change"),
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
    )
    assert response.status_code == 302
    clock.shift(dt.timedelta(seconds=90))
    assert client.get(PAGE).status_code == 200
    clock.shift(dt.timedelta(seconds=90))
    assert client.get(PAGE).status_code == 200
    assert not Entry.objects.filter(kind=Kind.SESSION_ENDED).exists()

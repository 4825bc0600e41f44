"""The security audit log (等保2.0 安全审计): each event this app writes is written with who, when,
from where, what and the result; nobody changes or deletes an entry, on PostgreSQL not even with
raw SQL; the purge removes only what is past the keep window (at least 180 days)."""

import datetime as dt

import pytest
import time_machine
from django.db import DatabaseError, connection, transaction
from django.urls import reverse
from django.utils import timezone

from audit.kinds import Kind, Result
from audit.log import record
from audit.models import Entry, Immutable
from audit.purge import keep_days, purge_old_entries
from audit.tasks import purge
from config.schedule import BEAT_SCHEDULE

from .conftest import PASSWORD, postgresql_only

pytestmark = pytest.mark.django_db


def only(kind) -> Entry:
    entries = list(Entry.objects.filter(kind=kind))
    assert len(entries) == 1, entries
    return entries[0]


def test_a_sign_in_is_written_with_account_role_region_and_address(client, supervisor):
    response = client.post(
        reverse("login"), {"username": "supervisor", "password": PASSWORD}, REMOTE_ADDR="10.8.1.7"
    )
    assert response.status_code == 302
    entry = only(Kind.LOGIN)
    assert (entry.username, entry.user_id, entry.role) == (
        "supervisor",
        supervisor.pk,
        "supervisor",
    )
    assert (entry.region_id, entry.address, entry.result) == (
        supervisor.region_id,
        "10.8.1.7",
        "ok",
    )
    assert timezone.now() - entry.at < dt.timedelta(seconds=30)


def test_a_failed_sign_in_keeps_the_name_as_typed_and_never_the_password(client, supervisor):
    client.post(reverse("login"), {"username": "supervisor", "password": "wrong-one"})
    client.post(reverse("login"), {"username": "=nobody", "password": "secret-typed"})
    known, unknown = Entry.objects.filter(kind=Kind.LOGIN_FAILED).order_by("id")
    assert (known.username, known.result, known.user_id) == ("supervisor", "failed", supervisor.pk)
    assert known.region_id == supervisor.region_id and known.address == "127.0.0.1"
    assert (unknown.username, unknown.user_id, unknown.region_id) == ("=nobody", None, None)
    assert not Entry.objects.filter(detail__contains="secret").exists()
    assert not Entry.objects.filter(target__contains="secret").exists()
    assert not Entry.objects.filter(kind=Kind.LOGIN).exists()


def test_a_sign_out_is_written(client, supervisor):
    client.post(reverse("login"), {"username": "supervisor", "password": PASSWORD})
    client.post(reverse("logout"))
    entry = only(Kind.LOGOUT)
    assert entry.username == "supervisor" and entry.address == "127.0.0.1"
    assert not Entry.objects.filter(kind=Kind.SESSION_ENDED).exists()


def test_the_register_export_and_template_are_written(client, supervisor, campaign, project):
    client.force_login(supervisor)
    assert client.get(reverse("workbooks:register_export")).status_code == 200
    entry = only(Kind.EXPORT)
    assert entry.target == f"{campaign.year}年重点项目清单.xlsx"
    assert entry.detail == f"campaign {campaign.pk}" and entry.username == "supervisor"
    assert client.get(reverse("workbooks:template")).status_code == 200
    assert only(Kind.DOWNLOAD).target == f"{campaign.year}年重点项目清单（空白模板）.xlsx"


def test_a_refused_export_writes_nothing(client, leader_user, campaign):
    client.force_login(leader_user)
    assert client.get(reverse("workbooks:register_export")).status_code == 403
    assert not Entry.objects.filter(kind__in=[Kind.EXPORT, Kind.DOWNLOAD]).exists()


def test_the_weekly_sheet_download_is_written(client, reporter, campaign, project):
    client.force_login(reporter)
    response = client.get(reverse("workbooks:weekly_download"))
    assert response.status_code == 200
    entry = only(Kind.DOWNLOAD)
    assert entry.target.endswith("周报填报表.xlsx") and entry.username == "reporter"
    assert entry.detail == f"unit {reporter.unit_id}"


def test_an_entry_cannot_be_changed_or_deleted_through_the_app(supervisor):
    entry = record(supervisor, Kind.EXPORT, target="清单.xlsx")
    entry.detail = "changed"
    with pytest.raises(Immutable):
        entry.save()
    with pytest.raises(Immutable):
        entry.delete()
    with pytest.raises(Immutable):
        Entry.objects.filter(pk=entry.pk).update(detail="changed")
    with pytest.raises(Immutable):
        Entry.objects.filter(pk=entry.pk).delete()
    with pytest.raises(Immutable):  # the fast delete a cascade takes, given the database alias
        Entry.objects.filter(pk=entry.pk)._raw_delete(using="default")
    assert Entry.objects.get(pk=entry.pk).detail == ""


@postgresql_only
@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE audit_entry SET detail = 'changed'",
        "UPDATE audit_entry SET at = at - interval '1 year'",
        "DELETE FROM audit_entry",
        "DELETE FROM audit_entry WHERE id = (SELECT max(id) FROM audit_entry)",
    ],
)
def test_postgresql_refuses_update_and_delete_from_the_apps_own_role(supervisor, sql):
    entry = record(supervisor, Kind.LOGIN)
    with pytest.raises(DatabaseError, match="cannot be changed or deleted"):
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql)
    assert Entry.objects.get(pk=entry.pk).detail == ""


@postgresql_only
def test_postgresql_refuses_the_purge_switch_for_recent_rows(supervisor):
    old = _entry_aged(supervisor, 100)
    # The switch alone, even with a short keep window asked for, reaches nothing under 180 days.
    with pytest.raises(DatabaseError, match="cannot be changed or deleted"):
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET LOCAL audit.purge = 'on'")
            cursor.execute("SET LOCAL audit.keep_days = '1'")
            cursor.execute("DELETE FROM audit_entry WHERE id = %s", [old.pk])
    # And the switch never lets an UPDATE through.
    with pytest.raises(DatabaseError, match="cannot be changed or deleted"):
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET LOCAL audit.purge = 'on'")
            cursor.execute("UPDATE audit_entry SET detail = 'x' WHERE id = %s", [old.pk])
    assert Entry.objects.filter(pk=old.pk).exists()


def _entry_aged(user, days: int) -> Entry:
    with time_machine.travel(timezone.now() - dt.timedelta(days=days), tick=False):
        return record(user, Kind.LOGIN, detail=f"{days} days old")


def test_the_purge_removes_only_entries_past_the_keep_window(supervisor, settings):
    settings.AUDIT_KEEP_DAYS = 30  # asked for fewer: still 180
    assert keep_days() == 180
    ages = [400, 181, 179, 10, 0]
    entries = {days: _entry_aged(supervisor, days) for days in ages}
    assert purge() == 2  # the beat task
    left = set(Entry.objects.values_list("pk", flat=True))
    assert left == {entries[d].pk for d in (179, 10, 0)}
    assert purge_old_entries() == 0  # safe to run twice


def test_a_longer_keep_window_keeps_more(supervisor, settings):
    settings.AUDIT_KEEP_DAYS = 365
    old, older = (
        _entry_aged(supervisor, 200),
        _entry_aged(supervisor, 400),
    )
    assert purge_old_entries() == 1
    assert list(Entry.objects.values_list("pk", flat=True)) == [old.pk]
    assert older.pk not in Entry.objects.values_list("pk", flat=True)


def test_the_purge_is_on_the_beat_schedule():
    assert BEAT_SCHEDULE["audit-purge"]["task"] == "audit.purge"
    assert Result.OK == "ok"

"""The audit administrator's page /audit/: only the audit administrator reads it (三权分立),
of the own region; search by time, account, event, result, address and text; CSV for Excel that
never carries a formula; reading and exporting are themselves written."""

import csv
import datetime as dt
import io

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from accounts.choices import Role
from audit.kinds import Kind, Result
from audit.log import record
from audit.models import Entry
from tests.factories import RegionFactory, UserFactory

pytestmark = pytest.mark.django_db
URL = reverse("audit:log")


@pytest.fixture
def entries(supervisor, reporter):
    with time_machine.travel(dt.datetime(2026, 11, 20, 8, 0, tzinfo=dt.UTC), tick=False):
        record(supervisor, Kind.LOGIN, address="10.0.0.5")
    with time_machine.travel(dt.datetime(2026, 11, 25, 8, 0, tzinfo=dt.UTC), tick=False):
        record(supervisor, Kind.EXPORT, target="2026年重点项目清单.xlsx", address="10.0.0.5")
        record(reporter, Kind.DOWNLOAD, target="2026-W47周报填报表.xlsx", address="10.0.0.9")
        record(
            None,
            Kind.LOGIN_FAILED,
            username="=HYPERLINK(1)",
            result=Result.FAILED,
            address="192.0.2.1",
        )
        far = RegionFactory(code="anqiu", name="安丘市")
        far_user = UserFactory(username="far", role=Role.SUPERVISOR, region=far, unit=None)
        record(far_user, Kind.EXPORT, target="安丘清单.xlsx")


def rows(response) -> str:
    return response.content.decode()


@pytest.mark.parametrize("who", ["supervisor", "manager", "reporter", "admin_user", "security"])
def test_only_the_audit_administrator_reads_the_log(request, client, region, who):
    if who == "security":
        user = UserFactory(username="sec", role=Role.SECURITY, region=region, unit=None)
    else:
        user = request.getfixturevalue(who)
    client.force_login(user)
    assert client.get(URL).status_code == 403
    assert client.get(reverse("audit:export")).status_code == 403
    assert not Entry.objects.filter(kind=Kind.AUDIT_READ).exists()


def test_anonymous_is_sent_to_the_login_page(client):
    response = client.get(URL)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_the_auditor_sees_the_own_region_and_unattributed_entries(
    client, auditor, entries, django_assert_max_num_queries
):
    client.force_login(auditor)
    with django_assert_max_num_queries(8):
        response = client.get(URL)
    html = rows(response)
    assert response.status_code == 200
    assert "安全审计日志" in html and "2026年重点项目清单.xlsx" in html
    assert "=HYPERLINK(1)" in html  # an unknown account's failed sign-in
    assert "安丘清单.xlsx" not in html  # another region's
    read = Entry.objects.get(kind=Kind.AUDIT_READ)
    assert read.username == "auditor" and read.target == "安全审计日志"


@pytest.mark.parametrize(
    ("query", "shown", "hidden"),
    [
        ({"username": "reporter"}, ["周报填报表"], ["重点项目清单", "HYPERLINK"]),
        ({"kind": "export"}, ["重点项目清单"], ["周报填报表"]),
        ({"result": "failed"}, ["HYPERLINK"], ["重点项目清单"]),
        ({"address": "10.0.0.9"}, ["周报填报表"], ["重点项目清单"]),
        ({"q": "填报"}, ["周报填报表"], ["重点项目清单"]),
        ({"q": "hyperlink"}, ["HYPERLINK"], ["周报填报表"]),
        (
            {"kind": "login", "since": "2026-11-20T00:00", "until": "2026-11-21T00:00"},
            ["10.0.0.5"],
            ["重点项目清单", "HYPERLINK"],
        ),
        (
            {"since": "2026-11-24T00:00", "until": "2026-11-26T00:00"},
            ["重点项目清单"],
            [">登录</td>"],
        ),
    ],
)
def test_search(client, auditor, entries, query, shown, hidden):
    client.force_login(auditor)
    html = rows(client.get(URL, query))
    for text in shown:
        assert text in html, (query, text)
    for text in hidden:
        assert text not in html.split("<tbody")[-1], (query, text)
    assert Entry.objects.get(kind=Kind.AUDIT_READ).detail  # the query is kept


@pytest.mark.parametrize(
    "query",
    [
        {"since": "0001-01-01T00:00"},
        {"until": "abc"},
        {"address": "not-an-address"},
        {"kind": "%00"},
        {"q": "x" * 500},
        {"page": "999"},
        {"sort": "detail"},
    ],
)
def test_bad_search_values_answer_the_page(client, auditor, entries, query):
    client.force_login(auditor)
    assert client.get(URL, query).status_code in (200, 404)


def test_many_entries_are_paged(client, auditor):
    for n in range(120):
        record(auditor, Kind.LOGIN, detail=f"n{n:03d}")
    client.force_login(auditor)
    first = rows(client.get(URL))
    assert "n119" in first and "n069" not in first
    second = rows(client.get(URL, {"page": 2}))
    assert "n069" in second and "n119" not in second


def test_the_csv_opens_in_excel_and_carries_no_formula(client, auditor, entries):
    client.force_login(auditor)
    response = client.get(reverse("audit:export"), {"kind": "login_failed"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    body = b"".join(response.streaming_content)
    assert body.startswith(b"\xef\xbb\xbf")  # UTF-8 with a BOM: Excel reads it as UTF-8
    lines = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert lines[0][:2] == ["时间", "账号"]
    assert len(lines) == 2
    assert lines[1][1] == "'=HYPERLINK(1)"  # neutralized
    assert lines[1][4] == "登录失败" and lines[1][6] == "失败"
    export = Entry.objects.get(kind=Kind.AUDIT_READ)
    assert export.target.endswith(".csv") and "login_failed" in export.detail


def test_the_csv_says_when_it_stops(client, auditor, settings):
    settings.AUDIT_EXPORT_MAX_ROWS = 3
    for n in range(5):
        record(auditor, Kind.LOGIN, detail=f"n{n}")
    client.force_login(auditor)
    body = b"".join(client.get(reverse("audit:export")).streaming_content).decode("utf-8-sig")
    lines = list(csv.reader(io.StringIO(body)))
    assert len(lines) == 1 + 3 + 1 and "3" in lines[-1][0]
    assert timezone.now()

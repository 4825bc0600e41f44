"""Lists of reports never read the frozen snapshot (megabytes each at province scale): the
archive, a report's revisions and the 批示 list name reports without loading what they say."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from instructions.models import Instruction
from reports import periods
from reports.choices import ReportKind
from reports.models import Report
from reports.services import report_build

from .helpers import small_district

pytestmark = pytest.mark.django_db

FAT = {"period_display": "2026年11月", "projects": [{"name": "项目" * 50}] * 200}


def _reports(campaign, n: int) -> list[Report]:
    start = dt.date(2026, 1, 5)
    return Report.objects.bulk_create(
        Report(
            campaign=campaign,
            kind=ReportKind.WEEKLY,
            period=f"2026-W{k + 2:02d}",
            period_start=start + dt.timedelta(weeks=k),
            period_end=start + dt.timedelta(weeks=k, days=6),
            snapshot=FAT,
        )
        for k in range(n)
    )


def _report_queries(captured) -> list[str]:
    return [q["sql"] for q in captured.captured_queries if '"reports_report"' in q["sql"]]


def test_the_archive_reads_no_snapshot(client, campaign, manager):
    _reports(campaign, 30)
    client.force_login(manager)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("reports:archive"))
    assert response.status_code == 200
    assert "2026-W31" in response.content.decode()  # the rows are there
    sqls = _report_queries(captured)
    assert sqls, "the archive reads the reports"
    assert not [sql for sql in sqls if '"snapshot"' in sql]


def test_the_revisions_of_a_report_read_no_snapshot(client, campaign, unit, leader, manager):
    small_district(campaign, unit, leader, projects=1)
    first = report_build(campaign=campaign, period=periods.parse("weekly", "2026-W47"), send=False)
    Report.objects.create(
        campaign=campaign,
        kind=first.kind,
        period=first.period,
        period_start=first.period_start,
        period_end=first.period_end,
        revision=2,
        snapshot=first.snapshot,
    )
    client.force_login(manager)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("reports:detail", args=[first.pk]))
    assert response.status_code == 200
    sqls = _report_queries(captured)
    with_snapshot = [sql for sql in sqls if '"snapshot"' in sql]
    assert len(with_snapshot) == 1  # the report shown, and only it
    assert f'"reports_report"."id" = {first.pk}' in with_snapshot[0]


def test_a_download_reads_no_snapshot(client, campaign, manager):
    report = _reports(campaign, 1)[0]
    client.force_login(manager)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("reports:download", args=[report.pk, "pdf"]))
    assert response.status_code == 404  # no file was rendered for this bare row
    assert not [sql for sql in _report_queries(captured) if '"snapshot"' in sql]


def test_the_instruction_list_reads_no_snapshot(client, campaign, manager):
    reports = _reports(campaign, 5)
    Instruction.objects.bulk_create(
        Instruction(region=campaign.region, author=manager, text=f"批示{n}", report=r)
        for n, r in enumerate(reports)
    )
    client.force_login(manager)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("instructions:list"))
    assert response.status_code == 200
    assert "批示3" in response.content.decode()
    sqls = _report_queries(captured)
    assert sqls, "the list names the reports"
    assert not [sql for sql in sqls if '"snapshot"' in sql]

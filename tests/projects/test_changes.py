"""The change log reads as a person would write it: labels, names, local time, no bookkeeping."""

import datetime as dt

import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from config.history import note_change
from projects import services
from tests.factories import WeeklyReportFactory

# 00:22 UTC is 08:22 in Beijing.
SAVED_AT = dt.datetime(2026, 12, 1, 0, 22, 19, tzinfo=dt.UTC)


def test_a_review_reads_in_chinese_with_names_and_local_time(client, supervisor, project, reporter):
    supervisor.first_name = "邓国栋"
    supervisor.save()
    with time_machine.travel(SAVED_AT - dt.timedelta(hours=1), tick=False):
        report = WeeklyReportFactory(
            project=project, week=dt.date(2026, 11, 23), submitted_by=reporter
        )
    with time_machine.travel(SAVED_AT, tick=False):
        services.weekly_report_return(report=report, user=supervisor, reason="投资数据与统计不符。")
    client.force_login(supervisor)
    response = client.get(reverse("projects:changes"))
    body = response.content.decode()
    entry = next(e for e in response.context["entries"] if e.object.endswith("2026-W48"))
    fields = {f: (old, new) for f, old, new in entry.changes}
    assert entry.object == f"{project.name} 2026-W48" and "as of" not in body
    assert fields["状态"] == ("已提交", "已退回")
    assert fields["审核人"] == ("—", "邓国栋")
    assert "version" not in fields and "版本" not in fields  # the edit lock's counter
    assert entry.who == "邓国栋"
    assert "2026-12-01 08:22" in body and "+00:00" not in body


def test_card_moves_show_the_card_labels(client, supervisor, project):
    project.card = "blue"
    project.save()
    project.card = "yellow"
    note_change(project, reason="2026-W48")
    project.save()
    client.force_login(supervisor)
    entries = client.get(reverse("projects:changes")).context["entries"]
    moved = next(e for e in entries if e.reason == "2026-W48")
    assert ("亮牌", "蓝牌", "黄牌") in moved.changes
    assert moved.who == "系统"


def test_units_and_leaders_are_named(client, supervisor, project, other_unit):
    project.unit = other_unit
    project.save()
    client.force_login(supervisor)
    entries = client.get(reverse("projects:changes")).context["entries"]
    assert ("责任单位", "区住建局", "区工信局") in entries[0].changes


def test_naming_costs_one_query_per_kind_of_name(client, supervisor, project, reporter):
    for week in (dt.date(2026, 11, 9), dt.date(2026, 11, 16), dt.date(2026, 11, 23)):
        report = WeeklyReportFactory(project=project, week=week, submitted_by=reporter)
        services.weekly_report_accept(report=report, user=supervisor)
    client.force_login(supervisor)
    with CaptureQueriesContext(connection) as ctx:
        entries = client.get(reverse("projects:changes")).context["entries"]
    assert sum(1 for e in entries if e.changes) >= 3
    # session, user, seven kinds of history, the "previous" records of each kind shown, then
    # the names: projects and users, however many reports
    assert len(ctx.captured_queries) <= 2 + 7 + 7 + 2

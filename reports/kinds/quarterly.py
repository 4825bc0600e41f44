"""季度总结 — the quarterly summary: the quarter's trend (cards week by week, investment month by
month against 序时), stage changes, projects started and in production, rankings, the red list."""

import datetime as dt
from decimal import Decimal

from projects import plans
from projects.models import Campaign, MonthlyPlan

from .. import data, sections
from ..figures import pct
from ..labels import STAGES
from ..periods import Period, containing
from .sheets import (
    INT,
    MONEY,
    PCT,
    SCORE,
    TEXT,
    Column,
    Sheet,
    groups_sheet,
    list_sheet,
    projects_sheet,
    ranking_sheet,
    with_reasons,
)

TITLE = "季度总结"


def month_points(campaign: Campaign, period: Period) -> list[dict]:
    """Done and 序时 plan at the close of each month of the period: one query per month."""
    monthly: dict[int, dict[int, Decimal]] = {}
    for pid, month_no, amount in MonthlyPlan.objects.filter(project__campaign=campaign).values_list(
        "project_id", "month", "amount"
    ):
        monthly.setdefault(pid, {})[month_no] = amount
    points, day = [], period.start
    while day <= period.end:
        month = containing("monthly", day)
        week = month.last_week
        due = sum(
            (plans.week_plan_due(m, week, campaign.year) for m in monthly.values()),
            start=Decimal(0),
        )
        done = data.done_at(campaign, week)
        points.append({"month": month.label, "label": f"{day.month}月", "due": due, "done": done})
        day = month.end + dt.timedelta(days=1)
    return points


def build(campaign: Campaign, period: Period) -> dict:
    week = period.last_week
    previous = period.previous().last_week
    rows = data.project_rows(campaign, week, previous)
    before = {r.id: r.stage for r in data.project_rows(campaign, previous)}
    snapshot = sections.header(campaign, period, TITLE, week)
    overview = sections.overview(campaign, rows)
    overview["period_done"] = overview["done"] - data.done_at(campaign, previous)
    names = {r.id: r for r in rows}
    reached = [
        {"name": names[pid].name, "unit": names[pid].unit, "node": name, "date": day, "kind": kind}
        for pid, kind, name, day in data.milestones_reached(campaign, period.start, period.end)
        if pid in names
    ]
    snapshot.update(
        overview=overview,
        cards_by_week=sections.cards_by_week(campaign, period),
        months=month_points(campaign, period),
        stage_changes=[
            {
                "name": r.name,
                "unit": r.unit,
                "from": STAGES.get(before[r.id], before[r.id]),
                "to": STAGES.get(r.stage, r.stage),
            }
            for r in rows
            if r.id in before and before[r.id] != r.stage
        ],
        started=[item for item in reached if item["kind"] == "start"],
        production=[item for item in reached if item["kind"] == "production"],
        units=sections.by_unit(rows),
        leaders=sections.by_leader(rows),
        rankings=sections.rankings(campaign, rows, period),
        red_list=sections.card_list(rows, data.score_notes(campaign, week, ["red"])),
        projects=sections.project_table(rows),
        empty=False,
    )
    return snapshot


def sheets(snapshot: dict) -> list:
    overview = snapshot["overview"]
    totals = {"name": "合计", **overview, **overview["cards"]}
    units = groups_sheet(snapshot["units"], "按责任单位", "责任单位")
    leaders = groups_sheet(snapshot["leaders"], "按包靠领导", "包靠领导")
    units.totals = leaders.totals = totals
    detail = projects_sheet(snapshot["projects"])
    detail.totals = {**totals, "code": "合计", "name": ""}
    months = Sheet(
        "月度投资",
        [
            Column("月份", "label", TEXT, 10),
            Column("序时计划（万元）", "due", MONEY, 16),
            Column("累计完成（万元）", "done", MONEY, 16),
            Column("完成序时", "pct", PCT, 10),
        ],
        [{**m, "pct": pct(Decimal(m["done"]), Decimal(m["due"]))} for m in snapshot["months"]],
        totals={},
    )
    return [
        units,
        leaders,
        months,
        list_sheet(
            "每周牌色",
            [
                ("周（周一）", "week", 14),
                ("蓝牌", "blue", 8, INT),
                ("黄牌", "yellow", 8, INT),
                ("红牌", "red", 8, INT),
            ],
            snapshot["cards_by_week"],
        ),
        list_sheet(
            "阶段变化",
            [
                ("项目名称", "name", 36),
                ("责任单位", "unit", 16),
                ("季初", "from", 10),
                ("季末", "to", 10),
            ],
            snapshot["stage_changes"],
        ),
        list_sheet(
            "开工投产",
            [
                ("项目名称", "name", 36),
                ("责任单位", "unit", 16),
                ("节点", "node", 14),
                ("日期", "date", 12),
            ],
            snapshot["started"] + snapshot["production"],
        ),
        ranking_sheet(snapshot["rankings"]["projects"], "项目排名", "项目名称"),
        ranking_sheet(snapshot["rankings"]["units"], "单位排名", "责任单位"),
        ranking_sheet(snapshot["rankings"]["leaders"], "领导排名", "包靠领导"),
        list_sheet(
            "红牌项目",
            [
                ("项目名称", "name", 36),
                ("责任单位", "unit", 16),
                ("得分", "total", 8, SCORE),
                ("原因", "reasons_text", 80),
            ],
            with_reasons(snapshot["red_list"]),
        ),
        detail,
    ]

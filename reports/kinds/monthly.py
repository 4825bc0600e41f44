"""每月通报 — the monthly bulletin, as the district issues it: the campaign overview; investment
against plan and 序时进度 by unit and by leader; starts and production against target; card
counts and their change; the rankings with rank change; the red list with reasons; named late
reporters; problems open and overdue by department; the year-end outlook and next steps."""

from decimal import Decimal

from projects.maps import snapshot_map
from projects.models import Campaign

from .. import data, data_problems, sections
from ..periods import Period
from .sheets import (
    INT,
    SCORE,
    groups_sheet,
    list_sheet,
    projects_sheet,
    ranking_sheet,
    with_projects,
    with_reasons,
)

TITLE = "每月通报"
BEHIND_POINTS = Decimal(10)  # projects this far behind 序时 are named in the next steps


def build(campaign: Campaign, period: Period) -> dict:
    """About twenty queries, none per project."""
    week = period.last_week
    previous = period.previous().last_week
    rows = data.project_rows(campaign, week, previous)
    weeks = period.weeks()
    snapshot = sections.header(campaign, period, TITLE, week)
    overview = sections.overview(campaign, rows)
    overview["period_done"] = overview["done"] - data.done_at(campaign, previous)
    late = sections.late_reporters(rows, data.reporting(weeks, [r.id for r in rows]), len(weeks))
    problems = data_problems.by_department(campaign, period.end)
    red = sections.card_list(rows, data.score_notes(campaign, week, ["red"]))
    behind = [
        r.name
        for r in rows
        if r.due and r.annual_plan and (r.done - r.due) * 100 / r.annual_plan < -BEHIND_POINTS
    ]
    outlook = sections.forecast(campaign, rows, week)
    snapshot.update(
        overview=overview,
        units=sections.by_unit(rows),
        leaders=sections.by_leader(rows),
        rankings=sections.rankings(campaign, rows, period),
        red_list=red,
        changes=sections.card_changes(rows),
        late=late,
        problems=problems,
        forecast=outlook,
        behind=behind,
        next_steps=next_steps(overview, red, late, problems, behind, outlook),
        projects=sections.project_table(rows),
        map=snapshot_map(campaign, {r.id: r.card for r in rows}),
        empty=False,
    )
    return snapshot


def next_steps(overview, red, late, problems, behind, outlook) -> list[str]:
    """The bulletin's closing section, drawn from its own figures."""
    steps = []
    if red:
        steps.append(
            f"对{len(red)}个红牌项目，由包靠领导牵头、责任单位专班逐一分析原因，制定整改措施，"
            "连续两周红牌的按程序下发督办单。"
        )
    if behind:
        steps.append(
            f"投资完成落后序时进度{BEHIND_POINTS}个百分点以上的{len(behind)}个项目，倒排工期、"
            "挂图作战，加快形象进度和投资入库。"
        )
    if problems["total"].get("overdue"):
        steps.append(
            f"{problems['total']['overdue']}个超期未办结问题，提交半月调度会商解决，"
            "实行问题解决直通车，逐项明确责任部门和完成时限。"
        )
    if late:
        steps.append(f"{len(late)}个单位存在迟报、漏报周报情况，予以通报，督促按时如实报送。")
    if outlook["gap"] > 0:
        steps.append(
            f"按当前进度预计全年完成投资{outlook['year_end'] / 10000:,.2f}亿元，"
            f"距年度目标尚差{outlook['gap'] / 10000:,.2f}亿元，"
            "各单位要抢抓施工黄金期，确保完成全年目标。"
        )
    steps.append("继续实行“蓝黄红”三色督导，每周梳理、每周打分，下月通报名次变化。")
    return steps


def sheets(snapshot: dict) -> list:
    overview = snapshot["overview"]
    totals = {"code": "合计", "name": "合计", **overview, **overview["cards"]}
    detail = projects_sheet(snapshot["projects"])
    detail.totals = {**totals, "name": ""}
    units = groups_sheet(snapshot["units"], "按责任单位", "责任单位")
    leaders = groups_sheet(snapshot["leaders"], "按包靠领导", "包靠领导")
    units.totals = leaders.totals = totals
    ranks = snapshot["rankings"]
    return [
        units,
        leaders,
        detail,
        ranking_sheet(ranks["projects"], "项目排名", "项目名称"),
        ranking_sheet(ranks["units"], "单位排名", "责任单位"),
        ranking_sheet(ranks["leaders"], "领导排名", "包靠领导"),
        list_sheet(
            "红牌项目",
            [
                ("项目名称", "name", 36),
                ("责任单位", "unit", 16),
                ("包靠领导", "leader", 10),
                ("得分", "total", 8, SCORE),
                ("原因", "reasons_text", 80),
            ],
            with_reasons(snapshot["red_list"]),
        ),
        list_sheet(
            "迟报漏报",
            [
                ("责任单位", "unit", 20),
                ("填报员", "reporters", 16),
                ("漏报（项目·周）", "missing", 12, INT),
                ("迟报（项目·周）", "late", 12, INT),
                ("涉及项目", "projects_text", 60),
            ],
            with_projects(snapshot["late"]),
        ),
        list_sheet(
            "问题按部门",
            [
                ("部门", "department", 20),
                ("未办结", "open", 10, INT),
                ("超期", "overdue", 10, INT),
                ("已销号", "solved", 10, INT),
            ],
            snapshot["problems"]["departments"],
        ),
    ]

"""年度综合绩效考核 — the annual assessment export: per project, unit and leader, the figures the
performance assessment (纳入综合绩效考核) needs: investment against plan, the target met or not,
weeks on each card, the average weekly score, the on-site observation score, the combined score
and rank, reporting discipline and problems. The PDF is the summary; the detail is in Excel."""

from collections import defaultdict

from observation import selectors as observation
from projects.models import Campaign

from .. import data, data_problems, figures, sections
from ..periods import Period
from .sheets import INT, MONEY, PCT, SCORE, TEXT, Column, Sheet, ranking_sheet

TITLE = "年度综合绩效考核"
SUMMED = (
    "weeks_blue",
    "weeks_yellow",
    "weeks_red",
    "late",
    "missing",
    "problems",
    "problems_overdue",
    "target_met",
)


def build(campaign: Campaign, period: Period) -> dict:
    week = period.last_week
    rows = data.project_rows(campaign, week)
    weeks = period.weeks()
    cards = data.card_weeks(campaign, weeks)
    reported = data.reporting(weeks, [r.id for r in rows])
    weekly = figures.weekly_scores(data.weekly_totals(campaign, weeks))
    rounds = observation.closed_rounds(campaign, period.start, period.end)
    observed = observation.averages(r.pk for r in rounds)
    problems = data_problems.per_project(campaign, period.end)
    scores = {
        r.id: (
            figures.combined(weekly.get(r.id, (None, 0))[0], observed.get(r.id, (None, 0))[0]),
            weekly.get(r.id, (None, 0))[1],
        )
        for r in rows
    }
    rankings = sections.ranking_sets(rows, scores, {})
    rank_of = {s["key"]: s["rank"] for s in rankings["projects"]}
    table = sections.project_table(rows)
    for item, r in zip(table, rows, strict=True):
        counted, late = reported.get(r.id, (0, 0))
        item.update(
            target_met=int(
                r.in_production if r.target == "production" else r.done >= r.annual_plan
            ),
            weeks_blue=cards.get(r.id, {}).get("blue", 0),
            weeks_yellow=cards.get(r.id, {}).get("yellow", 0),
            weeks_red=cards.get(r.id, {}).get("red", 0),
            weeks_exempt=cards.get(r.id, {}).get("exempt", 0),
            weekly=weekly.get(r.id, (None, 0))[0],
            observed=observed.get(r.id, (None, 0))[0],
            combined=scores[r.id][0],
            rank=rank_of.get(r.id),
            late=late,
            missing=max(len(weeks) - counted, 0),
            problems=problems.get(r.id, (0, 0))[0],
            problems_overdue=problems.get(r.id, (0, 0))[1],
        )
    table.sort(key=lambda p: (p["rank"] or 10**9, p["code"]))
    snapshot = sections.header(campaign, period, TITLE, week)
    snapshot.update(
        overview=sections.overview(campaign, rows),
        projects=table,
        units=_groups(table, rows, "unit_id", rankings["units"]),
        leaders=_groups(table, rows, "leader_id", rankings["leaders"]),
        rankings=rankings,
        rounds=observation.round_stats(rounds),
        weeks=len(weeks),
        empty=False,
    )
    return snapshot


def _groups(table: list[dict], rows, attr: str, ranked: list[dict]) -> list[dict]:
    """Unit or leader lines: the money and counts summed, the score and rank of the group."""
    by_id = {r.id: getattr(r, attr) for r in rows}
    money = {
        g["key"]: g
        for g in figures.groups(
            rows,
            key=lambda r: getattr(r, attr),
            name=lambda r: r.unit if attr == "unit_id" else r.leader,
        )
    }
    sums: dict[int, dict] = defaultdict(lambda: dict.fromkeys(SUMMED, 0))
    for item in table:
        for key in SUMMED:
            sums[by_id[item["id"]]][key] += item[key]
    return [
        {**money[s["key"]], **sums[s["key"]], "combined": s["score"], "rank": s["rank"]}
        for s in ranked
    ]


COMMON = [
    Column("年度计划（万元）", "plan", MONEY, 16, True),
    Column("全年完成（万元）", "done", MONEY, 16, True),
    Column("完成年度计划", "pct_plan", PCT, 12),
    Column("达成年度目标", "target_met", INT, 10, True),
    Column("蓝牌周数", "weeks_blue", INT, 8, True),
    Column("黄牌周数", "weeks_yellow", INT, 8, True),
    Column("红牌周数", "weeks_red", INT, 8, True),
    Column("迟报", "late", INT, 6, True),
    Column("漏报", "missing", INT, 6, True),
    Column("问题数", "problems", INT, 8, True),
    Column("超期问题", "problems_overdue", INT, 8, True),
    Column("综合得分", "combined", SCORE, 10),
    Column("名次", "rank", INT, 6),
]


def _totals(snapshot: dict) -> dict:
    totals: dict = {key: 0 for key in SUMMED}
    for item in snapshot["projects"]:
        for key in SUMMED:
            totals[key] += item[key]
    overview = snapshot["overview"]
    return {
        **totals,
        "plan": overview["plan"],
        "done": overview["done"],
        "pct_plan": overview["pct_plan"],
        "projects": overview["projects"],
    }


def sheets(snapshot: dict) -> list:
    totals = _totals(snapshot)
    projects = Sheet(
        "项目考核",
        [
            Column("项目编号", "code", TEXT, 10),
            Column("项目名称", "name", TEXT, 36),
            Column("责任单位", "unit", TEXT, 16),
            Column("包靠领导", "leader", TEXT, 10),
            Column("年度目标", "target", TEXT, 10),
            Column("周平均得分", "weekly", SCORE, 10),
            Column("观摩得分", "observed", SCORE, 10),
            *COMMON,
        ],
        snapshot["projects"],
        totals={**totals, "code": "合计"},
    )
    units = Sheet(
        "单位考核",
        [Column("责任单位", "name", TEXT, 20), Column("项目数", "projects", INT, 8, True), *COMMON],
        snapshot["units"],
        totals={**totals, "name": "合计"},
    )
    leaders = Sheet(
        "领导考核",
        [Column("包靠领导", "name", TEXT, 12), Column("项目数", "projects", INT, 8, True), *COMMON],
        snapshot["leaders"],
        totals={**totals, "name": "合计"},
    )
    return [
        projects,
        units,
        leaders,
        ranking_sheet(snapshot["rankings"]["projects"], "项目排名", "项目名称"),
    ]

"""半月调度 — the biweekly dispatch pack: the red and yellow projects with their reasons, open
and overdue problems by department, the overdue problems on the agenda, and the meeting
decisions falling due before the next meeting."""

from projects.models import Campaign

from .. import data, data_problems, sections
from ..periods import Period
from .sheets import INT, NUMBER, SCORE, list_sheet, projects_sheet, with_projects, with_reasons

TITLE = "半月调度"


def build(campaign: Campaign, period: Period) -> dict:
    week = period.last_week
    rows = data.project_rows(campaign, week, period.previous().last_week)
    notes = data.score_notes(campaign, week, ["red", "yellow"])
    weeks = period.weeks()
    snapshot = sections.header(campaign, period, TITLE, week)
    snapshot.update(
        overview=sections.overview(campaign, rows),
        attention=sections.card_list(rows, notes, cards=("red", "yellow")),
        problems=data_problems.by_department(campaign, period.end),
        overdue=data_problems.overdue_list(campaign, period.end),
        decisions=data_problems.decisions_due(campaign, period.end),
        late=sections.late_reporters(rows, data.reporting(weeks, [r.id for r in rows]), len(weeks)),
        projects=sections.project_table(rows),
        empty=False,
    )
    return snapshot


def sheets(snapshot: dict) -> list:
    detail = projects_sheet(snapshot["projects"])
    detail.totals = {"code": "合计", **snapshot["overview"]}
    problems = snapshot["problems"]
    return [
        list_sheet(
            "红黄牌项目",
            [
                ("牌色", "card_label", 6),
                ("项目名称", "name", 36),
                ("责任单位", "unit", 16),
                ("包靠领导", "leader", 10),
                ("得分", "total", 8, SCORE),
                ("原因", "reasons_text", 80),
            ],
            with_reasons(snapshot["attention"]),
        ),
        list_sheet(
            "问题按部门",
            [
                ("部门", "department", 20),
                ("未办结", "open", 10, INT),
                ("超期", "overdue", 10, INT),
                ("已销号", "solved", 10, INT),
                ("平均办理天数", "avg_days", 12, NUMBER),
            ],
            problems["departments"] + [{"department": "合计", **problems["total"]}],
        ),
        list_sheet(
            "超期问题",
            [
                ("部门", "department", 16),
                ("问题", "title", 40),
                ("项目", "project", 30),
                ("期限", "deadline", 12),
                ("超期天数", "days_overdue", 10, INT),
                ("层级", "level", 12),
            ],
            snapshot["overdue"],
        ),
        list_sheet(
            "待办决定",
            [
                ("决定事项", "title", 40),
                ("项目", "project", 30),
                ("责任部门", "department", 16),
                ("期限", "deadline", 12),
                ("会议日期", "meeting", 12),
                ("状态", "status", 14),
            ],
            snapshot["decisions"],
        ),
        list_sheet(
            "缺报迟报",
            [
                ("责任单位", "unit", 20),
                ("填报员", "reporters", 16),
                ("未报", "missing", 10, INT),
                ("迟报", "late", 10, INT),
                ("涉及项目", "projects_text", 60),
            ],
            with_projects(snapshot["late"]),
        ),
        detail,
    ]

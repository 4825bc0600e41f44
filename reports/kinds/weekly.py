"""每周梳理 — the weekly digest: the cards of the week, what changed since last week, the red
list, and the units whose reports are missing or late. An empty digest (nothing scored and
nothing missing) is kept but not sent."""

import datetime as dt

from projects.models import Campaign

from .. import data, sections
from ..periods import Period
from .sheets import INT, SCORE, list_sheet, projects_sheet, with_projects, with_reasons

TITLE = "每周梳理"


def build(campaign: Campaign, period: Period) -> dict:
    """Nine queries: rows (4), red notes, reporting, reporters, and the two ranking reads."""
    week = period.last_week
    rows = data.project_rows(campaign, week, week - dt.timedelta(days=7))
    notes = data.score_notes(campaign, week, ["red"])
    late = sections.late_reporters(rows, data.reporting([week], [r.id for r in rows]), 1)
    snapshot = sections.header(campaign, period, TITLE, week)
    overview = sections.overview(campaign, rows)
    scored = overview["projects"] - overview["cards"]["unscored"]
    snapshot.update(
        overview=overview,
        scored=scored,
        changes=sections.card_changes(rows),
        red_list=sections.card_list(rows, notes),
        late=late,
        projects=sections.project_table(rows),
        empty=not scored and not late,
    )
    return snapshot


def sheets(snapshot: dict) -> list:
    totals = {"code": "合计", **snapshot["overview"]}
    detail = projects_sheet(snapshot["projects"])
    detail.totals = totals
    return [
        detail,
        list_sheet(
            "牌色变化",
            [
                ("项目名称", "name", 36),
                ("责任单位", "unit", 16),
                ("上周", "from", 8),
                ("本周", "to", 8),
                ("本周得分", "total", 10, SCORE),
            ],
            snapshot["changes"],
        ),
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
            "缺报迟报",
            [
                ("责任单位", "unit", 20),
                ("填报员", "reporters", 16),
                ("未报（项目·周）", "missing", 12, INT),
                ("迟报（项目·周）", "late", 12, INT),
                ("涉及项目", "projects_text", 60),
            ],
            with_projects(snapshot["late"]),
        ),
    ]

"""The figures a notice, an interview notice or an accountability proposal states, frozen as of
one scored week: what the scoring run saw that week (its stored breakdown), never today's
register. The documents store them; later reports cannot change them."""

import datetime as dt
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.utils import translation

from projects import weeks
from projects.models import Project
from scoring.models import WeeklyScore
from scoring.results import CARD_LABELS, reason_lines


def _money(value) -> str:
    return "—" if value in (None, "") else f"{Decimal(str(value)):,.2f}"


def week_figures(project: Project, week: dt.date | None) -> dict:
    """The project's figures as scored in ``week`` (a Monday), as strings a document prints.
    With no score that week, only the register's plan and the date are given."""
    score = (
        WeeklyScore.objects.filter(project=project, week=week).first() if week is not None else None
    )
    breakdown: dict[str, Any] = score.breakdown if score else {}
    item = next((i for i in breakdown.get("items", []) if i.get("key") == "investment"), None)
    investment = item.get("inputs", {}) if item is not None else {}
    sunday = week + dt.timedelta(days=6) if week else None
    # A document is Chinese whoever issues it: the reasons are put into the site's language.
    with translation.override(settings.LANGUAGE_CODE):
        reasons = reason_lines(breakdown) if breakdown else []
    return {
        "week": week.isoformat() if week else None,
        "week_label": weeks.week_label(week) if week else "",
        "as_of": sunday.isoformat() if sunday else None,
        "annual_plan": _money(project.annual_plan),
        "plan_due": _money(investment.get("plan_due")),
        "ytd_done": _money(investment.get("ytd_done")),
        "ratio": f"{Decimal(investment['ratio']):.1f}%" if investment.get("ratio") else "—",
        "total": f"{score.total:.2f}" if score else "—",
        "card": CARD_LABELS.get(score.card, "") if score else "",
        "reasons": reasons,
    }


def latest_scored_week(project: Project, on_or_before: dt.date) -> dt.date | None:
    """The last week scored whose Sunday is no later than ``on_or_before``."""
    return (
        WeeklyScore.objects.filter(project=project, week__lte=on_or_before - dt.timedelta(days=6))
        .order_by("-week")
        .values_list("week", flat=True)
        .first()
    )


def figure_rows(figures: dict) -> list[list[str]]:
    """The figures table of a document: label, value."""
    return [
        ["数据截至", f"{figures['as_of'] or '—'}（{figures['week_label'] or '—'}）"],
        ["年度计划投资（万元）", figures["annual_plan"]],
        ["序时计划投资（万元）", figures["plan_due"]],
        ["年度累计完成（万元）", figures["ytd_done"]],
        ["完成序时进度", figures["ratio"]],
        ["周评分", f"{figures['total']} 分（{figures['card'] or '—'}）"],
    ]

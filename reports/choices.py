"""Choices of the reports app. A colour lives with its choice so one badge renders it."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from config.colours import ColouredChoices


class ReportKind(models.TextChoices):
    WEEKLY = "weekly", _("Weekly digest")
    BIWEEKLY = "biweekly", _("Biweekly dispatch pack")
    MONTHLY = "monthly", _("Monthly bulletin")
    QUARTERLY = "quarterly", _("Quarterly summary")
    HALFYEAR = "halfyear", _("Half-year observation report")
    ANNUAL = "annual", _("Annual assessment")


# The official titles, printed on the documents (they are Chinese documents in any UI language).
KIND_TITLES: dict[str, str] = {
    ReportKind.WEEKLY: "每周梳理",
    ReportKind.BIWEEKLY: "半月调度",
    ReportKind.MONTHLY: "每月通报",
    ReportKind.QUARTERLY: "季度总结",
    ReportKind.HALFYEAR: "半年观摩",
    ReportKind.ANNUAL: "年度综合绩效考核",
}


def report_name(kind: str, period: str, revision: int) -> str:
    """A report as its lists name it (``Report.__str__``; a plain row of the 批示 list)."""
    return f"{KIND_TITLES.get(kind, kind)} {period} r{revision}"


class ReportStatus(ColouredChoices):
    PUBLISHED = "published", "green", _("Published")
    EMPTY = "empty", "grey", _("Nothing to report")

"""Choices of the register. A colour lives with its choice so one badge renders it everywhere."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Category(models.TextChoices):
    INDUSTRY = "industry", _("Industry")
    INFRASTRUCTURE = "infrastructure", _("Infrastructure")
    LIVELIHOOD = "livelihood", _("Social and livelihood")


class Stage(models.TextChoices):
    PREPARATION = "preparation", _("Preparation")
    STARTED = "started", _("Works started")
    CONSTRUCTION = "construction", _("Construction")
    COMPLETED = "completed", _("Completed")
    PRODUCTION = "production", _("In production")


# The stages whose weekly report should carry site photos: there is a site and work on it.
# Before works start (手续办理) and after completion there is nothing new to photograph.
PHOTO_STAGES = frozenset({Stage.STARTED.value, Stage.CONSTRUCTION.value})


class TargetKind(models.TextChoices):
    PRODUCTION = "production", _("Into production this year")
    ACCELERATE = "accelerate", _("Accelerate construction")


class InvestmentSource(models.TextChoices):
    UNIT_REPORT = "unit", _("Unit's report")
    STATISTICS = "statistics", _("Investment statistics")
    CONTRACTOR = "contractor", _("Contractor statement")
    ONSITE = "onsite", _("On-site check")


class NodeKind(models.TextChoices):
    START = "start", _("Start of works")
    TOPPING = "topping", _("Main structure topped out")
    EQUIPMENT = "equipment", _("Equipment installed")
    COMPLETION = "completion", _("Completion")
    PRODUCTION = "production", _("Into production")
    OTHER = "other", _("Other")


class ReportStatus(models.TextChoices):
    MISSING = "missing", _("Missing")  # never stored: a report that does not exist yet
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned")
    ACCEPTED = "accepted", _("Accepted")


class Card(models.TextChoices):
    BLUE = "blue", _("Blue")
    YELLOW = "yellow", _("Yellow")
    RED = "red", _("Red")


STATUS_COLOURS = {
    ReportStatus.MISSING: "red",
    ReportStatus.DRAFT: "grey",
    ReportStatus.SUBMITTED: "blue",
    ReportStatus.RETURNED: "orange",
    ReportStatus.ACCEPTED: "green",
}

"""The register of a campaign and the weekly reports. Invariants live in the database.

History: django-simple-history keeps a full row snapshot per change, with the user (from the
request middleware) and a change reason. We chose it over django-auditlog because the supervisor
must see a report *as it was* when it was returned or scored, not only a field diff, and over
django-reversion because it needs no explicit revision blocks around every write.
"""

import datetime as dt
from decimal import Decimal
from typing import Any, cast

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.models import Leader, Region, Unit
from config import geo

from . import weeks
from .choices import (
    Card,
    Category,
    InvestmentSource,
    NodeKind,
    ReportStatus,
    Stage,
    TargetKind,
)
from .fields import WeekField, monday_constraint

MONEY: dict[str, Any] = {"max_digits": 14, "decimal_places": 2}  # typed for the fields' **MONEY


def non_negative(field: str, name: str):
    return models.CheckConstraint(
        condition=Q(**{f"{field}__gte": 0}),
        name=name,
        violation_error_message=_("Amounts cannot be negative."),
    )


class Campaign(models.Model):
    """A campaign year of a region with its targets (e.g. 8.6 billion yuan, 12 into production)."""

    region = models.ForeignKey(Region, verbose_name=_("region"), on_delete=models.PROTECT)
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    name = models.CharField(_("name"), max_length=100)
    investment_target = models.DecimalField(
        _("investment target (10k yuan)"), **MONEY, default=Decimal("0")
    )
    production_target = models.PositiveSmallIntegerField(_("projects into production"), default=0)
    accelerate_target = models.PositiveSmallIntegerField(_("projects accelerated"), default=0)
    deadline_weekday = models.PositiveSmallIntegerField(
        _("weekly deadline: weekday"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(7)],
        help_text=_("1 = Monday of the following week"),
    )
    deadline_time = models.TimeField(_("weekly deadline: time"), default=dt.time(12, 0))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        ordering = ["-year", "region"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "year"],
                name="campaign_one_per_region_year",
                violation_error_message=_("The region already has a campaign for this year."),
            ),
            non_negative("investment_target", "campaign_target_not_negative"),
            models.CheckConstraint(
                condition=Q(deadline_weekday__gte=1, deadline_weekday__lte=7),
                name="campaign_deadline_weekday_range",
                violation_error_message=_("The weekday must be between 1 and 7."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.year, 1, 1)

    @property
    def last_day(self) -> dt.date:
        return dt.date(self.year, 12, 31)

    @property
    def first_week(self) -> dt.date:
        """The Monday of the campaign's first ISO week (see ``weeks.campaign_year``)."""
        return weeks.campaign_first_week(self.year)

    @property
    def last_week(self) -> dt.date:
        """The Monday of the campaign's last ISO week: 2026-W53 for 2026."""
        return weeks.campaign_last_week(self.year)

    def holds_week(self, monday: dt.date) -> bool:
        """Whether the ISO week of ``monday`` is one of this campaign's weeks."""
        return weeks.campaign_year(monday) == self.year

    def deadline_of(self, monday: dt.date) -> dt.datetime:
        return weeks.report_deadline(monday, self.deadline_weekday, self.deadline_time)


class TaskForce(models.Model):
    """The task force (专班) that pushes a project through."""

    campaign = models.ForeignKey(Campaign, verbose_name=_("campaign"), on_delete=models.CASCADE)
    name = models.CharField(_("name"), max_length=100)
    head = models.CharField(_("head"), max_length=50, blank=True)
    members = models.TextField(_("members"), blank=True, max_length=2000)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("task force")
        verbose_name_plural = _("task forces")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class PageMark(models.Model):
    """Whether a project's history row changes what the managers' kept pages draw
    (``projects.page_marks``). The database's default, a change, is what every writer that
    does not know of it leaves: simple-history's rows and scoring's bulk copies alike."""

    changes_pages = models.BooleanField(_("changes the kept pages"), default=True, db_default=True)

    class Meta:
        abstract = True


class Project(models.Model):
    """A key project of a campaign, owned by one leader and one responsible unit."""

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("campaign"), on_delete=models.PROTECT, related_name="projects"
    )
    code = models.CharField(_("code"), max_length=30)
    name = models.CharField(_("name"), max_length=200)
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    unit = models.ForeignKey(
        Unit, verbose_name=_("responsible unit"), on_delete=models.PROTECT, related_name="projects"
    )
    leader = models.ForeignKey(
        Leader,
        verbose_name=_("responsible leader"),
        on_delete=models.PROTECT,
        related_name="projects",
    )
    task_force = models.ForeignKey(
        TaskForce, verbose_name=_("task force"), null=True, blank=True, on_delete=models.SET_NULL
    )
    target = models.CharField(_("annual target"), max_length=20, choices=TargetKind.choices)
    stage = models.CharField(
        _("stage"), max_length=20, choices=Stage.choices, default=Stage.PREPARATION
    )
    total_investment = models.DecimalField(_("total investment (10k yuan)"), **MONEY)
    annual_plan = models.DecimalField(
        _("annual plan (10k yuan)"),
        **MONEY,
        default=Decimal("0"),
        help_text=_("The sum of the monthly plan"),
    )
    ytd_investment = models.DecimalField(
        _("investment done this year (10k yuan)"),
        **MONEY,
        default=Decimal("0"),
        help_text=_("From the latest submitted weekly report"),
    )
    location = models.CharField(_("location"), max_length=200, blank=True)
    # Where the site is (WGS-84, as a phone's GPS writes it): photos are checked against it.
    lat = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )  # fmt: skip
    lon = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )  # fmt: skip
    outline = models.JSONField(
        _("site outline (GeoJSON)"), null=True, blank=True, validators=[geo.validate_outline],
        help_text=_("Optional: the site's boundary as a GeoJSON Polygon."),
    )  # fmt: skip
    owner = models.CharField(_("owner company"), max_length=200, blank=True)
    description = models.TextField(_("construction content"), blank=True, max_length=5000)
    # From the district's own register (建设起止年限, 年度建设目标, 备注).
    start_year = models.PositiveSmallIntegerField(
        _("construction starts (year)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1990), MaxValueValidator(2100)],
    )
    end_year = models.PositiveSmallIntegerField(
        _("construction ends (year)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1990), MaxValueValidator(2100)],
    )
    annual_goal = models.TextField(_("annual construction goal"), blank=True, max_length=5000)
    remarks = models.TextField(_("remarks"), blank=True, max_length=5000)
    # The latest card, written by the scoring run so lists can filter without a join.
    card = models.CharField(_("card"), max_length=10, choices=Card.choices, blank=True)
    history = HistoricalRecords(bases=[PageMark])

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        ordering = ["campaign", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "code"],
                name="project_code_unique_in_campaign",
                violation_error_message=_("A project with this code already exists."),
            ),
            non_negative("total_investment", "project_total_not_negative"),
            non_negative("annual_plan", "project_plan_not_negative"),
            non_negative("ytd_investment", "project_ytd_not_negative"),
            models.CheckConstraint(
                condition=(Q(lat__isnull=True) & Q(lon__isnull=True))
                | Q(lat__gte=-90, lat__lte=90, lon__gte=-180, lon__lte=180),
                name="project_location_complete_and_on_earth",
                violation_error_message=_(
                    "A location needs both latitude (−90…90) and longitude (−180…180)."
                ),
            ),
            models.CheckConstraint(
                condition=Q(start_year__isnull=True)
                | Q(end_year__isnull=True)
                | Q(start_year__lte=F("end_year")),
                name="project_years_in_order",
                violation_error_message=_("Construction cannot end before it starts."),
            ),
        ]
        indexes = [models.Index(fields=["campaign", "unit"]), models.Index(fields=["leader"])]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("projects:detail", args=[self.pk])


class MonthlyPlan(models.Model):
    """How much of the annual plan is due to be invested in a month."""

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="monthly_plans"
    )
    month = models.PositiveSmallIntegerField(
        _("month"), validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    amount = models.DecimalField(_("amount (10k yuan)"), **MONEY)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("monthly plan")
        verbose_name_plural = _("monthly plans")
        ordering = ["project", "month"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "month"],
                name="plan_one_per_month",
                violation_error_message=_("The month already has a plan."),
            ),
            models.CheckConstraint(
                condition=Q(month__gte=1, month__lte=12),
                name="plan_month_range",
                violation_error_message=_("The month must be between 1 and 12."),
            ),
            non_negative("amount", "plan_amount_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.project} {self.month}月"


class Milestone(models.Model):
    """A node (节点) of the annual target: start of works, topping out, production…"""

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="milestones"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=NodeKind.choices)
    name = models.CharField(_("name"), max_length=100)
    planned_date = models.DateField(_("planned date"))
    reached_on = models.DateField(_("reached on"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["project", "planned_date"]

    def __str__(self) -> str:
        return self.name


# The one rule for which weekly reports count, wherever a figure or a "reported" is read
# (scoring, the dashboard and its forecast, the reports, reminders, the project's own figure):
# submitted, accepted, and returned after submission — it was submitted, the supervisor wants
# a correction, and its figure stands until the corrected one comes. A draft counts as missing.
COUNTED = Q(status__in=[ReportStatus.SUBMITTED, ReportStatus.ACCEPTED]) | Q(
    status=ReportStatus.RETURNED, submitted_at__isnull=False
)


def counted_via(relation: str) -> Q:
    """``COUNTED`` read through a relation to the reports (``"reports"`` from a project), for a
    join's condition (a FilteredRelation) rather than a filter on the reports themselves."""

    def prefixed(q: Q) -> Q:
        children: list[Any] = []
        for child in q.children:
            if isinstance(child, Q):
                children.append(prefixed(child))
            else:
                lookup, value = cast(tuple[str, Any], child)
                children.append((f"{relation}__{lookup}", value))
        return Q(*children, _connector=q.connector, _negated=q.negated)

    return prefixed(COUNTED)


class WeeklyReport(models.Model):
    """One project's progress for one ISO week. Submitted is final unless returned."""

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.PROTECT, related_name="reports"
    )
    week = WeekField(_("week"), help_text=_("The Monday of the ISO week"))
    status = models.CharField(
        _("status"), max_length=12, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices)
    ytd_investment = models.DecimalField(_("investment done this year (10k yuan)"), **MONEY)
    investment_source = models.CharField(
        _("source of the figure"),
        max_length=12,
        choices=InvestmentSource.choices,
        default=InvestmentSource.UNIT_REPORT,
    )
    correction_note = models.TextField(
        _("correction"),
        blank=True,
        max_length=2000,
        help_text=_("Why the figure is lower than last week's, if it is"),
    )
    progress = models.TextField(_("progress this week"), max_length=5000)
    next_plan = models.TextField(_("plan for next week"), blank=True, max_length=5000)
    problems = models.TextField(_("problems met"), blank=True, max_length=5000)
    is_late = models.BooleanField(_("late"), default=False)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    return_reason = models.TextField(_("reason for return"), blank=True, max_length=2000)
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # Optimistic lock: a save must name the version it was edited from.
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("weekly report")
        verbose_name_plural = _("weekly reports")
        ordering = ["project", "-week"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "week"],
                name="report_one_per_project_week",
                violation_error_message=_("This project already has a report for this week."),
            ),
            non_negative("ytd_investment", "report_ytd_not_negative"),
            monday_constraint("week", name="report_week_is_monday"),
            models.CheckConstraint(
                condition=~Q(status=ReportStatus.MISSING),
                name="report_status_not_missing",
                violation_error_message=_("A stored report cannot be missing."),
            ),
            models.CheckConstraint(
                condition=~Q(status=ReportStatus.RETURNED) | ~Q(return_reason=""),
                name="report_return_has_reason",
                violation_error_message=_("A returned report needs a reason."),
            ),
        ]
        # updated_at: the API's incremental feed (?updated_since=) reads the latest changes.
        # The review queue reads only the submitted few of a province's two million reports.
        indexes = [
            models.Index(fields=["week", "status"]),
            models.Index(fields=["updated_at"]),
            models.Index(
                fields=["project", "week"],
                condition=models.Q(status=ReportStatus.SUBMITTED),
                name="report_awaiting_review_idx",
            ),
            # The league reads every project's counted figure of two weeks: from the index
            # alone (an index-only scan), not from 40,000 heap pages spread by project.
            models.Index(
                fields=["week", "project"],
                include=["ytd_investment"],
                condition=COUNTED,
                name="report_counted_week_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.project} {self.week_label}"

    def get_absolute_url(self) -> str:
        return reverse("projects:report", args=[self.pk])

    @property
    def week_label(self) -> str:
        return weeks.week_label(self.week)

    @property
    def is_editable(self) -> bool:
        return self.status in (ReportStatus.DRAFT, ReportStatus.RETURNED)

    @property
    def is_counted(self) -> bool:
        """Whether the report counts (the rule of ``COUNTED``)."""
        if self.status == ReportStatus.RETURNED:
            return self.submitted_at is not None
        return self.status in (ReportStatus.SUBMITTED, ReportStatus.ACCEPTED)


class NodeReached(models.Model):
    """A milestone the report says was reached, with the date."""

    report = models.ForeignKey(
        WeeklyReport, verbose_name=_("report"), on_delete=models.CASCADE, related_name="nodes"
    )
    milestone = models.ForeignKey(Milestone, verbose_name=_("milestone"), on_delete=models.CASCADE)
    reached_on = models.DateField(_("reached on"))

    class Meta:
        verbose_name = _("node reached")
        verbose_name_plural = _("nodes reached")
        constraints = [
            models.UniqueConstraint(
                fields=["report", "milestone"],
                name="node_once_per_report",
                violation_error_message=_("The node is already in this report."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.milestone} {self.reached_on}"


def photo_path(instance: "SitePhoto", filename: str) -> str:
    return f"photos/{instance.report.project.campaign.year}/{instance.report.project_id}/{filename}"


class SitePhoto(models.Model):
    """A photo of the site attached to a weekly report."""

    report = models.ForeignKey(
        WeeklyReport, verbose_name=_("report"), on_delete=models.CASCADE, related_name="photos"
    )
    image = models.ImageField(_("photo"), upload_to=photo_path)
    caption = models.CharField(_("caption"), max_length=200, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    # Read from the original before it was re-encoded (the stored JPEG has no metadata).
    exif = models.JSONField(_("EXIF of the original"), default=dict, blank=True)
    taken_at = models.DateTimeField(_("taken at"), null=True, blank=True)
    taken_lat = models.FloatField(_("latitude taken"), null=True, blank=True)
    taken_lon = models.FloatField(_("longitude taken"), null=True, blank=True)
    # The 64-bit perceptual hash (signed, as PostgreSQL's bigint) and its four 16-bit bands:
    # photos within 11 bits have a band within 2 bits, so the bands' indexes find the candidates.
    phash = models.BigIntegerField(_("perceptual hash"), null=True, blank=True)
    band0 = models.IntegerField(null=True, blank=True, db_index=True)
    band1 = models.IntegerField(null=True, blank=True, db_index=True)
    band2 = models.IntegerField(null=True, blank=True, db_index=True)
    band3 = models.IntegerField(null=True, blank=True, db_index=True)
    duplicate_of = models.ForeignKey(
        "self", verbose_name=_("near-duplicate of"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    duplicate_bits = models.PositiveSmallIntegerField(
        _("bits apart from the duplicate"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("site photo")
        verbose_name_plural = _("site photos")
        ordering = ["uploaded_at"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(taken_lat__isnull=True) & Q(taken_lon__isnull=True))
                | Q(taken_lat__gte=-90, taken_lat__lte=90, taken_lon__gte=-180, taken_lon__lte=180),
                name="photo_gps_complete_and_on_earth",
                violation_error_message=_("A GPS position needs both coordinates on Earth."),
            ),
            models.CheckConstraint(
                condition=Q(duplicate_of__isnull=True) | Q(duplicate_bits__isnull=False),
                name="photo_duplicate_has_distance",
                violation_error_message=_("A near-duplicate says how far apart the hashes are."),
            ),
        ]

    def __str__(self) -> str:
        return self.caption or self.image.name or ""

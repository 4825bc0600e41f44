"""The incremental feed: what changed since a moment, for a city's or a province's
installation that pulls a district's figures instead of retyping them (``?updated_since=``,
an ISO datetime; without an offset it is Beijing time). Paged like every list; each row says
when it last changed, so the reader asks next time from the latest ``updated_at`` it saw.

Projects change through their history (every change is recorded, the scoring run's card moves
too), weekly reports through their ``updated_at``, scores through ``scored_at``.
"""

import datetime as dt

from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, viewsets
from rest_framework.exceptions import ValidationError

from config import dates
from projects import weeks
from projects.history import last_changed
from projects.models import WeeklyReport
from projects.scope import reports_for

UPDATED_SINCE = OpenApiParameter(
    "updated_since",
    OpenApiTypes.DATETIME,
    description="Only rows changed at or after this moment (ISO 8601; Beijing time if naive), "
    "oldest change first",
)


def parse_since(text: str | None) -> dt.datetime | None:
    """The moment of ``?updated_since=``; a 400 for anything that is not an ISO datetime."""
    if not text:
        return None
    moment = None
    if len(text) <= 40:
        for candidate in (text, text.replace(" ", "+")):  # "+08:00" not URL-encoded: a space
            try:
                moment = parse_datetime(candidate)
            except ValueError:
                moment = None
            if moment is not None:
                break
    if moment is None:
        raise ValidationError(
            {"updated_since": _("An ISO 8601 datetime, e.g. 2026-11-23T12:00+08:00.")}
        )
    if timezone.is_naive(moment):
        moment = moment.replace(tzinfo=weeks.SHANGHAI)
    # A year outside those a date may have (config.dates) is a typo, answered as one; in UTC,
    # for PostgreSQL refuses an offset beyond ±15:59 that Python accepts (-21:17).
    if not dates.in_range(moment.date()):
        raise ValidationError({"updated_since": dates.out_of_range_message()})
    return moment.astimezone(dt.UTC)


class UpdatedSinceMixin:
    """``?updated_since=`` on a list: the rows whose ``changed_field`` is at or after it,
    oldest change first (then by id), so a reader can page through and resume."""

    changed_field = "updated_at"

    def with_changed(self, queryset):
        return queryset

    def filter_queryset(self, queryset):
        queryset = self.with_changed(super().filter_queryset(queryset))
        since = parse_since(self.request.query_params.get("updated_since"))
        if since is None:
            return queryset
        return queryset.filter(**{f"{self.changed_field}__gte": since}).order_by(
            self.changed_field, "pk"
        )


class ProjectFeedMixin(UpdatedSinceMixin):
    """Projects say when they last changed (``changed_at``, from their history)."""

    changed_field = "changed_at"

    def with_changed(self, queryset):
        return queryset.annotate(changed_at=last_changed())


class WeeklyReportSerializer(serializers.ModelSerializer):
    project_code = serializers.CharField(source="project.code")
    campaign = serializers.IntegerField(source="project.campaign.year")
    region = serializers.CharField(source="project.campaign.region.code")
    week = serializers.SerializerMethodField()

    class Meta:
        model = WeeklyReport
        fields = [
            "id",
            "project",
            "project_code",
            "campaign",
            "region",
            "week",
            "status",
            "stage",
            "ytd_investment",
            "investment_source",
            "progress",
            "next_plan",
            "problems",
            "is_late",
            "submitted_at",
            "reviewed_at",
            "updated_at",
        ]

    def get_week(self, obj) -> str:
        return weeks.week_label(obj.week)


@extend_schema(parameters=[UPDATED_SINCE])
class WeeklyReportViewSet(UpdatedSinceMixin, viewsets.ReadOnlyModelViewSet):
    """Weekly reports of the projects the user may see, newest week first (or, with
    ``updated_since``, oldest change first)."""

    serializer_class = WeeklyReportSerializer
    queryset = WeeklyReport.objects.none()

    def get_queryset(self):
        return (
            reports_for(self.request.user)
            .select_related("project__campaign__region")
            .order_by("-week", "project__code")
        )

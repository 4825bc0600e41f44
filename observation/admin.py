"""Admin: the rounds are kept by supervisors (with their history); the sheets are read-only
records, written on the on-site pages. Both are scoped to the user's region (``ScopedAdmin``,
the paths in ``audit.admin_mixins.REGION_PATHS``)."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from audit.admin_mixins import ReadOnlyAdmin, ScopedAdmin

from .models import ObservationRound, ObservationScore


@admin.register(ObservationRound)
class ObservationRoundAdmin(ScopedAdmin, SimpleHistoryAdmin):
    list_display = ("name", "campaign", "held_on", "status")
    list_filter = ("status",)


@admin.register(ObservationScore)
class ObservationScoreAdmin(ReadOnlyAdmin, SimpleHistoryAdmin):
    list_display = ("round", "project", "inspector", "score", "scored_at")
    list_filter = ("round",)

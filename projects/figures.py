"""Each project's year-to-date figure as of a week: its latest counted report up to that week."""

import datetime as dt

from django.db.models import FilteredRelation, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from .models import COUNTED, Project, WeeklyReport, counted_via

WEEK = dt.timedelta(weeks=1)


def joined_weeks(projects: QuerySet[Project], first: dt.date, week: dt.date) -> QuerySet[Project]:
    """``projects`` joined to their counted report of ``week`` (``now``) and of the week before
    (``then``), neither before ``first``: two index reads of one week each (the reports'
    counted-week index) instead of one search per project. A project has one report a week, so
    the joins add no rows."""
    counted = counted_via("reports")
    return projects.order_by().annotate(
        now=FilteredRelation(
            "reports", condition=Q(reports__week=week, reports__week__gte=first) & counted
        ),
        then=FilteredRelation(
            "reports", condition=Q(reports__week=week - WEEK, reports__week__gte=first) & counted
        ),
    )


def older(first: dt.date, week: dt.date) -> Subquery:
    """The latest counted figure from ``first`` up to two weeks before ``week``, for a project of
    ``joined_weeks`` counted in neither joined week (COALESCE asks for it only then)."""
    return Subquery(
        WeeklyReport.objects.filter(
            COUNTED, project=OuterRef("pk"), week__gte=first, week__lte=week - 2 * WEEK
        )
        .order_by("-week")
        .values("ytd_investment")[:1]
    )


def as_of(first: dt.date, week: dt.date) -> Coalesce:
    """A ``joined_weeks`` project's figure as of ``week``."""
    return Coalesce("now__ytd_investment", "then__ytd_investment", older(first, week))


def as_of_week_before(first: dt.date, week: dt.date) -> Coalesce:
    """A ``joined_weeks`` project's figure as of the week before ``week``."""
    return Coalesce("then__ytd_investment", older(first, week))

"""Problems for the reports, campaign-wide (the scheduled job has no user to scope by): open
and overdue by department, the overdue list for the dispatch pack, meeting decisions falling due.

Open and overdue mean what they mean on the problem pages (problems.selectors.count_aggregates),
seen at the close of the period: the day after its last day.
"""

import datetime as dt

from django.db.models import F

from projects import weeks
from projects.models import Campaign

from .labels import PROBLEM_LEVELS, PROBLEM_STATUSES, UNROUTED_DEPARTMENT


def _base(campaign: Campaign, close: dt.date):
    from problems.models import Problem

    end = dt.datetime.combine(close, dt.time(0), tzinfo=weeks.SHANGHAI)
    return Problem.objects.filter(project__campaign=campaign, created_at__lt=end).order_by()


def by_department(campaign: Campaign, last_day: dt.date) -> dict:
    """Open, overdue and solved problems in all and per department: one grouped query."""
    from problems.selectors import count_aggregates

    close = last_day + dt.timedelta(days=1)
    rows = list(
        _base(campaign, close)
        .values("department_id", "department__name", "department__short_name")
        .annotate(**count_aggregates(close))
        .order_by("-overdue", "-open", "department__name")
    )
    departments = [
        {
            "department": row["department__short_name"]
            or row["department__name"]
            or UNROUTED_DEPARTMENT,
            "open": row["open"],
            "overdue": row["overdue"],
            "solved": row["solved"],
            "avg_days": None if row["avg_days"] is None else round(float(row["avg_days"]), 1),
        }
        for row in rows
        if row["open"] or row["overdue"]
    ]
    total = {key: sum(row[key] for row in rows) for key in ("open", "overdue", "solved")}
    return {"total": total, "departments": departments}


def overdue_list(campaign: Campaign, last_day: dt.date, limit: int = 200) -> list[dict]:
    """Open problems overdue or escalated at the close of the period, by department, highest
    level and oldest deadline first: the dispatch meeting's agenda."""
    from problems.choices import CLOCK_RUNS, OPEN

    close = last_day + dt.timedelta(days=1)
    base = _base(campaign, close).filter(status__in=OPEN)
    rows = (
        (base.filter(status__in=CLOCK_RUNS, deadline__lt=close) | base.filter(level__gt=0))
        .order_by(F("department__name").asc(nulls_first=True), "-level", "deadline", "pk")
        .values_list(
            "pk",
            "title",
            "project__name",
            "project__unit__short_name",
            "department__short_name",
            "department__name",
            "deadline",
            "level",
            "status",
        )[:limit]
    )
    return [
        {
            "id": pk,
            "title": title,
            "project": project,
            "unit": unit,
            "department": short or name or UNROUTED_DEPARTMENT,
            "deadline": deadline,
            "days_overdue": max((close - deadline).days, 0),
            "level": PROBLEM_LEVELS.get(level, str(level)),
            "status": PROBLEM_STATUSES.get(status, status),
        }
        for pk, title, project, unit, short, name, deadline, level, status in rows
    ]


def decisions_due(campaign: Campaign, last_day: dt.date, ahead_days: int = 14) -> list[dict]:
    """Decisions of earlier dispatch meetings still open and due by the next meeting."""
    from problems.choices import OPEN, Origin

    close = last_day + dt.timedelta(days=1)
    rows = (
        _base(campaign, close)
        .filter(
            origin=Origin.MEETING,
            status__in=OPEN,
            deadline__lte=last_day + dt.timedelta(days=ahead_days),
        )
        .order_by("deadline", "pk")
        .values_list(
            "title",
            "project__name",
            "department__short_name",
            "department__name",
            "deadline",
            "meeting__held_on",
            "status",
        )[:200]
    )
    return [
        {
            "title": title,
            "project": project,
            "department": short or name or UNROUTED_DEPARTMENT,
            "deadline": deadline,
            "overdue": deadline < close,
            "meeting": held_on,
            "status": PROBLEM_STATUSES.get(status, status),
        }
        for title, project, short, name, deadline, held_on, status in rows
    ]


def per_project(campaign: Campaign, last_day: dt.date) -> dict[int, tuple[int, int]]:
    """Per project: (problems raised in the campaign by the close, of which still overdue)."""
    from django.db.models import Count, Q

    from problems.choices import CLOCK_RUNS

    close = last_day + dt.timedelta(days=1)
    return {
        pid: (raised, overdue)
        for pid, raised, overdue in _base(campaign, close)
        .values("project_id")
        .annotate(
            raised=Count("pk"),
            overdue=Count("pk", filter=Q(status__in=CLOCK_RUNS, deadline__lt=close)),
        )
        .values_list("project_id", "raised", "overdue")
    }

"""Reminding reporters before the weekly deadline, only while their reports are still missing,
once per unit and week (the unique ``Reminder`` row is the proof it was decided)."""

import datetime as dt
from collections import defaultdict

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from config.mail import build_message
from projects import weeks
from projects.models import COUNTED, Campaign, Project, WeeklyReport

from . import data
from .delivery import claim, settle
from .models import Reminder


def reporting_window(campaign: Campaign, now: dt.datetime) -> tuple[dt.date, dt.datetime] | None:
    """The week being reported and its deadline, when ``now`` is within the reminder window
    (``REPORTS_REMINDER_HOURS`` before the deadline); None otherwise."""
    week = weeks.reporting_week(now, campaign.deadline_weekday, campaign.deadline_time)
    deadline = campaign.deadline_of(week)
    opens = deadline - dt.timedelta(hours=settings.REPORTS_REMINDER_HOURS)
    if not campaign.holds_week(week) or not opens <= now < deadline:
        return None
    return week, deadline


def missing_by_unit(campaign: Campaign, week: dt.date) -> dict[int, list[str]]:
    """Unit id → names of its projects with no counted report (``COUNTED``) for ``week``: one
    query."""
    found: dict[int, list[str]] = defaultdict(list)
    done = WeeklyReport.objects.filter(COUNTED, week=week).values("project_id")
    for unit_id, name in (
        Project.objects.filter(campaign=campaign)
        .exclude(pk__in=done)
        .order_by("unit_id", "code")
        .values_list("unit_id", "name")
    ):
        found[unit_id].append(name)
    return found


def reminders_create(now: dt.datetime | None = None) -> list[int]:
    """A reminder for each unit still missing reports in the window, unless it already had
    one this week; the ids of the new ones, to send after the commit."""
    now = now or timezone.now()
    created = []
    for campaign in Campaign.objects.filter(year__in=[now.year - 1, now.year, now.year + 1]):
        window = reporting_window(campaign, now)
        if window is None:
            continue
        week, _deadline = window
        missing = missing_by_unit(campaign, week)
        people = data.reporters(missing)
        with transaction.atomic():
            for unit_id, names in missing.items():
                emails = [u.email for u in people.get(unit_id, []) if u.email]
                if not emails:
                    continue
                reminder, new = Reminder.objects.get_or_create(
                    campaign=campaign,
                    unit_id=unit_id,
                    week=week,
                    defaults={"missing": len(names), "recipients": "\n".join(emails)},
                )
                if new:
                    created.append(reminder.pk)
    return created


def reminder_send(pk: int, *, final: bool = False) -> bool:
    """Send a reminder if this caller wins the claim, naming the projects still missing now
    (a unit that has caught up since is not mailed)."""
    if not claim(Reminder, pk):
        return False
    reminder = Reminder.objects.select_related("campaign", "unit").get(pk=pk)
    names = missing_by_unit(reminder.campaign, reminder.week).get(reminder.unit_id, [])
    if not names:
        Reminder.objects.filter(pk=pk).update(status="sent", last_error="caught up; not sent")
        return False
    context = {
        "unit": reminder.unit.name,
        "week_display": f"{weeks.week_label(reminder.week)}（{reminder.week:%m月%d日}起）",
        "deadline": reminder.campaign.deadline_of(reminder.week),
        "missing": len(names),
        "projects": names,
        "url": settings.SITE_URL.rstrip("/") + reverse("projects:this_week"),
    }
    try:
        build_message("reports/reminder", context, reminder.recipients.split()).send(
            fail_silently=False
        )
    except Exception as exc:
        settle(Reminder, pk, exc, final)
        raise
    settle(Reminder, pk, None, final)
    return True

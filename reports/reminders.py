"""Reminding reporters before the weekly deadline, only while their reports are still missing,
once per unit and week (the unique ``Reminder`` row is the proof it was decided; its messages
are in the outbox, whose guard ``still_missing`` drops them when the unit has caught up)."""

import datetime as dt
from collections import defaultdict

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from outbox import notify
from outbox.choices import Kind
from projects import weeks
from projects.models import COUNTED, Campaign, Project, WeeklyReport

from . import data
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
    one this week, and its messages to the unit's reporters; the ids of the new reminders."""
    now = now or timezone.now()
    created = []
    for campaign in Campaign.objects.filter(year__in=[now.year - 1, now.year, now.year + 1]):
        window = reporting_window(campaign, now)
        if window is None:
            continue
        week, deadline = window
        missing = missing_by_unit(campaign, week)
        people = data.reporters(missing)
        with transaction.atomic():
            for unit_id, names in missing.items():
                if not people.get(unit_id):
                    continue
                reminder, new = Reminder.objects.get_or_create(
                    campaign=campaign, unit_id=unit_id, week=week, defaults={"missing": len(names)}
                )
                if not new:
                    continue
                created.append(reminder.pk)
                notify(
                    kind=Kind.REMINDER,
                    title=f"{reminder.unit.name}：{weeks.week_label(week)}（{week:%m月%d日}起）周报"
                    f"将于{deadline.astimezone(weeks.SHANGHAI):%m月%d日 %H:%M}截止，"
                    f"尚有{len(names)}个项目未提交",
                    detail="、".join(names[:10]) + ("等" if len(names) > 10 else ""),
                    path=reverse("projects:this_week"),
                    users=people[unit_id],
                    region=campaign.region,
                    ref=f"reminder:{reminder.pk}",
                    context={"reminder_id": reminder.pk},
                    once=f"reminder:{reminder.pk}",
                    now=now,
                )
    return created


def still_missing(message) -> bool:
    """The outbox's guard for a reminder: still worth sending only before the deadline and
    while the unit has a project without a submitted report."""
    reminder = (
        Reminder.objects.select_related("campaign")
        .filter(pk=message.context.get("reminder_id"))
        .first()
    )
    if reminder is None or timezone.now() >= reminder.campaign.deadline_of(reminder.week):
        return False
    return bool(missing_by_unit(reminder.campaign, reminder.week).get(reminder.unit_id))

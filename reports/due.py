"""Which reports are due now, and building them: what the hourly beat task runs.

For each kind, the period that ended most recently is due once the reporting deadline of its
last week has passed and that week is scored (or a day later without scores, so a broken
scoring run does not hold the bulletin forever); the monthly and longer reports wait for a
working day of China's calendar (``projects.workdays``: holidays off, 调休 weekends on), so the
monthly bulletin comes out on the first working day of the month. A period already built is
never built again by the schedule; older periods are built by hand (``build_report``).
"""

import datetime as dt
import logging

from django.utils import timezone

from projects import weeks, workdays
from projects.models import Campaign
from scoring.models import ScoringRun

from .models import Report
from .periods import KINDS, Period, latest_ended, periods_of_year
from .services import ReportError, report_build

log = logging.getLogger(__name__)
GRACE = dt.timedelta(days=1)


def is_ready(campaign: Campaign, period: Period, now: dt.datetime) -> bool:
    last = period.last_week
    deadline = campaign.deadline_of(last)
    if now < deadline:
        return False
    if (
        now < deadline + GRACE
        and not ScoringRun.objects.filter(campaign=campaign, week=last).exists()
    ):
        return False
    return period.is_weekly or workdays.is_working_day(weeks.local_today(now))


def reports_due(now: dt.datetime, kinds=KINDS) -> list[tuple[Campaign, Period]]:
    """(campaign, period) of every report due and not yet built, oldest period first."""
    today = weeks.local_today(now)
    due = []
    for kind in kinds:
        period = latest_ended(kind, today)
        built = set(
            Report.objects.filter(kind=kind, period=period.label).values_list(
                "campaign_id", flat=True
            )
        )
        for campaign in Campaign.objects.filter(year=period.year).select_related("region"):
            if campaign.pk not in built and is_ready(campaign, period, now):
                due.append((campaign, period))
    return sorted(due, key=lambda item: (item[1].end, item[0].pk))


def build_due_reports(now: dt.datetime | None = None) -> list[Report]:
    """Build every due report (revision 1) and queue its e-mails; safe to run twice."""
    now = now or timezone.now()
    built = []
    for campaign, period in reports_due(now):
        try:
            built.append(report_build(campaign=campaign, period=period, first_only=True))
        except ReportError as exc:
            log.info("skipped: %s", " ".join(exc.messages))
    return built


# How many of the latest past periods the archive of a new installation starts with: every
# month, quarter and half of the year, and the last weeks' digests and dispatch packs.
BACKFILL = {"weekly": 4, "biweekly": 2, "monthly": 12, "quarterly": 4, "halfyear": 2, "annual": 1}


def reports_backfill(
    *, campaign: Campaign, now: dt.datetime | None = None, recent: dict[str, int] = BACKFILL
) -> list[Report]:
    """Build the campaign's past periods that are ready and not built yet (at most the last
    ``recent[kind]`` of each kind), so a fresh installation's archive is not empty until the
    next hourly run. Nobody is mailed: these are the past, not news. Safe to run twice."""
    now = now or timezone.now()
    today = weeks.local_today(now)
    built = []
    for kind in KINDS:
        ended = [p for p in periods_of_year(kind, campaign.year) if p.end < today]
        for period in ended[-recent.get(kind, 0) :] if recent.get(kind) else []:
            if not is_ready(campaign, period, now):
                continue
            try:
                built.append(
                    report_build(campaign=campaign, period=period, first_only=True, send=False)
                )
            except ReportError:
                continue  # built already
    return built

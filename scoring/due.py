"""Which weeks need scoring now, and scoring them: what the beat task runs every half hour.

A week is due once its reporting deadline (the rubric's) has passed. It needs scoring when it
has no run yet — the broker was down, or the worker was — or when its run is stale: a report of
the week or of the weeks the flags look back on changed after the run, or the campaign's number
of projects changed. Adjustments and exemptions rescore their weeks at once and need no run.
"""

import dataclasses
import datetime as dt

from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from projects import weeks
from projects.models import Campaign, Project, WeeklyReport

from .inputs import WEEK, campaign_weeks, history_weeks
from .models import ScoringRun
from .results import CARD_LABELS
from .services import score_campaign_week
from .versions import rubric_version_current


@dataclasses.dataclass
class Outcome:
    """One week scored by :func:`score_due_weeks`."""

    campaign: Campaign
    week: dt.date
    why: str  # "new" or "changed"
    counts: dict[str, int]

    def __str__(self) -> str:
        counts = "，".join(f"{CARD_LABELS[card]} {n}" for card, n in self.counts.items())
        why = "新评" if self.why == "new" else "重评"
        return f"{self.campaign.name} {weeks.week_label(self.week)}（{why}）：{counts}"


def due_weeks(campaign: Campaign, now: dt.datetime, rubric=None) -> list[dt.date]:
    """The campaign's weeks whose reporting deadline (the current rubric's) has passed."""
    rubric = rubric or rubric_version_current(campaign).rubric
    return [
        monday
        for monday in campaign_weeks(campaign)
        if weeks.report_deadline(monday, rubric.deadline_weekday, rubric.deadline_time) <= now
    ]


def weeks_to_score(campaign: Campaign, now: dt.datetime) -> list[tuple[dt.date, str]]:
    """Due weeks without a run, and runs made stale by a later report change; oldest first.
    Four queries whatever the number of weeks and projects."""
    rubric = rubric_version_current(campaign).rubric
    due = due_weeks(campaign, now, rubric)
    if not due:
        return []
    runs, projects = {}, {}
    for monday, scored_at, count in ScoringRun.objects.filter(campaign=campaign).values_list(
        "week", "scored_at", "projects"
    ):
        runs[monday], projects[monday] = scored_at, count
    todo = [(monday, "new") for monday in due if monday not in runs]
    if runs:
        count = Project.objects.filter(campaign=campaign).count()
        changed = dict(
            WeeklyReport.objects.filter(
                project__campaign=campaign, updated_at__gt=min(runs.values())
            )
            .values("week")
            .annotate(last=Max("updated_at"))
            .values_list("week", "last")
        )
        reach = WEEK * (history_weeks(rubric) - 1)
        for monday, scored_at in runs.items():
            touched = any(
                last > scored_at
                for week, last in changed.items()
                if monday - reach <= week <= monday
            )
            if touched or projects[monday] != count:
                todo.append((monday, "changed"))
    return sorted(todo)


def _campaigns(now: dt.datetime):
    return Campaign.objects.filter(year__lte=weeks.local_today(now).year + 1).order_by("year", "pk")


def campaigns_to_score(now: dt.datetime | None = None) -> list[int]:
    """The ids of the campaigns with a week to score now (:func:`weeks_to_score`)."""
    now = now or timezone.now()
    return [campaign.pk for campaign in _campaigns(now) if weeks_to_score(campaign, now)]


def score_due_weeks(
    *, now: dt.datetime | None = None, campaign_ids=None, user: User | None = None
) -> list[Outcome]:
    """Score every week that needs it, of every campaign (or of ``campaign_ids``), each week in
    its own transaction so a stopped worker loses at most one week. Safe to run twice."""
    now = now or timezone.now()
    campaigns = _campaigns(now)
    if campaign_ids is not None:
        campaigns = campaigns.filter(pk__in=campaign_ids)
    outcomes = []
    for campaign in campaigns:
        for monday, why in weeks_to_score(campaign, now):
            reason = ""
            if why == "changed":
                reason = _("Week %(week)s rescored: a report changed") % {
                    "week": weeks.week_label(monday)
                }
            scored = score_campaign_week(campaign=campaign, week=monday, user=user, reason=reason)
            counts = {"blue": 0, "yellow": 0, "red": 0}
            for item in scored:
                counts[item.result.card] += 1
            outcomes.append(Outcome(campaign, monday, why, counts))
    return outcomes

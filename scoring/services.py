"""Writes of the scoring app: score a campaign's week, adjust a score, grant an exemption,
resolve a flag. One error type: ValidationError. Rubric versions live in scoring.versions.

Scoring is idempotent: a score is written only when something in it changed, so running a week
twice gives the same rows and no new history; a change (a corrected report, an adjustment, a
new exemption) updates the row in place, its history keeping the breakdown it replaced.
"""

import datetime as dt
import gc
import threading
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Count, Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from config.history import note_change
from projects import weeks
from projects.fields import require_monday
from projects.models import Campaign, Project

from . import bulk, reasons
from .choices import FlagStatus
from .engine import Scored, compute_week
from .inputs import history_weeks, load_week
from .models import Exemption, ReportFlag, RubricVersion, ScoreAdjustment, ScoringRun, WeeklyScore
from .versions import rubric_version_for_week

BATCH = 500
SCORE_FIELDS = ["rubric_version", "total", "card", "breakdown", "exempt", "scored_at"]


def score_campaign_week(
    *,
    campaign: Campaign,
    week: dt.date,
    rubric_version: RubricVersion | None = None,
    save: bool = True,
    user: User | None = None,
    project_ids: list[int] | None = None,
    reason: str = "",
) -> list[Scored]:
    """Score every project of ``campaign`` (or only ``project_ids``, in absolute mode) for the
    week starting ``week``, under ``rubric_version`` (default: the week's own version, or the
    current one for a new week). With ``save``, upsert the scores with history, record the
    flags and the run, and move the projects' card when this is the latest scored week.

    Queries are a fixed number whatever the number of projects (writes in batches of 500).
    """
    require_monday(week)
    if not save:
        version = rubric_version or rubric_version_for_week(campaign, week)
        with _no_cycle_collection():
            return _compute(campaign, week, version, project_ids)
    with transaction.atomic(), _no_cycle_collection():
        # One scoring of a campaign at a time: a second run waits and then finds nothing new.
        Campaign.objects.select_for_update().filter(pk=campaign.pk).first()
        bulk.compress_quickly()
        started = timezone.now()
        version = rubric_version or rubric_version_for_week(campaign, week)
        if version.rubric.mode == "relative":
            project_ids = None  # a rank depends on every project of the week
        scored = _compute(campaign, week, version, project_ids)
        reason = reason or _("Scored week %(week)s") % {"week": weeks.week_label(week)}
        mine = _mine(scored)
        _save_scores(scored, week, mine, version, started, user, reason)
        _save_flags(scored, week, mine, started)
        latest = _save_run(campaign, week, version, started, scored, full=project_ids is None)
        if week >= latest:
            _move_cards(scored, week, user, started)
    return scored


class _CollectorPause:
    """Pauses Python's cycle collector while a week is scored: the run allocates a few hundred
    thousand short-lived objects, and each collection walks every live object of the process —
    a fifth of a district's scoring, more in a worker that has scored others. Reference
    counting still frees them; the cycles wait for the next collection after the run.

    The collector is the process's, not the thread's: with several threads scoring (gthread
    workers, a rescoring in a request) the first in turns it off and the last out restores it."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.depth = 0
        self.was_enabled = True

    @contextmanager
    def __call__(self) -> Iterator[None]:
        with self.lock:
            if self.depth == 0:
                self.was_enabled = gc.isenabled()
                gc.disable()
            self.depth += 1
        try:
            yield
        finally:
            with self.lock:
                self.depth -= 1
                if self.depth == 0 and self.was_enabled:
                    gc.enable()


_no_cycle_collection = _CollectorPause()


def _compute(campaign, week, version, project_ids) -> list[Scored]:
    rubric = version.rubric
    data = load_week(campaign, week, history=history_weeks(rubric), project_ids=project_ids)
    return compute_week(data, rubric)


def _mine(scored) -> Q:
    """The rows of the projects being scored (those loaded), by their ids: joined to the
    campaign's projects instead, the week's scores and the flags of every district were read
    to keep one district's."""
    return bulk.among("project_id", [item.project.pk for item in scored])


def _scores_of(scored, week, mine) -> Iterable[WeeklyScore]:
    """The stored scores of the week of the projects being scored. On PostgreSQL each looked up
    by its (project, week) key: a week being scored has no statistics yet, so the planner took
    the week's index for one row and read every district's scores of the week (1,000 of
    20,000 kept, the cost growing with each district scored before)."""
    if connection.vendor != "postgresql":
        # No order: the model's (project, campaign, region) joined two tables and sorted.
        return WeeklyScore.objects.filter(mine, week=week).order_by()
    table = connection.ops.quote_name(WeeklyScore._meta.db_table)
    return WeeklyScore.objects.raw(
        # OFFSET 0 keeps the lookup per project rather than one scan of the week.
        f"SELECT s.* FROM unnest(%s::bigint[]) AS p (id) CROSS JOIN LATERAL "
        f"(SELECT * FROM {table} w WHERE w.project_id = p.id AND w.week = %s OFFSET 0) s",
        [[item.project.pk for item in scored], week],
    )


def _save_scores(scored, week, mine, version, now, user, reason) -> None:
    """Create the new scores and update the changed ones, each with a history record; an
    unchanged score is not written at all."""
    existing = {s.project_id: s for s in _scores_of(scored, week, mine)}
    new, changed = [], []
    with reasons.in_site_language():
        breakdowns = [item.breakdown() for item in scored]
    for item, breakdown in zip(scored, breakdowns, strict=True):
        result = item.result
        score = existing.get(item.project.pk)
        if score is None:
            score = WeeklyScore(project=item.project, week=week)
            new.append(score)
        elif (score.rubric_version_id, score.total, score.card, score.exempt, score.breakdown) == (
            version.pk,
            result.total,
            result.card,
            result.exempt,
            breakdown,
        ):
            continue
        else:
            changed.append(score)
        score.rubric_version, score.total, score.card = version, result.total, result.card
        score.exempt, score.breakdown, score.scored_at = result.exempt, breakdown, now
    bulk.create_with_history(new, WeeklyScore, user=user, reason=reason, now=now)
    # One UPDATE … FROM VALUES per batch, then their "~" history copied from the rows.
    bulk.update(changed, WeeklyScore, SCORE_FIELDS)
    bulk.history_of(changed, WeeklyScore, kind="~", user=user, reason=reason, now=now)


def _save_flags(scored, week, mine, now) -> None:
    """Record the week's suspicions. One flag follows a suspicion while it continues: found
    again the week after it was last found, it is that flag's (its last week moves on, its
    evidence too while open); the supervisor's finding holds. It comes back as a new flag only
    after a week without it. A flag raised this week and no longer found when the week is
    scored again (the report was corrected) is dismissed with that finding."""
    reach = week - dt.timedelta(days=7)
    current: dict[tuple[int, str], ReportFlag] = {}
    for flag in ReportFlag.objects.filter(mine, week__lte=week, last_week__gte=reach).order_by(
        "week"
    ):
        current[(flag.project_id, flag.key)] = flag  # the latest raised wins
    found = {(item.project.pk, flag.key): flag for item in scored for flag in item.flags}
    new, changed = [], {}
    for key, flag in found.items():
        stored = current.get(key)
        if stored is None:
            new.append(
                ReportFlag(
                    project_id=key[0],
                    week=week,
                    last_week=week,
                    key=flag.key,
                    evidence=flag.evidence,
                    found_at=now,
                )
            )
            continue
        if stored.last_week < week:
            stored.last_week = week
            changed[stored.pk] = stored
        if (
            stored.status == FlagStatus.OPEN
            and stored.last_week == week
            and stored.evidence != flag.evidence
        ):
            stored.evidence = flag.evidence
            changed[stored.pk] = stored
    gone = _("No longer found when the week was scored again.")
    for key, stored in current.items():
        if key in found or stored.last_week != week:
            continue
        if stored.week == week and stored.status == FlagStatus.OPEN:
            stored.status, stored.finding, stored.resolved_at = FlagStatus.DISMISSED, gone, now
        elif stored.week < week:
            stored.last_week = reach  # it ran until last week
        changed[stored.pk] = stored
    bulk.insert(new, ReportFlag)
    bulk.update(
        list(changed.values()),
        ReportFlag,
        ["evidence", "last_week", "status", "finding", "resolved_at"],
    )


def _save_run(campaign, week, version, now, scored, *, full: bool) -> dt.date:
    """Record the week's card counts (and, for a whole-week run, when it was scored); return
    the campaign's latest scored week. A whole-week run has just stored every project's score
    of the week as scored: its counts are those of ``scored``."""
    if full:
        counts = Counter(item.result.card for item in scored)
    else:
        counts = Counter(
            dict(
                WeeklyScore.objects.filter(project__campaign=campaign, week=week)
                .order_by()
                .values("card")
                .annotate(n=Count("pk"))
                .values_list("card", "n")
            )
        )
    values = {
        "projects": sum(counts.values()),
        "blue": counts["blue"],
        "yellow": counts["yellow"],
        "red": counts["red"],
        "written_at": now,
    }
    run = ScoringRun.objects.filter(campaign=campaign, week=week).first()
    if run is None:
        ScoringRun.objects.create(
            campaign=campaign, week=week, rubric_version=version, scored_at=now, **values
        )
    else:
        if full:
            values.update(rubric_version=version, scored_at=now)
        ScoringRun.objects.filter(pk=run.pk).update(**values)
    return ScoringRun.objects.filter(campaign=campaign).aggregate(w=Max("week"))["w"]


def _move_cards(scored, week, user, now) -> None:
    """The latest scored week's card is the project's card, with a history record. One UPDATE
    per colour (its ids one array) rather than bulk_update's CASE over every row."""
    moved: dict[str, list[Project]] = {}
    for item in scored:
        if item.project.card != item.result.card:
            item.project.card = item.result.card
            moved.setdefault(item.result.card, []).append(item.project)
    for card, projects in moved.items():
        Project.objects.filter(bulk.among("pk", [p.pk for p in projects])).update(card=card)
    if moved:
        bulk.history_of(
            [project for projects in moved.values() for project in projects],
            Project, kind="~", user=user, now=now,
            reason=_("Card of week %(week)s") % {"week": weeks.week_label(week)},
        )  # fmt: skip


def rescore(score: WeeklyScore, *, user: User | None, reason: str) -> WeeklyScore:
    """Score one project's week again under the version it was scored with."""
    score_campaign_week(
        campaign=score.project.campaign,
        week=score.week,
        rubric_version=score.rubric_version,
        user=user,
        project_ids=[score.project_id],
        reason=reason,
    )
    return WeeklyScore.objects.get(pk=score.pk)


@transaction.atomic
def score_adjust(
    *, score: WeeklyScore, points, reason: str, user: User
) -> tuple[ScoreAdjustment, WeeklyScore]:
    """A supervisor's adjustment with its written reason; the week is rescored at once so the
    card changes now. The latest adjustment of a score is the one in force (0 cancels)."""
    reason = (reason or "").strip()
    errors = {}
    if not reason:
        errors["reason"] = _("Write down why the score is adjusted.")
    try:
        points = Decimal(str(points))
        if not points.is_finite() or not -100 <= points <= 100:
            raise InvalidOperation
    except InvalidOperation:
        errors["points"] = _("Enter the points as a number between -100 and 100.")
    if errors:
        raise ValidationError(errors)
    adjustment = ScoreAdjustment(score=score, points=points, reason=reason, by=user)
    adjustment.full_clean()
    adjustment.save()
    text = _("Adjusted %(points)s: %(reason)s") % {"points": f"{points:+}", "reason": reason}
    return adjustment, rescore(score, user=user, reason=text)


@transaction.atomic
def exemption_grant(
    *, project: Project, kind: str, reason: str, starts: dt.date, ends: dt.date, user: User
) -> Exemption:
    """Grant an exemption, approved by ``user`` now, and rescore the weeks it covers."""
    exemption = Exemption(
        project=project,
        kind=kind,
        reason=(reason or "").strip(),
        starts=starts,
        ends=ends,
        approved_by=user,
        approved_at=timezone.now(),
    )
    exemption.full_clean()
    note_change(exemption, reason=_("Granted"), user=user)
    exemption.save()
    text = _("Exemption granted: %(reason)s") % {"reason": exemption.reason}
    for score in WeeklyScore.objects.filter(
        project=project, week__lte=ends, week__gte=starts - dt.timedelta(days=6)
    ).select_related("project__campaign", "rubric_version"):
        rescore(score, user=user, reason=text)
    return exemption


@transaction.atomic
def exemption_revoke(
    *, exemption: Exemption, reason: str, from_day: dt.date, user: User
) -> Exemption:
    """Revoke an exemption from ``from_day`` on (its first day: as if never granted), with the
    reason, on record; the weeks it no longer covers are rescored at once."""
    exemption = Exemption.objects.select_for_update().get(pk=exemption.pk)
    reason = (reason or "").strip()
    errors = {}
    if exemption.is_revoked:
        errors["reason"] = _("This exemption was revoked already.")
    if not reason:
        errors["reason"] = _("Write down why the exemption is revoked.")
    if from_day is None or not exemption.starts <= from_day <= exemption.ends:
        errors["from_day"] = _("Choose a day the exemption covers (%(starts)s to %(ends)s).") % {
            "starts": exemption.starts.isoformat(),
            "ends": exemption.ends.isoformat(),
        }
    if errors:
        raise ValidationError(errors)
    exemption.revoked_from, exemption.revoked_reason = from_day, reason
    exemption.revoked_by, exemption.revoked_at = user, timezone.now()
    exemption.full_clean()
    revoked = _("Revoked from %(day)s: %(reason)s") % {
        "day": from_day.isoformat(),
        "reason": reason,
    }
    note_change(exemption, reason=revoked, user=user)
    exemption.save()
    text = _("Exemption revoked: %(reason)s") % {"reason": reason}
    for score in WeeklyScore.objects.filter(
        project=exemption.project,
        week__lte=exemption.ends,
        week__gte=weeks.week_start(from_day),
    ).select_related("project__campaign", "rubric_version"):
        rescore(score, user=user, reason=text)
    return exemption


def flag_resolve(*, flag: ReportFlag, status: str, finding: str, user: User) -> ReportFlag:
    """The supervisor's finding on a flag: confirmed (concealment found) or dismissed."""
    finding = (finding or "").strip()
    errors = {}
    if status not in (FlagStatus.CONFIRMED, FlagStatus.DISMISSED):
        errors["status"] = _("Choose confirmed or dismissed.")
    if not finding:
        errors["finding"] = _("Write down what you found.")
    if errors:
        raise ValidationError(errors)
    flag.status, flag.finding = status, finding
    flag.resolved_by, flag.resolved_at = user, timezone.now()
    flag.full_clean()
    note_change(flag, reason=finding, user=user)  # who and why, in its history
    flag.save(update_fields=["status", "finding", "resolved_by", "resolved_at"])
    return flag


@transaction.atomic
def flags_resolve(*, flags, status: str, finding: str, user: User) -> int:
    """The same finding on several flags (every open flag of a project, say); how many."""
    count = 0
    for flag in flags:
        flag_resolve(flag=flag, status=status, finding=finding, user=user)
        count += 1
    return count

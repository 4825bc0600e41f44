"""Rubric versions: the current one, a new version, adopting it, and previewing it.

The rubric is authoritative for the weekly deadline. Adopting a version copies its deadline to
the campaign's deadline fields, which the weekly entry uses to mark a report late, so the two
never disagree; the default version 1 is built from the campaign's deadline for the same reason.
"""

import dataclasses
import datetime as dt
from collections import Counter
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from config.history import note_change
from projects.models import Campaign, Project

from .engine import compute_week
from .inputs import history_weeks, load_week
from .models import RubricVersion, ScoringRun
from .rubric import Rubric
from .rubric_fields import validate_rules


def default_rubric(campaign: Campaign) -> Rubric:
    """DESIGN.md's rubric with the campaign's current weekly deadline."""
    return Rubric(deadline_weekday=campaign.deadline_weekday, deadline_time=campaign.deadline_time)


def rubric_version_current(campaign: Campaign) -> RubricVersion:
    """The latest adopted version; version 1 from the defaults is created on first use."""
    version = (
        RubricVersion.objects.filter(campaign=campaign, adopted_at__isnull=False)
        .order_by("-adopted_at", "-number")
        .first()
    )
    if version is not None:
        return version
    try:
        with transaction.atomic():
            number = (
                RubricVersion.objects.filter(campaign=campaign).aggregate(n=Max("number"))["n"] or 0
            ) + 1
            now = timezone.now()
            return RubricVersion.objects.create(
                campaign=campaign,
                number=number,
                rules=default_rubric(campaign).to_dict(),
                note=_("Default rubric"),
                created_at=now,
                adopted_at=now,
            )
    except IntegrityError:
        # Another process created it at the same moment; use theirs.
        return rubric_version_current(campaign)


def rubric_version_for_week(campaign: Campaign, week: dt.date) -> RubricVersion:
    """A week keeps the version it was first scored with; a new week takes the current one."""
    run = (
        ScoringRun.objects.filter(campaign=campaign, week=week)
        .select_related("rubric_version")
        .first()
    )
    return run.rubric_version if run else rubric_version_current(campaign)


@transaction.atomic
def rubric_version_create(
    *, campaign: Campaign, rules: dict, note: str = "", user: User | None = None
) -> RubricVersion:
    """A new, not yet adopted version from ``rules`` (missing keys take the defaults);
    ValidationError naming each wrong parameter."""
    rubric = validate_rules(rules)
    rubric_version_current(campaign)  # version 1 exists before any candidate
    Campaign.objects.select_for_update().filter(pk=campaign.pk).first()
    number = RubricVersion.objects.filter(campaign=campaign).aggregate(n=Max("number"))["n"] + 1
    version = RubricVersion(
        campaign=campaign,
        number=number,
        rules=rubric.to_dict(),
        note=(note or "").strip(),
        created_by=user,
    )
    version.full_clean()
    version.save()
    return version


@transaction.atomic
def rubric_version_adopt(*, version: RubricVersion, user: User | None = None) -> RubricVersion:
    """Make ``version`` the campaign's current rubric from now on, and its deadline the
    campaign's. Weeks already scored keep their version; the next week takes this one."""
    version.adopted_at = timezone.now()
    version.adopted_by = user
    version.save(update_fields=["adopted_at", "adopted_by"])
    rubric, campaign = version.rubric, version.campaign
    if (campaign.deadline_weekday, campaign.deadline_time) != (
        rubric.deadline_weekday,
        rubric.deadline_time,
    ):
        campaign.deadline_weekday = rubric.deadline_weekday
        campaign.deadline_time = rubric.deadline_time
        note_change(campaign, reason=_("Deadline of rubric version %(n)s") % {"n": version.number})
        campaign.save(update_fields=["deadline_weekday", "deadline_time"])
    return version


@dataclasses.dataclass
class PreviewRow:
    """A project's card this week under the current rubric and under the candidate."""

    project: Project
    current_card: str
    current_total: Decimal
    candidate_card: str
    candidate_total: Decimal

    @property
    def changed(self) -> bool:
        return self.current_card != self.candidate_card


def rubric_preview(*, campaign: Campaign, week: dt.date, rules: dict) -> list[PreviewRow]:
    """This week's cards under a candidate rubric beside the current rubric's, from the same
    inputs, without saving anything. Changed cards first."""
    candidate = validate_rules(rules)
    current = rubric_version_current(campaign).rubric
    data = load_week(campaign, week, history=max(history_weeks(current), history_weeks(candidate)))
    before = compute_week(data, current, flags=False)
    after = compute_week(data, candidate, flags=False)
    rows = [
        PreviewRow(a.project, a.result.card, a.result.total, b.result.card, b.result.total)
        for a, b in zip(before, after, strict=True)
    ]
    rows.sort(key=lambda row: (not row.changed, row.project.code))
    return rows


def preview_counts(rows: list[PreviewRow]) -> dict[str, Counter]:
    return {
        "current": Counter(row.current_card for row in rows),
        "candidate": Counter(row.candidate_card for row in rows),
    }

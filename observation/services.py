"""Writes of the observation rounds: open a round with its criteria, change the criteria
while no sheet is in, save an inspector's sheet of one project (its marks and total) or the one
score of a round from before the criteria, and close or reopen a round.
One error type: ValidationError, with messages a supervisor or an inspector can act on."""

import datetime as dt
from collections.abc import Mapping, Sequence
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.choices import Role
from accounts.models import User
from projects.models import Campaign, Project

from .choices import RoundStatus
from .models import CriterionScore, ObservationCriterion, ObservationRound, ObservationScore
from .rules import DEFAULT_CRITERIA, criteria_errors, mark_error, sheet_total

Criteria = Sequence[tuple[str, Decimal, str]]  # name, points, what to look at


@transaction.atomic
def round_create(
    *,
    campaign: Campaign,
    name: str,
    held_on: dt.date,
    user: User,
    criteria: Criteria = DEFAULT_CRITERIA,
    drop_extremes: bool = True,
) -> ObservationRound:
    """Open a round with its sheet's criteria (the district's five by default)."""
    round_ = ObservationRound(
        campaign=campaign,
        name=name,
        held_on=held_on,
        created_by=user,
        drop_extremes=drop_extremes,
    )
    round_.full_clean()
    round_.save()
    _write_criteria(round_, criteria)
    return round_


@transaction.atomic
def criteria_set(*, round_: ObservationRound, criteria: Criteria) -> ObservationRound:
    """Replace the round's criteria; refused once a sheet is in (every sheet scores alike)."""
    round_ = ObservationRound.objects.select_for_update().get(pk=round_.pk)
    if round_.scores.exists():
        raise ValidationError(
            _("Sheets are in already: the criteria of this round can no longer change.")
        )
    round_.criteria.all().delete()
    _write_criteria(round_, criteria)
    return round_


def _write_criteria(round_: ObservationRound, criteria: Criteria) -> None:
    cleaned = [
        (name.strip(), Decimal(points), (guidance or "").strip())
        for name, points, guidance in criteria
    ]
    errors = criteria_errors([(name, points) for name, points, _guidance in cleaned])
    if errors:
        raise ValidationError(errors)
    for position, (name, points, guidance) in enumerate(cleaned):
        criterion = ObservationCriterion(
            round=round_, name=name, points=points, guidance=guidance, position=position
        )
        criterion.full_clean()
        criterion.save()


@transaction.atomic
def sheet_save(
    *,
    round_: ObservationRound,
    project: Project,
    inspector: User,
    marks: Mapping[int, Decimal],
    commentary: str,
) -> ObservationScore:
    """Record or correct an inspector's sheet while the round is open: every criterion's points
    (criterion id → points) and the commentary; the total is their sum. History keeps both."""
    check_sheet(round_, project, inspector)
    criteria = list(round_.criteria.all())
    if not criteria:
        raise ValidationError(_("This round has no criteria: it takes one score per sheet."))
    errors = {}
    for criterion in criteria:
        points = marks.get(criterion.pk)
        if points is None:
            errors[f"c{criterion.pk}"] = _("Score %(name)s.") % {"name": criterion.name}
        elif (problem := mark_error(points, criterion.points)) is not None:
            errors[f"c{criterion.pk}"] = f"{criterion.name}{problem}"
    if errors:
        raise ValidationError(errors)
    sheet = ObservationScore.objects.filter(
        round=round_, project=project, inspector=inspector
    ).first() or ObservationScore(round=round_, project=project, inspector=inspector)
    sheet.score = sheet_total(marks[c.pk] for c in criteria)
    sheet.commentary, sheet.scored_at = commentary.strip(), timezone.now()
    sheet.full_clean()
    sheet.save()
    for criterion in criteria:
        CriterionScore.objects.update_or_create(
            sheet=sheet, criterion=criterion, defaults={"points": marks[criterion.pk]}
        )
    return sheet


def check_sheet(round_: ObservationRound, project: Project, inspector: User) -> None:
    if not round_.is_open:
        raise ValidationError(_("The round is closed; its scores can no longer change."))
    if project.campaign_id != round_.campaign_id:
        raise ValidationError(_("The project is not in this round's campaign."))
    if inspector.role == Role.LEADER and project.leader_id == inspector.leader_id:
        raise ValidationError(_("A leader does not score the projects he or she owns."))


def round_set_status(*, round_: ObservationRound, status: str) -> ObservationRound:
    """Close a round (its scores become final and feed the assessment) or reopen it."""
    round_.status = status
    round_.closed_at = timezone.now() if status == RoundStatus.CLOSED else None
    round_.save(update_fields=["status", "closed_at"])
    return round_


def score_save(
    *,
    round_: ObservationRound,
    project: Project,
    inspector: User,
    score: Decimal,
    commentary: str,
) -> ObservationScore:
    """Record or correct an inspector's one score of a round without criteria (a round from
    before the criteria) while it is open; history keeps both. A round with criteria takes
    sheets (``sheet_save``)."""
    check_sheet(round_, project, inspector)
    if round_.criteria.exists():
        raise ValidationError(_("Score each criterion of this round's sheet."))
    item = ObservationScore.objects.filter(
        round=round_, project=project, inspector=inspector
    ).first() or ObservationScore(round=round_, project=project, inspector=inspector)
    item.score, item.commentary, item.scored_at = score, commentary, timezone.now()
    item.full_clean()
    item.save()
    return item

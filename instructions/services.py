"""Writes of the 批示: write one (leaders and managers), answer it (the named unit).

Both tell the other side through ``documents.sending.send`` after the commit.
"""

from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.choices import Role
from accounts.models import Unit, User
from accounts.regions import region_chain
from config.history import note_change
from config.mail import absolute_url
from documents.sending import send

from .models import Addressee, Instruction

WRITERS = {Role.LEADER, Role.MANAGER}
ANSWERERS = {Role.REPORTER, Role.HANDLER}
MAX_TEXT = 2000


def can_write(user: User) -> bool:
    return user.is_active and (user.is_superuser or user.role in WRITERS)


def _region_of(on):
    from escalation.models import SupervisionNotice
    from projects.models import Project
    from reports.models import Report

    if isinstance(on, Report | SupervisionNotice | Project):
        return on.campaign.region
    raise ValidationError(_("A 批示 is written on a bulletin, a notice or a project."))


def _about(on) -> dict:
    from escalation.models import SupervisionNotice
    from projects.models import Project

    if isinstance(on, SupervisionNotice):
        return {"notice": on}
    if isinstance(on, Project):
        return {"project": on}
    return {"report": on}


def _url(path: str) -> str:
    return absolute_url(path)


@transaction.atomic
def instruction_write(*, user: User, on, text: str, units: Sequence[Unit]) -> Instruction:
    """A leader's or manager's 批示 on ``on`` (which the caller has scoped to the user), sent to
    the people of each unit in ``units``."""
    if not can_write(user):
        raise ValidationError(_("Only a leader or a manager writes a 批示."))
    text = (text or "").strip()
    region = _region_of(on)
    errors = {}
    if not text:
        errors["text"] = _("Write the instruction.")
    elif len(text) > MAX_TEXT:
        errors["text"] = _("At most 2,000 characters.")
    units = list(dict.fromkeys(units))
    if not units:
        errors["units"] = _("Name at least one unit that must answer.")
    elif any(u.region_id not in region_chain(region) for u in units):
        errors["units"] = _("A unit is not of this region.")
    if errors:
        raise ValidationError(errors)
    instruction = Instruction(
        region=region, author=user, text=text, created_at=timezone.now(), **_about(on)
    )
    instruction.full_clean(exclude=["region", "author", "report", "notice", "project"])
    note_change(instruction, user=user)
    instruction.save()
    Addressee.objects.bulk_create(Addressee(instruction=instruction, unit=u) for u in units)
    to = (
        User.objects.filter(unit__in=units, role__in=ANSWERERS, is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
    )
    send(
        "instructions/written",
        {
            "author": user.display_name,
            "text": text,
            "on": str(on),
            "units": "、".join(u.name for u in units),
            "url": _url(instruction.get_absolute_url()),
        },
        list(to),
        region=user.region,
    )
    return instruction


@transaction.atomic
def instruction_answer(*, addressee: Addressee, user: User, text: str) -> Addressee:
    """The named unit's answer; the instruction closes when every unit has answered."""
    addressee = (
        Addressee.objects.select_for_update().select_related("instruction").get(pk=addressee.pk)
    )
    if not (user.is_active and user.role in ANSWERERS and user.unit_id == addressee.unit_id):
        raise ValidationError(_("Only the named unit answers this 批示."))
    if addressee.answered_at is not None:
        raise ValidationError(_("Your unit has already answered."))
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Write the answer.")})
    if len(text) > 5000:
        raise ValidationError({"text": _("At most 5,000 characters.")})
    now = timezone.now()
    addressee.answer, addressee.answered_by, addressee.answered_at = text, user, now
    note_change(addressee, user=user)
    addressee.save()
    instruction = addressee.instruction
    if not instruction.addressees.filter(answered_at__isnull=True).exists():
        instruction.answered_at = now
        note_change(instruction, user=user)
        instruction.save(update_fields=["answered_at"])
    author = instruction.author
    send(
        "instructions/answered",
        {
            "unit": addressee.unit.name,
            "who": user.display_name,
            "text": text,
            "instruction": instruction.text,
            "url": _url(instruction.get_absolute_url()),
        },
        [author.email] if author.email else [],
        region=author.region,
    )
    return addressee

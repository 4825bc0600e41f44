"""Who hears of each step of a notice's workflow, and what they are told; sent through the one
``documents.sending.send`` (queued after the commit)."""

from django.conf import settings
from django.db.models import Q

from accounts.choices import Role
from accounts.models import User
from documents.sending import send
from problems.choices import Level

from .models import EventKind, NoticeEvent, SupervisionNotice

WHAT = {
    EventKind.SIGN: "已签收",
    EventKind.ANSWER: "已反馈，请复核",
    EventKind.RETURN: "反馈被退回，请重新办理",
    EventKind.ACCEPT: "已复核通过，办结",
    EventKind.ESCALATE: "逾期未办，已提级督办",
}


def _people(**filters) -> list[str]:
    return list(
        User.objects.filter(is_active=True, **filters)
        .exclude(email="")
        .values_list("email", flat=True)
    )


def unit_people(notice: SupervisionNotice) -> list[str]:
    return _people(role=Role.REPORTER, unit_id=notice.project.unit_id)


def supervisors(notice: SupervisionNotice) -> list[str]:
    region = notice.campaign.region
    return list(
        User.objects.filter(
            Q(region_id=region.pk) | Q(region_id=region.parent_id),
            role=Role.SUPERVISOR,
            is_active=True,
        )
        .exclude(email="")
        .values_list("email", flat=True)
    )


def at_level(notice: SupervisionNotice, level: int) -> list[str]:
    """The unit's head (its reporters if it names none), the responsible leader, the
    supervisors who prepare the dispatch meeting — as an overdue problem climbs."""
    if level == Level.HEAD:
        heads = _people(unit_id=notice.project.unit_id, is_head=True)
        return heads or unit_people(notice)
    if level == Level.LEADER:
        return _people(role=Role.LEADER, leader_id=notice.project.leader_id)
    return supervisors(notice)


def _context(notice: SupervisionNotice, event: NoticeEvent) -> dict:
    base = getattr(settings, "SITE_URL", "http://127.0.0.1:8000").rstrip("/")
    return {
        "title": str(notice.title),
        "project": notice.project.name,
        "unit": notice.project.unit.name,
        "what": WHAT.get(event.kind, event.get_kind_display()),
        "text": event.text,
        "who": event.actor.display_name if event.actor else "系统",
        "deadline": notice.deadline.isoformat(),
        "url": base + notice.get_absolute_url(),
    }


def step(notice: SupervisionNotice, event: NoticeEvent) -> None:
    """The unit's answer goes to the supervisors; their review goes back to the unit."""
    if event.kind == EventKind.ANSWER:
        to = supervisors(notice)
    elif event.kind in (EventKind.RETURN, EventKind.ACCEPT):
        to = unit_people(notice)
    else:
        return
    send("escalation/step", _context(notice, event), to)


def climbed(notice: SupervisionNotice, event: NoticeEvent) -> None:
    send("escalation/step", _context(notice, event), at_level(notice, event.level or 0))

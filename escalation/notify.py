"""Who hears of each step of the ladder and of a notice's workflow, and what they are told.

The ladder's steps (``ladder``) go through the outbox: the unit that must act (its reporters
and its group robots), the leader who owns the project, the region's supervisors; called inside
the ladder's transaction, so a step and its messages commit together. The workflow's steps
(``step``, ``climbed``) go through ``documents.sending.send``, itself on the outbox.
"""

from django.db.models import Q

from accounts.choices import Role
from accounts.models import User
from config.mail import absolute_url
from documents.sending import send
from outbox import notify
from outbox.choices import Kind
from problems.choices import Level

from .models import EventKind, Interview, NoticeEvent, SupervisionNotice

AUDIENCE: dict[str, set[str]] = {
    Kind.NOTICE_OPENED: {"unit", "leader", "supervisors"},
    Kind.INTERVIEW_PROPOSED: {"leader", "supervisors"},
    Kind.INTERVIEW_SCHEDULED: {"unit", "leader", "supervisors"},
    Kind.NOTICE_CLOSED: {"unit", "supervisors"},
}


def people(notice: SupervisionNotice, audience: set[str]) -> list[User]:
    project = notice.project
    who = Q(pk__in=[])
    if "unit" in audience:
        who |= Q(role=Role.REPORTER, unit_id=project.unit_id)
    if "leader" in audience:
        who |= Q(role=Role.LEADER, leader_id=project.leader_id)
    if "supervisors" in audience:
        who |= Q(role=Role.SUPERVISOR, region_id=notice.campaign.region_id)
    return list(User.objects.filter(who, is_active=True).order_by("pk"))


def title(kind: str, notice: SupervisionNotice, interview: Interview | None = None) -> str:
    """One short line per step. The project's name already ends in 项目 (or names a base, a
    park…): it is never followed by another 项目."""
    name = notice.project.name
    if kind == Kind.NOTICE_OPENED:
        return f"{notice.title}：{name}连续亮红牌，请于{notice.deadline:%Y年%m月%d日}前取得明显进展"
    if kind == Kind.INTERVIEW_PROPOSED:
        return f"{name}：{notice.title}逾期未见明显进展，提议约谈责任人"
    if kind == Kind.INTERVIEW_SCHEDULED and interview is not None and interview.scheduled_for:
        when = interview.scheduled_for.astimezone(notice.opened_at.tzinfo)
        return f"{name}：约谈{interview.person}，{when:%m月%d日 %H:%M}，地点{interview.place}"
    return f"{notice.title}（{name}）已关闭：{notice.close_reason}"


def ladder(kind: str, notice: SupervisionNotice, interview: Interview | None = None) -> list[int]:
    audience = AUDIENCE[kind]
    return notify(
        kind=kind,
        title=title(kind, notice, interview),
        detail=notice.reason if kind == Kind.NOTICE_OPENED else "",
        path=notice.get_absolute_url(),
        users=people(notice, audience),
        units=[notice.project.unit] if "unit" in audience else [],
        region=notice.campaign.region,
        ref=f"notice:{notice.pk}",
    )


WHAT: dict[str, str] = {
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
    return {
        "title": str(notice.title),
        "project": notice.project.name,
        "unit": notice.project.unit.name,
        "what": WHAT.get(event.kind, event.get_kind_display()),
        "text": event.text,
        "who": event.actor.display_name if event.actor else "系统",
        "deadline": notice.deadline.isoformat(),
        "url": absolute_url(notice.get_absolute_url()),
    }


def step(notice: SupervisionNotice, event: NoticeEvent) -> None:
    """The unit's answer goes to the supervisors; their review goes back to the unit."""
    if event.kind == EventKind.ANSWER:
        to = supervisors(notice)
    elif event.kind in (EventKind.RETURN, EventKind.ACCEPT):
        to = unit_people(notice)
    else:
        return
    send("escalation/step", _context(notice, event), to, region=notice.campaign.region)


def climbed(notice: SupervisionNotice, event: NoticeEvent) -> None:
    to = at_level(notice, event.level or 0)
    send("escalation/step", _context(notice, event), to, region=notice.campaign.region)

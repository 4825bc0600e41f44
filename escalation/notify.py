"""Who hears of each step of the ladder, through the outbox: the unit that must act (its
reporters and its group robots), the leader who owns the project, the region's supervisors.
Called inside the ladder's transaction, so a step and its messages commit together."""

from django.db.models import Q

from accounts.choices import Role
from accounts.models import User
from outbox import notify
from outbox.choices import Kind

from .models import Interview, SupervisionNotice

AUDIENCE = {
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
    if kind == Kind.INTERVIEW_SCHEDULED and interview is not None:
        when = interview.scheduled_for.astimezone(notice.opened_at.tzinfo)
        return f"{name}：约谈{interview.person}，{when:%m月%d日 %H:%M}，地点{interview.place}"
    return f"{notice.title}（{name}）已关闭：{notice.close_reason}"


def step(kind: str, notice: SupervisionNotice, interview: Interview | None = None) -> list[int]:
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

"""E-mails of the ladder: each step to whom it concerns, from three templates per message."""

from django.db.models import Q

from accounts.choices import Role
from accounts.models import User
from config.mail import send_message

from .models import Interview, SupervisionNotice

# Who hears of each step: the unit that must act, the leader who owns the project, supervisors.
AUDIENCE = {
    "opened": {"unit", "leader", "supervisors"},
    "proposed": {"leader", "supervisors"},
    "closed": {"unit", "supervisors"},
}


def recipients(notice: SupervisionNotice, audience: set[str]) -> list[str]:
    project = notice.project
    who = Q(pk__in=[])
    if "unit" in audience:
        who |= Q(role=Role.REPORTER, unit_id=project.unit_id)
    if "leader" in audience:
        who |= Q(role=Role.LEADER, leader_id=project.leader_id)
    if "supervisors" in audience:
        who |= Q(role=Role.SUPERVISOR, region_id=notice.campaign.region_id)
    return sorted(
        User.objects.filter(who, is_active=True).exclude(email="").values_list("email", flat=True)
    )


def send_step(kind: str, pk: int) -> int:
    if kind == "proposed":
        interview = Interview.objects.select_related("notice__project", "notice__campaign").get(
            pk=pk
        )
        notice = interview.notice
    else:
        interview = None
        notice = SupervisionNotice.objects.select_related(
            "project__unit", "project__leader", "campaign"
        ).get(pk=pk)
    to = recipients(notice, AUDIENCE[kind])
    if to:
        send_message(
            f"escalation/{kind}",
            {"notice": notice, "project": notice.project, "interview": interview},
            to,
        )
    return len(to)

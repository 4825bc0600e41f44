"""The demo district's ladder: ``replay`` runs it over every scored week as the schedule would
have, then ``demo_workflow`` works the notices as officials would have: most signed for the next
day, some answered, one returned and answered again, one accepted and closed, the latest left
unsigned to climb; and two leaders' instructions (批示), one answered."""

import datetime as dt

from django.utils import timezone

from accounts.choices import Role
from accounts.models import User
from escalation.models import NoticeStatus, SupervisionNotice
from escalation.services import ladder_run, notice_act, notices_climb
from instructions.services import instruction_answer, instruction_write
from projects.models import Campaign
from scoring.models import ScoringRun

ANSWERS = [
    "已召开专班调度会，倒排工期，新增两个施工班组，计划两周内完成主体结构。",
    "资金缺口已与金融机构对接，首笔贷款预计下周到位；同步加快设备采购。",
    "已协调用地手续，施工许可证本周办结，下周全面复工。",
]

RETURNED = "反馈未说明资金到位时间和复工节点，请补充。"
ACCEPTED = "整改措施具体，同意办结，继续跟踪。"


def replay(campaign: Campaign) -> str:
    """Run the ladder over every scored week of a campaign in order, each as on the Monday after
    it: how the ladder would stand had it run all year. Nobody is told of past steps."""
    opened = proposed = closed = 0
    for week in (
        ScoringRun.objects.filter(campaign=campaign).order_by("week").values_list("week", flat=True)
    ):
        outcome = ladder_run(
            campaign=campaign, week=week, today=week + dt.timedelta(days=7), tell=False
        )
        opened, proposed = opened + len(outcome.opened), proposed + len(outcome.proposed)
        closed += len(outcome.closed)
    return f"{campaign}: +{opened} notices, {proposed} interviews, -{closed} closed"


def demo_workflow(campaign: Campaign, now: dt.datetime | None = None) -> str:
    now = now or timezone.now()
    supervisor = User.objects.filter(role=Role.SUPERVISOR, region=campaign.region).first()
    notices = list(
        SupervisionNotice.objects.filter(campaign=campaign)
        .exclude(status=NoticeStatus.CLOSED)
        .select_related("project__unit")
        .order_by("opened_at", "pk")
    )
    steps = 0
    for i, notice in enumerate(notices):
        reporter = User.objects.filter(role=Role.REPORTER, unit=notice.project.unit_id).first()
        if reporter is None or supervisor is None or i == len(notices) - 1:
            continue  # the latest notice is left unsigned: it climbs
        # Signed the day after it was issued; answered and reviewed in the last fortnight, after
        # whatever the ladder's replay recorded (an interview proposed), so the log reads in order.
        recent = now - dt.timedelta(days=12)
        plan = [(notice.opened_at + dt.timedelta(days=1), reporter, "sign", "")]
        if i % 4 in (1, 2, 3):
            plan.append((recent, reporter, "answer", ANSWERS[i % 3]))
        if i % 4 == 2:
            plan += [
                (recent + dt.timedelta(days=3), supervisor, "return", RETURNED),
                (
                    recent + dt.timedelta(days=6),
                    reporter,
                    "answer",
                    "补充：资金已到位，下周全面复工。",
                ),
            ]
        if i % 4 == 3:
            plan.append((recent + dt.timedelta(days=9), supervisor, "accept", ACCEPTED))
        for when, user, action, text in plan:
            if when > now or when < notice.opened_at:
                break
            notice = notice_act(notice=notice, user=user, action=action, text=text, now=when)
            steps += 1
    climbed = notices_climb(now=now)
    instructions = _instructions(campaign, notices)
    return f"{steps} 步办理，{len(climbed)} 次提级，{instructions} 条批示"


def _instructions(campaign: Campaign, notices: list[SupervisionNotice]) -> int:
    manager = User.objects.filter(role=Role.MANAGER, region=campaign.region).first()
    if manager is None or not notices:
        return 0
    first = notices[0]
    written = instruction_write(
        user=manager,
        on=first,
        text="请责任单位主要负责人亲自抓，本月底前取得明显进展。",
        units=[first.project.unit],
    )
    reporter = User.objects.filter(role=Role.REPORTER, unit=first.project.unit_id).first()
    if reporter is not None:
        instruction_answer(
            addressee=written.addressees.get(),
            user=reporter,
            text="已由局主要负责人牵头，每周调度一次，月底前完成主体结构。",
        )
    latest = notices[-1]
    leader = User.objects.filter(role=Role.LEADER, leader_id=latest.project.leader_id).first()
    if leader is not None:
        instruction_write(
            user=leader,
            on=latest.project,
            text="要素保障部门要主动靠前服务，一周内反馈解决方案。",
            units=[latest.project.unit],
        )
        return 2
    return 1

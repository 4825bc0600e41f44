"""Demo observation rounds for the demo district: the half-year 观摩 of June, held and closed,
and the autumn one when the demo reaches November, so the half-year report, the assessment item
and the round pages have something true to show.

``seed_observation(campaign, rng)`` runs after ``demo.district.seed_demo`` (before scoring, so the
closed rounds count in the assessment item). Six inspectors (the supervisor and five leaders,
never on a leader's own project) score twenty projects criterion by criterion; a project that
is ahead of its plan scores higher, as an inspector on site would see.
"""

import datetime as dt
import random
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from accounts.choices import Role
from accounts.models import User
from observation.choices import RoundStatus
from observation.models import CriterionScore, ObservationRound, ObservationScore
from observation.rules import sheet_total
from observation.services import round_create
from projects import plans, weeks
from projects.models import COUNTED, Campaign, WeeklyReport

ROUNDS = (((6, 18), "上半年重点项目现场观摩"), ((11, 19), "下半年重点项目现场观摩"))  # month, day
PROJECTS = 20
COMMENTS = {
    "good": (
        "现场形象进度超出计划，施工组织有序，安全文明施工到位。",
        "设备安装进度快，科技含量高，带动效应明显。",
        "投资强度大，工程质量好，现场管理规范。",
    ),
    "fair": (
        "总体按计划推进，个别节点需抓紧，现场管理尚可。",
        "主体工程推进正常，配套工程进度偏慢。",
        "进度基本达到序时要求，建议加快投资入库。",
    ),
    "poor": (
        "现场施工人员和机械偏少，形象进度明显滞后。",
        "投资完成落后序时进度，要素保障问题需尽快协调解决。",
        "现场管理较乱，安全文明施工需加强整改。",
    ),
}


def seed_observation(
    campaign: Campaign, rng: random.Random, *, now: dt.datetime | None = None
) -> list[ObservationRound]:
    """The rounds of the year already held by ``now`` (closed, scored); the rounds back."""
    now = now or timezone.now()
    today = weeks.local_today(now)
    supervisor = User.objects.filter(region=campaign.region, role=Role.SUPERVISOR).first()
    leaders = list(
        User.objects.filter(region=campaign.region, role=Role.LEADER).order_by("username")[:5]
    )
    if supervisor is None:
        return []
    inspectors = [supervisor, *leaders]
    projects = list(
        campaign.projects.select_related("leader")
        .prefetch_related("monthly_plans")
        .order_by("code")
    )
    made = []
    with transaction.atomic():
        for (month, day), name in ROUNDS:
            held_on = dt.date(campaign.year, month, day)
            if held_on > today:
                continue
            round_ = round_create(
                campaign=campaign, name=f"{campaign.year}年{name}", held_on=held_on, user=supervisor
            )
            criteria = list(round_.criteria.all())
            figures = _figures_at(campaign, held_on)
            for project in rng.sample(projects, min(PROJECTS, len(projects))):
                health = _health(project, figures.get(project.pk, Decimal(0)), held_on)
                _score_project(rng, round_, criteria, project, inspectors, held_on, health)
            round_.status = RoundStatus.CLOSED
            round_.closed_at = dt.datetime.combine(
                held_on + dt.timedelta(days=2), dt.time(17), tzinfo=weeks.SHANGHAI
            )
            round_.save(update_fields=["status", "closed_at"])
            made.append(round_)
    return made


def _figures_at(campaign: Campaign, day: dt.date) -> dict[int, Decimal]:
    """Project id → its year-to-date figure as the inspectors found it on ``day``."""
    found: dict[int, Decimal] = {}
    for pid, ytd in (
        WeeklyReport.objects.filter(COUNTED, project__campaign=campaign, week__lte=day)
        .order_by("project_id", "week")
        .values_list("project_id", "ytd_investment")
    ):
        found[pid] = ytd  # the latest week wins
    return found


def _health(project, done: Decimal, held_on: dt.date) -> float:
    """How far ahead of its plan the project was at the round (0.4 behind … 1.2 ahead)."""
    monthly = {plan.month: plan.amount for plan in project.monthly_plans.all()}
    due = plans.plan_due_by(monthly, held_on)
    if not due:
        return 0.9
    return max(0.4, min(1.2, float(done / due)))


def _score_project(rng, round_, criteria, project, inspectors, held_on, health) -> None:
    base = 0.5 + 0.4 * min(health, 1.0)
    kind = "good" if base > 0.82 else ("fair" if base > 0.7 else "poor")
    at = dt.datetime.combine(held_on, dt.time(10), tzinfo=weeks.SHANGHAI)
    for n, inspector in enumerate(inspectors):
        if inspector.role == Role.LEADER and inspector.leader_id == project.leader_id:
            continue  # a leader does not score his or her own project
        strict = rng.uniform(-0.06, 0.06)  # each inspector is a little stricter or kinder
        marks = {}
        for criterion in criteria:
            share = max(0.3, min(1.0, base + strict + rng.gauss(0, 0.05)))
            raw = criterion.points * Decimal(f"{share:.3f}")
            marks[criterion] = (raw * 2).quantize(Decimal(1)) / 2  # to half a point
        sheet = ObservationScore.objects.create(
            round=round_,
            project=project,
            inspector=inspector,
            score=sheet_total(marks.values()),
            commentary=rng.choice(COMMENTS[kind]) if n < 3 else "",
            scored_at=at + dt.timedelta(minutes=20 * n),
        )
        CriterionScore.objects.bulk_create(
            CriterionScore(sheet=sheet, criterion=criterion, points=points)
            for criterion, points in marks.items()
        )

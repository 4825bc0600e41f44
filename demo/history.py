"""The simulated year of each demo project: plans, nodes and weekly reports. No database.

Health decides everything else: ~60% of projects keep at or ahead of 序时进度 (``good``), ~25% run
10–30% behind (``middling``), ~15% more than 30% behind with missed weeks and overdue nodes
(``lagging``). Investment only ever grows; nodes are recorded by the first submitted report after
they are reached, and the stage follows the nodes.
"""

import datetime as dt
import functools
import random
from dataclasses import dataclass, field
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal

from projects import weeks
from projects.choices import Category, InvestmentSource, NodeKind, ReportStatus, Stage, TargetKind
from projects.plans import week_plan_due

from . import data

CENT = Decimal("0.01")
RATIO_START = {"good": (1.0, 1.12), "middling": (0.73, 0.87), "lagging": (0.40, 0.65)}
RATIO_BOUNDS = {"good": (1.0, 1.2), "middling": (0.70, 0.90), "lagging": (0.30, 0.69)}
MISSING_P = {"good": 0.0, "middling": 0.02, "lagging": 0.08}
THIS_WEEK_MISSING_P = {"good": 0.25, "middling": 0.35, "lagging": 0.55}
PROBLEM_P = {"good": 0.04, "middling": 0.12, "lagging": 0.30}
DELAY_DAYS = {"good": (-10, 6), "middling": (0, 28), "lagging": (21, 70)}
NEVER_P = {"good": 0.0, "middling": 0.05, "lagging": 0.4}
SOURCES = [
    InvestmentSource.UNIT_REPORT,
    InvestmentSource.STATISTICS,
    InvestmentSource.CONTRACTOR,
    InvestmentSource.ONSITE,
]
SOURCE_WEIGHTS = [75, 12, 6, 7]
STAGE_RANK: dict[str, int] = {
    stage: rank
    for rank, stage in enumerate(
        [Stage.PREPARATION, Stage.STARTED, Stage.CONSTRUCTION, Stage.COMPLETED, Stage.PRODUCTION]
    )
}
NODE_STAGE: dict[str, str] = {
    NodeKind.START: Stage.STARTED,
    NodeKind.TOPPING: Stage.CONSTRUCTION,
    NodeKind.EQUIPMENT: Stage.CONSTRUCTION,
    NodeKind.OTHER: Stage.CONSTRUCTION,
    NodeKind.COMPLETION: Stage.COMPLETED,
    NodeKind.PRODUCTION: Stage.PRODUCTION,
}


@dataclass(slots=True)
class NodeSpec:
    kind: str
    name: str
    planned: dt.date
    actual: dt.date | None = None  # when it really happens; None = not this year
    reached_on: dt.date | None = None  # when the register knows it
    pk: int | None = None


@dataclass(slots=True)
class ProjectSpec:
    code: str
    name: str
    category: str
    unit: int  # index into the responsible units
    leader: int
    owner: str
    target: str = TargetKind.ACCELERATE
    health: str = "good"
    new: bool = False  # works start this year
    annual: Decimal = Decimal("0")
    total: Decimal = Decimal("0")
    monthly: list[Decimal] = field(default_factory=list)
    nodes: list[NodeSpec] = field(default_factory=list)
    late_p: float = 0.03
    returned: bool = False  # its report of the reporting week comes back to the reporter
    stale: bool = False  # the same progress text for its last five weeks (a 瞒 signal)
    ytd: Decimal = Decimal("0")
    stage: str = Stage.PREPARATION


@dataclass(slots=True)
class ReportSpec:
    week: dt.date
    status: str
    stage: str
    ytd: Decimal
    source: str
    progress: str
    next_plan: str
    problems: str
    is_late: bool
    submitted_at: dt.datetime | None
    reviewed_at: dt.datetime | None
    return_reason: str
    nodes: list[NodeSpec]


def production_count(count: int) -> int:
    """Projects due to enter production: 12 of 50, in proportion for other sizes."""
    return int(Decimal(count * data.BASE_PRODUCTION) / data.BASE_PROJECTS + Decimal("0.5"))


def project_specs(
    rng: random.Random,
    year: int,
    count: int,
    unit_names: list[str],
    leader_count: int,
    current: bool,
    code: str = "HT",
) -> list[ProjectSpec]:
    """Names, units, leaders, targets and health of a campaign's projects. ``unit_names`` are the
    responsible units' short names; a spec refers to its unit and leader by index; the projects'
    codes start with ``code`` (the district's), then the year and the number."""
    rows = data.project_rows(count, rng)
    unit_index = {name: i for i, name in enumerate(unit_names)}
    load = [0] * len(unit_names)
    for row in rows:
        if row[2] is not None:
            load[unit_index[row[2]]] += 1
    width = max(3, len(str(count)))
    leader_pool = [i % leader_count for i in range(count)]
    rng.shuffle(leader_pool)
    specs = []
    for i, (name, category, unit_short, owner) in enumerate(rows):
        if unit_short is None:  # the least loaded unit takes the next invented project
            unit = min(range(len(unit_names)), key=lambda k: (load[k], k))
            load[unit] += 1
        else:
            unit = unit_index[unit_short]
        specs.append(
            ProjectSpec(
                code=f"{code}{year}-{i + 1:0{width}d}",
                name=name,
                category=category,
                unit=unit,
                leader=leader_pool[i],
                owner=owner,
                new=rng.random() < 0.4,
            )
        )
    industry = [s for s in specs if s.category == Category.INDUSTRY]
    others = [s for s in specs if s.category != Category.INDUSTRY]
    rng.shuffle(industry)
    rng.shuffle(others)
    for spec in (industry + others)[: production_count(count)]:
        spec.target = TargetKind.PRODUCTION
    _assign_health(rng, specs, len(unit_names), current)
    return specs


def _assign_health(rng, specs, unit_count, current) -> None:
    """60% good, 25% middling, 15% lagging; a few habitually late units; in the current campaign
    one report returned and a couple of projects that copy their text week after week."""
    count = len(specs)
    lagging = int(count * 0.15 + 0.5)
    good = int(count * 0.6 + 0.5)
    health = ["good"] * good + ["lagging"] * lagging + ["middling"] * (count - good - lagging)
    rng.shuffle(health)
    late_count = min(unit_count, max(2, round(unit_count * 0.12)))
    late_units = set(rng.sample(range(unit_count), k=late_count))
    for spec, kind in zip(specs, health, strict=True):
        spec.health = kind
        spec.late_p = 0.45 if spec.unit in late_units else (0.08 if kind == "lagging" else 0.03)
    if current:
        middling = [s for s in specs if s.health == "middling"] or specs
        rng.choice(middling).returned = True
        lag = [s for s in specs if s.health == "lagging"]
        for spec in rng.sample(lag, k=min(len(lag), max(1, len(lag) // 4))):
            spec.stale = True


def split_exactly(total: Decimal, weights: list[float], step: Decimal) -> list[Decimal]:
    """``total`` in parts proportional to ``weights``, rounded to ``step``; the last part takes
    the rounding so the parts add up to ``total`` exactly."""
    scale = sum(weights)
    parts = [
        (total * Decimal(w / scale) / step).quantize(Decimal(1), ROUND_HALF_UP) * step
        for w in weights[:-1]
    ]
    parts.append(total - sum(parts, Decimal(0)))
    return [part.quantize(CENT) for part in parts]


def assign_plans(rng: random.Random, specs: list[ProjectSpec], target_total: Decimal) -> None:
    """Annual plans adding up to ``target_total``; a seasonal monthly plan for each (low in
    January–February, peak mid-year) adding up to its annual plan; the total investment."""
    size: dict[str, float] = {
        Category.INDUSTRY: 1.4,
        Category.INFRASTRUCTURE: 1.0,
        Category.LIVELIHOOD: 0.55,
    }
    weights = [
        size[s.category]
        * (0.8 if s.target == TargetKind.PRODUCTION else 1.0)
        * rng.lognormvariate(0, 0.55)
        for s in specs
    ]
    for spec, annual in zip(specs, split_exactly(target_total, weights, Decimal(10)), strict=True):
        spec.annual = annual
        spread = (1.1, 2.2) if spec.target == TargetKind.PRODUCTION else (1.5, 5.0)
        spec.total = (annual * Decimal(rng.uniform(*spread)) / 100).quantize(Decimal(1)) * 100
        spec.total = max(spec.total, annual).quantize(CENT)
        shape = [share * rng.uniform(0.8, 1.2) for share in data.SEASONAL]
        spec.monthly = split_exactly(annual, shape, Decimal(1))


def node_plan(rng: random.Random, year: int, spec: ProjectSpec) -> list[NodeSpec]:
    """The milestone nodes of the year, by target, category and whether works start this year."""

    def node(kind, name, first, last):
        start, end = dt.date(year, *first), dt.date(year, *last)
        return NodeSpec(kind, name, start + dt.timedelta(rng.randint(0, (end - start).days)))

    other = rng.choice(["主线贯通", "管网主体完工", "主体工程完工"])
    start = [node(NodeKind.START, "开工", (3, 1), (5, 31))] if spec.new else []
    if spec.target == TargetKind.PRODUCTION:
        if spec.new:
            return [
                node(NodeKind.START, "开工", (2, 15), (3, 31)),
                node(NodeKind.TOPPING, "主体封顶", (5, 15), (7, 15)),
                node(NodeKind.EQUIPMENT, "设备安装", (8, 1), (9, 30)),
                node(NodeKind.PRODUCTION, "投产", (10, 15), (12, 20)),
            ]
        return [
            node(NodeKind.TOPPING, "主体封顶", (3, 1), (4, 30)),
            node(NodeKind.EQUIPMENT, "设备安装", (5, 15), (7, 31)),
            node(NodeKind.PRODUCTION, "投产", (8, 15), (11, 30)),
        ]
    if spec.category == Category.INDUSTRY:
        if spec.new:
            return start + [node(NodeKind.TOPPING, "主体封顶", (8, 1), (11, 30))]
        return [
            node(NodeKind.TOPPING, "主体封顶", (4, 1), (6, 30)),
            node(NodeKind.EQUIPMENT, "设备安装", (9, 1), (12, 15)),
        ]
    if spec.category == Category.INFRASTRUCTURE:
        if spec.new:
            return start + [node(NodeKind.OTHER, other, (9, 1), (11, 30))]
        return [
            node(NodeKind.OTHER, other, (5, 1), (7, 31)),
            node(NodeKind.COMPLETION, "竣工验收", (10, 1), (12, 20)),
        ]
    if spec.new:
        return start + [node(NodeKind.TOPPING, "主体封顶", (9, 1), (11, 30))]
    return [
        node(NodeKind.TOPPING, "主体封顶", (4, 1), (6, 30)),
        node(NodeKind.COMPLETION, "竣工验收", (10, 1), (12, 20)),
    ]


def assign_nodes(rng: random.Random, year: int, spec: ProjectSpec) -> None:
    """Plan the nodes and decide when each really happens, later the worse the project runs."""
    spec.nodes = node_plan(rng, year, spec)
    previous: dt.date | None = dt.date(year - 1, 12, 1)
    for node in spec.nodes:
        if previous is None or rng.random() < NEVER_P[spec.health]:
            previous = None  # a node that does not happen holds up every later one
            continue
        actual = node.planned + dt.timedelta(rng.randint(*DELAY_DAYS[spec.health]))
        node.actual = previous = max(actual, previous + dt.timedelta(14))


def simulate(
    rng: random.Random,
    spec: ProjectSpec,
    year: int,
    week_list: list[dt.date],
    now: dt.datetime,
    reporting_week: dt.date,
    deadline: tuple[int, dt.time] = (1, dt.time(12)),
) -> list[ReportSpec]:
    """The project's weekly reports over ``week_list`` (the weeks of campaign ``year`` in the
    history), against the campaign's ``deadline`` (weekday, time). Sets ``spec.ytd``,
    ``spec.stage`` and the nodes' ``reached_on``."""
    today = weeks.local_today(now)
    monthly = dict(enumerate(spec.monthly, start=1))
    stage: str = Stage.PREPARATION if spec.new else Stage.CONSTRUCTION
    started: dt.date | None = None
    first = week_list[0] if week_list else dt.date.max
    for node in spec.nodes:  # nodes reached before the history begins
        if node.actual and node.actual < first and node.actual <= today:
            node.reached_on = node.actual
            stage = _advance(stage, NODE_STAGE[node.kind])
            started = node.actual if node.kind == NodeKind.START else started
    if not week_list:  # a campaign year with no week in the history
        spec.stage = stage
        return []
    ratio = rng.uniform(*RATIO_START[spec.health])
    low, high = RATIO_BOUNDS[spec.health]
    gap = _gap(rng, spec, week_list, reporting_week)
    problem = data.problem_text(rng)
    has_problem, stale_text = False, ""
    ytd, reports = Decimal(0), []
    for week in week_list:
        status = _status(rng, spec, week, reporting_week, gap)
        if status is None:
            continue
        ratio = min(high, max(low, ratio + rng.gauss(0, 0.02)))
        due = week_plan_due(monthly, week, year)
        figure = max(ytd, (due * Decimal(ratio) * 10).to_integral_value(ROUND_CEILING) / 10)
        figure = figure.quantize(CENT)
        final = status in (ReportStatus.SUBMITTED, ReportStatus.ACCEPTED)
        reached = []
        if final:
            sunday = min(week + dt.timedelta(6), today)
            for node in spec.nodes:
                if node.reached_on is None and node.actual and node.actual <= sunday:
                    node.reached_on = node.actual
                    reached.append(node)
                    stage = _advance(stage, NODE_STAGE[node.kind])
                    started = node.actual if node.kind == NodeKind.START else started
        if stage == Stage.STARTED and started and (week - started).days >= 21:
            stage = Stage.CONSTRUCTION
        increment = float(figure - ytd)
        text = data.progress_text(rng, stage, spec.category, increment)
        if spec.stale and week >= reporting_week - dt.timedelta(weeks=5):
            stale_text = stale_text or text  # the same words five weeks running
            text = stale_text
        has_problem = rng.random() < (0.7 if has_problem else PROBLEM_P[spec.health])
        submitted, reviewed = _times(rng, spec, week, status, now, reporting_week, deadline)
        reason = ""
        if status == ReportStatus.RETURNED:
            figure = (figure * Decimal("1.4")).quantize(Decimal(1)).quantize(CENT)
            reason = data.RETURN_REASONS[0]
        reports.append(
            ReportSpec(
                week=week,
                status=status,
                stage=stage,
                ytd=figure,
                source=rng.choices(SOURCES, SOURCE_WEIGHTS)[0],
                progress=text,
                next_plan=data.next_plan_text(rng),
                problems=problem if has_problem else "",
                is_late=bool(submitted and submitted > _deadline(week, *deadline)),
                submitted_at=submitted,
                reviewed_at=reviewed,
                return_reason=reason,
                nodes=reached,
            )
        )
        if final or status == ReportStatus.RETURNED:
            ytd = figure  # a returned report still counts (projects.models.COUNTED)
        if reviewed and status == ReportStatus.SUBMITTED:
            reports[-1].status = ReportStatus.ACCEPTED
    spec.ytd, spec.stage = ytd, (reports[-1].stage if reports else stage)
    return reports


# The same few hundred weeks for every project: the holiday calendar is read once per week.
_deadline = functools.lru_cache(maxsize=4096)(weeks.report_deadline)


def _advance(stage: str, to: str) -> str:
    return to if STAGE_RANK[to] > STAGE_RANK[stage] else stage


def _gap(rng, spec, week_list, reporting_week) -> set[dt.date]:
    """Two missing weeks in a row for some lagging projects, within the last two months."""
    past = [w for w in week_list if w < reporting_week][-8:]
    if spec.health != "lagging" or len(past) < 3 or rng.random() > 0.3:
        return set()
    at = rng.randrange(len(past) - 1)
    return {past[at], past[at + 1]}


def _status(rng, spec, week, reporting_week, gap) -> str | None:
    """The report's status; None when the week has no report."""
    if week == reporting_week:
        if spec.returned:
            return ReportStatus.RETURNED
        missing = THIS_WEEK_MISSING_P[spec.health] + (0.3 if spec.late_p > 0.2 else 0)
        roll = rng.random()
        if roll < missing:
            return None
        return ReportStatus.DRAFT if roll < missing + 0.15 else ReportStatus.SUBMITTED
    if week in gap or rng.random() < MISSING_P[spec.health]:
        return None
    # submitted stays SUBMITTED unless _times finds time for a review
    return ReportStatus.SUBMITTED


def _times(rng, spec, week, status, now, reporting_week, at=(1, dt.time(12))):
    """When the report was submitted and reviewed; never in the future."""
    if status == ReportStatus.DRAFT:
        return None, None
    deadline = _deadline(week, *at)
    hour = dt.timedelta(hours=1)
    if week < reporting_week and rng.random() < spec.late_p:
        submitted = deadline + hour * rng.uniform(1, 50)
        if submitted >= now:
            submitted = deadline + (now - deadline) * rng.uniform(0.1, 0.9)
    else:
        day = week + dt.timedelta(4 if rng.random() < 0.4 else 7)  # Friday afternoon or Monday
        start = 14 if day.isoweekday() == 5 else 8
        submitted = dt.datetime.combine(day, dt.time(start), tzinfo=weeks.SHANGHAI)
        submitted += hour * rng.uniform(0, 3.5)
        if submitted >= now:  # the reporting week, still under way
            since = dt.datetime.combine(week, dt.time(9), tzinfo=weeks.SHANGHAI)
            submitted = since + (now - since) * rng.uniform(0.2, 0.95)
    if week == reporting_week:
        if status != ReportStatus.RETURNED:
            return submitted, None
        return submitted, submitted + (now - submitted) * rng.uniform(0.3, 0.9)
    review_p = 0.5 if week == reporting_week - dt.timedelta(7) else 0.97
    reviewed = submitted + hour * rng.uniform(2, 72)
    if reviewed >= now or rng.random() > review_p:
        return submitted, None
    return submitted, reviewed

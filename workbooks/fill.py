"""The stated rules that fill what a district's register does not have. Pure functions.

Each rule is shown in the preview with how many rows it filled, never applied silently:
codes from the year and 序号, the stage from the start year, the monthly plan spread from the
annual (or quarterly) figures, the annual target from the 年度建设目标 text.
"""

from decimal import ROUND_DOWN, Decimal

from projects.choices import Stage, TargetKind

CENT = Decimal("0.01")
# "前低后高": construction money flows slowly in winter and spring, fastest in autumn.
PROFILES = {
    "even": (1,) * 12,
    "ramp": (3, 4, 6, 7, 8, 9, 9, 10, 10, 11, 11, 12),
}
PROFILE_LABELS = {"even": "平均分到12个月", "ramp": "前低后高（一季度少、四季度多）"}
PRODUCTION_WORDS = ("投产", "达产", "达效", "投用", "运营", "投入使用")


def spread(amount: Decimal, weights: tuple[int, ...]) -> list[Decimal]:
    """``amount`` split by ``weights`` into cents that add up exactly (the last takes the rest)."""
    total = sum(weights)
    if total == 0:
        return [Decimal("0.00")] * len(weights)
    parts = [(amount * w / total).quantize(CENT, rounding=ROUND_DOWN) for w in weights]
    parts[-1] += amount - sum(parts)
    return parts


def monthly_plan(
    annual: Decimal, quarters: dict[int, Decimal], profile: str = "even"
) -> dict[int, Decimal]:
    """Months 1-12 from the annual figure: quarters given are spread within their months by the
    profile; what remains of the annual is spread over the other months by the profile."""
    weights = PROFILES.get(profile, PROFILES["even"])
    months: dict[int, Decimal] = {}
    for quarter, amount in quarters.items():
        span = range(quarter * 3 - 2, quarter * 3 + 1)
        for month, part in zip(
            span, spread(amount, tuple(weights[m - 1] for m in span)), strict=True
        ):
            months[month] = part
    rest = [m for m in range(1, 13) if m not in months]
    if rest:
        remaining = max(annual - sum(quarters.values(), Decimal(0)), Decimal(0))
        parts = spread(remaining, tuple(weights[m - 1] for m in rest))
        months.update(zip(rest, parts, strict=True))
    return {month: amount for month, amount in sorted(months.items()) if amount}


def derived_code(year: int, number: int, group: int | None = None, width: int = 3) -> str:
    """ "2026-007", or "2026-2-007" when the 序号 restarts in every group."""
    middle = f"{group}-" if group else ""
    return f"{year}-{middle}{number:0{width}d}"


def stage_from_start(start_year: int | None, year: int) -> str:
    """Started before the campaign year: under construction; otherwise (or unknown) 前期."""
    if start_year is not None and start_year < year:
        return Stage.CONSTRUCTION
    return Stage.PREPARATION


def target_from_goal(goal: str) -> str:
    """A goal that speaks of production (投产, 达效, 投用…) is 投产达效; any other, 加快建设."""
    return (
        TargetKind.PRODUCTION
        if any(w in (goal or "") for w in PRODUCTION_WORDS)
        else (TargetKind.ACCELERATE)
    )

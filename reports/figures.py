"""The arithmetic of the reports: shares, 序时进度, groups, card counts, rankings. Pure functions.

序时进度 (time-elapsed progress) is the plan due by the day as a share of the annual plan; a
unit is "ahead" or "behind" by the difference, in percentage points, between the share of the
annual plan it has done and that share.
"""

import json
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Mapping
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder

from dashboard.rankings.rules import Standing, group_scores, period_scores, rank, ranks_of

ZERO = Decimal(0)
TENTH = Decimal("0.1")
CENT = Decimal("0.01")
# The half-year and annual combined score: weekly cards count 70 %, on-site observation 30 %.
OBSERVATION_WEIGHT = Decimal("0.3")


def pct(part: Decimal, whole: Decimal) -> Decimal | None:
    """``part`` as a percentage of ``whole``, to one decimal; None when ``whole`` is zero."""
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(TENTH, rounding=ROUND_HALF_UP)


def investment(plan: Decimal, due: Decimal, done: Decimal) -> dict[str, Any]:
    """Plan, due and done with the shares: done of plan, 序时进度, and points ahead (+) or
    behind (−)."""
    pct_plan, pct_due = pct(done, plan), pct(due, plan)
    gap = None if pct_plan is None or pct_due is None else pct_plan - pct_due
    return {
        "plan": plan,
        "due": due,
        "done": done,
        "pct_plan": pct_plan,
        "pct_due": pct_due,
        "gap_points": gap,
        "pct_of_due": pct(done, due),
    }


def card_counts(cards: Iterable[str]) -> dict[str, int]:
    counts = {"blue": 0, "yellow": 0, "red": 0, "unscored": 0}
    for card in cards:
        counts[card if card in counts else "unscored"] += 1
    return counts


def groups(rows: Iterable, key: Callable, name: Callable) -> list[dict[str, Any]]:
    """Projects summed by unit or leader: money with its shares, projects and their cards,
    best share of the annual plan first."""
    members: dict[Hashable, list] = defaultdict(list)
    names: dict[Hashable, str] = {}
    for row in rows:
        members[key(row)].append(row)
        names[key(row)] = name(row)
    result = []
    for group, items in members.items():
        total = investment(
            sum((r.annual_plan for r in items), ZERO),
            sum((r.due for r in items), ZERO),
            sum((r.done for r in items), ZERO),
        )
        result.append(
            {
                "key": group,
                "name": names[group],
                "projects": len(items),
                **total,
                **card_counts(r.card for r in items),
            }
        )
    result.sort(key=lambda g: (-(g["pct_plan"] or ZERO), g["name"]))
    return result


def standings(
    current: Mapping[Hashable, tuple[Decimal | None, int]],
    previous: Mapping[Hashable, tuple[Decimal | None, int]],
    names: Mapping[Any, str],  # keyed by any hashable: project, unit or leader ids
    groups_of: Mapping[Any, Hashable] | None = None,
    group_names: Mapping[Any, str] | None = None,
) -> list[dict[str, Any]]:
    """Ranks over a period with the change since the previous one (dashboard.rankings.rules), from
    per-project (score, weeks) maps: of the projects, or with ``groups_of`` (project → unit or
    leader) of the groups, each the average of its projects."""
    now = dict(current)
    for key in names:  # a project with no score at all is listed, unranked
        now.setdefault(key, (None, 0))
    before = dict(previous)
    if groups_of is not None:
        now, before = group_scores(now, groups_of), group_scores(before, groups_of)
        names = group_names or {}
    ranked: list[Standing] = rank(now, ranks_of(rank(before)))
    return [
        {
            "key": s.key,
            "name": names.get(s.key, str(s.key)),
            "score": s.score,
            "rank": s.rank,
            "change": s.change,
            "weeks": s.weeks,
        }
        for s in ranked
    ]


def weekly_scores(rows: Iterable[tuple]) -> dict[Hashable, tuple[Decimal | None, int]]:
    """(project, total, exempt) rows → project → (average, weeks counted): scoring's rule."""
    return period_scores(rows)


def combined(weekly: Decimal | None, observed: Decimal | None) -> Decimal | None:
    """The half-year and annual score: weekly average and on-site score (both 0..100) weighed;
    the weekly average alone when a project was not observed."""
    if weekly is None:
        return observed
    if observed is None:
        return weekly
    score = weekly * (1 - OBSERVATION_WEIGHT) + observed * OBSERVATION_WEIGHT
    return score.quantize(CENT, rounding=ROUND_HALF_UP)


def frozen(data: Any) -> Any:
    """The snapshot as it is stored and read back: Decimals and dates become strings, so a
    report renders the same from a fresh build and from the database next year."""
    return json.loads(json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False))

"""Rankings (大比拼) of projects, units and leaders over a period, with the change of rank since
the previous period (双亮牌). Pure functions of stored weekly totals.

A period's score is the average of the weekly totals in it; weeks with no score (not yet scored,
or exempted) are left out rather than counted as zero, so a project is not punished twice.
A project with no score at all in the period is listed after the ranked ones, without a rank.
Ties share a rank and the next rank skips (1, 2, 2, 4).
"""

from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")


@dataclass(frozen=True)
class Standing:
    key: Hashable
    score: Decimal | None
    rank: int | None
    previous_rank: int | None = None
    weeks: int = 0

    @property
    def change(self) -> int | None:
        """Places gained since the previous period (positive = up); None when new or unranked."""
        if self.rank is None or self.previous_rank is None:
            return None
        return self.previous_rank - self.rank


def average(values: Iterable[Decimal]) -> Decimal | None:
    values = list(values)
    if not values:
        return None
    return (sum(values, Decimal(0)) / len(values)).quantize(CENT, rounding=ROUND_HALF_UP)


def period_scores(
    weekly: Iterable[tuple[Hashable, Decimal | None, bool]],
) -> dict[Hashable, tuple[Decimal | None, int]]:
    """(key, weekly total or None, exempt) rows → key → (average, number of weeks counted)."""
    totals: dict[Hashable, list[Decimal]] = defaultdict(list)
    seen: set[Hashable] = set()
    for key, total, exempt in weekly:
        seen.add(key)
        if total is not None and not exempt:
            totals[key].append(total)
    return {key: (average(totals.get(key, [])), len(totals.get(key, []))) for key in seen}


def rank(
    scores: Mapping[Hashable, tuple[Decimal | None, int]],
    previous: Mapping[Hashable, int | None] | None = None,
) -> list[Standing]:
    """Competition ranking, best first; ties share a rank; keys order ties for a stable list."""
    previous = previous or {}
    scored = sorted(
        ((k, s, n) for k, (s, n) in scores.items() if s is not None),
        key=lambda item: (-item[1], str(item[0])),
    )
    standings, last_score, last_rank = [], None, 0
    for position, (key, score, weeks) in enumerate(scored, start=1):
        current = last_rank if score == last_score else position
        last_score, last_rank = score, current
        standings.append(Standing(key, score, current, previous.get(key), weeks))
    unranked = sorted((k for k, (s, _n) in scores.items() if s is None), key=str)
    standings += [Standing(key, None, None, previous.get(key), 0) for key in unranked]
    return standings


def group_scores(
    project_scores: Mapping[Hashable, tuple[Decimal | None, int]],
    groups: Mapping[Hashable, Hashable],
) -> dict[Hashable, tuple[Decimal | None, int]]:
    """Units' or leaders' scores: the average of their projects' period scores."""
    members: dict[Hashable, list[Decimal]] = defaultdict(list)
    counted: dict[Hashable, int] = defaultdict(int)
    for project, group in groups.items():
        score, _weeks = project_scores.get(project, (None, 0))
        counted[group] += 0
        if score is not None:
            members[group].append(score)
            counted[group] += 1
    return {group: (average(members.get(group, [])), counted[group]) for group in counted}


def ranks_of(standings: Iterable[Standing]) -> dict[Hashable, int | None]:
    return {s.key: s.rank for s in standings}

"""半年观摩 — the half-year observation report: the closed observation rounds of the half with
their criteria, each project's on-site score criterion by criterion (the inspectors' sheets
combined) and the inspectors' commentary, and the combined ranking (weekly cards 70 %, on site
30 %) of projects, units and leaders with the change since the previous half."""

from collections.abc import Hashable
from decimal import Decimal

from observation import selectors as observation
from projects.models import Campaign

from .. import data, figures, sections
from ..periods import Period
from .sheets import INT, SCORE, TEXT, Column, Sheet, ranking_sheet

TITLE = "半年观摩"


def _combined(campaign: Campaign, period: Period) -> tuple[dict, dict, list, dict]:
    """Per project (combined score, weeks), the on-site (average, inspectors), the rounds and
    the weekly (average, weeks)."""
    rounds = observation.closed_rounds(campaign, period.start, period.end)
    observed: dict[Hashable, tuple[Decimal | None, int]] = {
        pid: score for pid, score in observation.averages(r.pk for r in rounds).items()
    }
    weekly = figures.weekly_scores(data.weekly_totals(campaign, period.weeks()))
    keys = set(weekly) | set(observed)
    scores = {
        pid: (
            figures.combined(weekly.get(pid, (None, 0))[0], observed.get(pid, (None, 0))[0]),
            weekly.get(pid, (None, 0))[1],
        )
        for pid in keys
    }
    return scores, observed, rounds, weekly


def build(campaign: Campaign, period: Period) -> dict:
    week = period.last_week
    rows = data.project_rows(campaign, week, period.previous().last_week)
    scores, observed, rounds, weekly = _combined(campaign, period)
    previous, *_ = _combined(campaign, period.previous())
    notes = observation.commentary(r.pk for r in rounds)
    round_ids = [r.pk for r in rounds]
    criteria = observation.criteria_of(round_ids)
    by_criterion = {
        pid: result.criteria for pid, result in observation.project_results(round_ids).items()
    }
    snapshot = sections.header(campaign, period, TITLE, week)
    projects = [
        {
            "code": r.code,
            "name": r.name,
            "unit": r.unit,
            "leader": r.leader,
            "weekly": weekly.get(r.id, (None, 0))[0],
            "observed": observed.get(r.id, (None, 0))[0],
            "inspectors": observed.get(r.id, (None, 0))[1],
            "combined": scores.get(r.id, (None, 0))[0],
            # Each criterion's average, in the order of the snapshot's criteria.
            "marks": [by_criterion.get(r.id, {}).get(c["name"]) for c in criteria],
            "comments": notes.get(r.id, []),
        }
        for r in rows
    ]
    projects.sort(key=lambda p: (-(p["combined"] or Decimal(-1)), p["code"]))
    # The report's own table: the projects the inspectors saw, best on-site score first.
    seen = sorted(
        (p for p in projects if p["observed"] is not None),
        key=lambda p: (-p["observed"], p["code"]),
    )
    snapshot.update(
        overview=sections.overview(campaign, rows),
        rounds=observation.round_stats(rounds),
        criteria=criteria,
        drop_extremes=any(r.drop_extremes for r in rounds),
        observation=projects,
        observed=seen,
        weights={
            "weekly": int(100 - figures.OBSERVATION_WEIGHT * 100),
            "observed": int(figures.OBSERVATION_WEIGHT * 100),
        },
        rankings=sections.ranking_sets(rows, scores, previous),
        empty=False,
    )
    return snapshot


def sheets(snapshot: dict) -> list:
    criteria = snapshot.get("criteria", [])  # a report built before the criteria has none
    rows = [
        {
            **p,
            **{f"criterion_{i}": mark for i, mark in enumerate(p.get("marks", []))},
            "comments_text": "；".join(f"{c['inspector']}：{c['text']}" for c in p["comments"]),
        }
        for p in snapshot["observation"]
    ]
    ranks = snapshot["rankings"]
    return [
        Sheet(
            "观摩得分",
            [
                Column("项目名称", "name", TEXT, 36),
                Column("责任单位", "unit", TEXT, 16),
                Column("包靠领导", "leader", TEXT, 10),
                Column("周平均得分", "weekly", SCORE, 10),
                *(
                    Column(f"{c['name']}（{_points(c['points'])}分）", f"criterion_{i}", SCORE, 10)
                    for i, c in enumerate(criteria)
                ),
                Column("观摩得分", "observed", SCORE, 10),
                Column("评分人数", "inspectors", INT, 8),
                Column("综合得分", "combined", SCORE, 10),
                Column("观摩点评", "comments_text", TEXT, 80),
            ],
            rows,
            totals={},
        ),
        ranking_sheet(ranks["projects"], "项目综合排名", "项目名称"),
        ranking_sheet(ranks["units"], "单位综合排名", "责任单位"),
        ranking_sheet(ranks["leaders"], "领导综合排名", "包靠领导"),
    ]


def _points(value) -> str:
    return f"{Decimal(str(value)).normalize():f}"

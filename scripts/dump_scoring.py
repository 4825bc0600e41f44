"""Dump every stored outcome of scoring, to diff two databases scored the same way.

Usage:
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/<db> .venv/bin/python \
        scripts/dump_scoring.py [--score] [--now 2026-12-01T12:00] > dump.txt

With ``--score``, first scores the ``--weeks`` latest due weeks (at ``--now``) of every campaign,
oldest first, then changes a fixed sample of the last two weeks' reports and scores those weeks
again (the "changed" path: updated scores, moved cards, dismissed flags). Prints one sorted line per
score, score history record, project card, card history record, flag and scoring run, without
the clock times of the run (scored_at, found_at) that differ between any two runs.
"""

import argparse
import datetime as dt
import json
import os
import sys
import time
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.db.models import F  # noqa: E402
from django.utils import timezone  # noqa: E402

from projects.models import COUNTED, Campaign, Project, WeeklyReport  # noqa: E402
from scoring.due import due_weeks  # noqa: E402
from scoring.models import ReportFlag, ScoringRun, WeeklyScore  # noqa: E402
from scoring.services import score_campaign_week  # noqa: E402


def score(now: dt.datetime, count: int) -> None:
    start, cpu = time.perf_counter(), time.process_time()
    campaigns = list(Campaign.objects.order_by("pk"))
    for campaign in campaigns:
        for monday in due_weeks(campaign, now)[-count:]:
            score_campaign_week(campaign=campaign, week=monday)
    # Touch every 17th counted report of the last two weeks, then score those weeks again.
    latest = ScoringRun.objects.order_by("-week").values_list("week", flat=True).first()
    if latest is None:
        sys.exit("No week scored: nothing to touch.")
    touched = list(
        WeeklyReport.objects.filter(COUNTED, week__gte=latest - dt.timedelta(days=7))
        .order_by("pk")
        .values_list("pk", flat=True)
    )[::17]
    WeeklyReport.objects.filter(pk__in=touched[::2]).update(progress="本周无进展")
    WeeklyReport.objects.filter(pk__in=touched[1::2]).update(ytd_investment=F("ytd_investment") * 0)
    for campaign in campaigns:
        for monday in due_weeks(campaign, now)[-2:]:
            score_campaign_week(campaign=campaign, week=monday, reason="rescored")
    print(
        f"# scored {count} weeks of {len(campaigns)} campaigns, {len(touched)} reports "
        f"changed, 2 weeks again: {time.perf_counter() - start:.1f} s, "
        f"cpu {time.process_time() - cpu:.1f} s",
        file=sys.stderr,
    )


def rows(values: Iterable[Mapping[str, Any]]) -> Iterator[dict[str, Any]]:
    """Each row of a ``values()`` query as a plain dict, so its keys can be popped."""
    return (dict(row) for row in values)


def dump() -> None:
    code = dict(Project.objects.values_list("pk", "code"))
    lines = []
    for s in rows(
        WeeklyScore.objects.values(
            "project_id", "week", "rubric_version_id", "total", "card", "exempt", "breakdown"
        )
    ):
        b = json.dumps(s.pop("breakdown"), sort_keys=True, ensure_ascii=False)
        lines.append(f"score {code[s.pop('project_id')]} {json.dumps(s, default=str)} {b}")
    for h in rows(WeeklyScore.history.values(
        "project_id", "week", "total", "card", "history_type", "history_user_id",
        "history_change_reason", "breakdown",
    )):  # fmt: skip
        b = json.dumps(h.pop("breakdown"), sort_keys=True, ensure_ascii=False)
        lines.append(f"score-history {code[h.pop('project_id')]} {json.dumps(h, default=str)} {b}")
    for pk, card in Project.objects.values_list("pk", "card"):
        lines.append(f"card {code[pk]} {card}")
    for h in rows(
        Project.history.filter(history_type="~").values(
            "id", "card", "history_user_id", "history_change_reason"
        )
    ):
        lines.append(f"card-history {code[h.pop('id')]} {json.dumps(h, default=str)}")
    for f in rows(
        ReportFlag.objects.values(
            "project_id", "week", "last_week", "key", "evidence", "status", "finding"
        )
    ):
        lines.append(
            f"flag {code[f.pop('project_id')]} {json.dumps(f, default=str, ensure_ascii=False)}"
        )
    for r in ScoringRun.objects.values(
        "campaign__name", "week", "rubric_version_id", "projects", "blue", "yellow", "red"
    ):
        lines.append(f"run {json.dumps(r, default=str, ensure_ascii=False)}")
    lines.sort()
    sys.stdout.write("\n".join(lines) + "\n")
    print(f"# {len(lines)} lines from {connection.settings_dict['NAME']}", file=sys.stderr)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--score", action="store_true")
    parser.add_argument("--now", default="2026-12-01T12:00")
    parser.add_argument("--weeks", type=int, default=12, help="the latest due weeks to score")
    args = parser.parse_args()
    if args.score:
        score(timezone.make_aware(dt.datetime.fromisoformat(args.now)), args.weeks)
    dump()


if __name__ == "__main__":
    main()

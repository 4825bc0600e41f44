"""Everything the other apps derive from the demo's history, so every page has something true to
show: the problem register, the observation rounds held, the cards of every past week, the
ladder, the outlook and the archive of past reports."""

import random
import time

from dashboard.tasks import refresh_outlooks
from reports.due import reports_backfill
from scoring.due import score_due_weeks

from .district import DemoSummary
from .ladder import demo_workflow, replay
from .observation import seed_observation
from .problems import seed_problems


def bring_to_life(summary: DemoSummary, seed: int) -> str:
    """Derive it all for a seeded district, in the order the schedule would have; one line of
    counts for the command to print."""
    started = time.monotonic()
    campaign = summary.campaigns[-1]
    problems = seed_problems(campaign, random.Random(seed))
    # Before scoring: a closed round counts in the weeks' assessment item.
    rounds = seed_observation(campaign, random.Random(seed))
    scored = score_due_weeks(campaign_ids=[c.pk for c in summary.campaigns])
    ladder = [replay(campaign), demo_workflow(campaign)]
    refresh_outlooks()
    # The archive of past weekly, biweekly, monthly… reports, built (not mailed) as the
    # schedule would have built them.
    reports = [r for c in summary.campaigns for r in reports_backfill(campaign=c)]
    return (
        f"问题：{sum(v for v in problems.values() if isinstance(v, int))} 条；"
        f"观摩：{len(rounds)} 轮；评分：{len(scored)} 周；督办：{'；'.join(ladder) or '无'}；"
        f"报告：{len(reports)} 份；用时 {time.monotonic() - started:.1f} 秒。"
    )

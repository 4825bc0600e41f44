"""Score a week by hand: ``manage.py score_week [--campaign YEAR] [--week 2026-W47]``.

The same service as the scheduled job; running it twice gives the same cards. ``--due`` scores
every week that needs it, as the beat task does.
"""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from projects import weeks
from projects.choices import CARD_LABELS_ZH
from projects.models import Campaign
from scoring import due
from scoring.models import RubricVersion
from scoring.services import score_campaign_week

CARD_NAMES = CARD_LABELS_ZH


class Command(BaseCommand):
    help = "对一个比拼年度的某一周评分定牌（默认：最近一个已过报送截止时间的周），并输出各色牌数。"

    def add_arguments(self, parser):
        parser.add_argument(
            "--campaign", type=int, help="比拼年度，如 2026（默认：所评周所在年度）"
        )
        parser.add_argument("--week", help="ISO 周，如 2026-W47（默认：最近一个已截止的周）")
        parser.add_argument("--region", help="区域代码（默认：所有区域）")
        parser.add_argument(
            "--rubric", type=int, help="评分细则版本号（默认：该周原版本或现行版本）"
        )
        parser.add_argument("--due", action="store_true", help="评完所有到期未评或需重评的周")

    def handle(self, *args, **options):
        if options["due"]:
            return self._due(options)
        week = None
        if options["week"]:
            try:
                week = weeks.parse_week(options["week"])
            except ValueError as exc:
                raise CommandError(f"周的格式应为 2026-W47：{exc}") from exc
        year = options["campaign"] or (weeks.campaign_year(week) if week else None)
        if year is None:
            # The campaign of last week, the latest that can be due: 2026's until 2027-W01 ends.
            year = weeks.campaign_year(weeks.current_week() - dt.timedelta(days=7))
        campaigns = Campaign.objects.filter(year=year).select_related("region")
        if options["region"]:
            campaigns = campaigns.filter(region__code=options["region"])
        if not campaigns:
            raise CommandError(f"没有 {year} 年度的比拼。")
        for campaign in campaigns:
            self._score(campaign, week, options["rubric"])

    def _score(self, campaign, week, number):
        if week is None:
            due_list = due.due_weeks(campaign, timezone.now())
            if not due_list:
                raise CommandError(f"{campaign.name}：还没有已过报送截止时间的周。")
            week = due_list[-1]
        if not campaign.holds_week(week):
            raise CommandError(f"{weeks.week_label(week)} 不属于 {campaign.year} 年度。")
        if week not in due.due_weeks(campaign, timezone.now()):
            # Before the deadline every unreported week would score as missing.
            raise CommandError(f"{weeks.week_label(week)} 还没到报送截止时间，不能评分。")
        version = None
        if number is not None:
            version = RubricVersion.objects.filter(campaign=campaign, number=number).first()
            if version is None:
                raise CommandError(f"{campaign.name} 没有第 {number} 版评分细则。")
        scored = score_campaign_week(campaign=campaign, week=week, rubric_version=version)
        counts = {card: 0 for card in CARD_NAMES}
        for item in scored:
            counts[item.result.card] += 1
        summary = "，".join(f"{CARD_NAMES[card]} {n} 个" for card, n in counts.items())
        self.stdout.write(
            f"{campaign.name} {weeks.week_label(week)}：评分 {len(scored)} 个项目，{summary}。"
        )

    def _due(self, options):
        ids = None
        if options["campaign"]:
            ids = list(
                Campaign.objects.filter(year=options["campaign"]).values_list("pk", flat=True)
            )
        outcomes = due.score_due_weeks(campaign_ids=ids)
        for outcome in outcomes:
            summary = "，".join(f"{CARD_NAMES[c]} {n} 个" for c, n in outcome.counts.items())
            why = "新评" if outcome.why == "new" else "重评"
            self.stdout.write(
                f"{outcome.campaign.name} {weeks.week_label(outcome.week)}（{why}）：{summary}。"
            )
        self.stdout.write(self.style.SUCCESS(f"共评分 {len(outcomes)} 周。"))

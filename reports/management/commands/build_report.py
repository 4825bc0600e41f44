"""Build a report by hand for any period: ``manage.py build_report KIND --period P
[--campaign YEAR] [--region CODE] [--out DIR] [--send] [--reason TEXT]``.

The same service as the schedule. A period already built gets a new revision (a correction),
which is mailed only with ``--send``; ``--out`` writes the PDF and the Excel file into DIR.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from outbox.models import Message
from projects.models import Campaign
from reports import delivery, periods
from reports.choices import KIND_TITLES, ReportStatus
from reports.services import ReportError, report_build


class Command(BaseCommand):
    help = (
        "按期生成报告（PDF + Excel），可写入目录并发送："
        "每周梳理、半月调度、每月通报、季度总结、半年观摩、年度考核。"
    )

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=periods.KINDS, help="报告类型")
        parser.add_argument(
            "--period",
            required=True,
            help="期间，如 2026-W47、2026-W47/48、2026-11、2026-Q4、2026-H2、2026",
        )
        parser.add_argument("--campaign", type=int, help="比拼年度（默认：期间所在年度）")
        parser.add_argument("--region", help="区域代码（默认：该年度的所有区域）")
        parser.add_argument("--out", type=Path, help="把 PDF 和 Excel 写入此目录")
        parser.add_argument("--send", action="store_true", help="发送给该类报告的分发名单")
        parser.add_argument("--reason", default="", help="新版本的原因（已生成过时）")

    def handle(self, *args, **options):
        try:
            period = periods.parse(options["kind"], options["period"])
        except ValueError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        campaigns = Campaign.objects.filter(year=options["campaign"] or period.year)
        if options["region"]:
            campaigns = campaigns.filter(region__code=options["region"])
        if not campaigns:
            raise CommandError(f"没有 {options['campaign'] or period.year} 年度的比拼。")
        for campaign in campaigns.select_related("region"):
            self._one(campaign, period, options)

    def _one(self, campaign, period, options):
        try:
            report = report_build(
                campaign=campaign,
                period=period,
                reason=options["reason"] or "手工生成",
                send=options["send"],
            )
        except ReportError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        if options["send"] and report.revision > 1 and report.status == ReportStatus.PUBLISHED:
            with transaction.atomic():
                delivery.resend(report=report, user=None, token=f"command-{report.pk}")
        title = KIND_TITLES[period.kind]
        status = "无内容，不发送" if report.status == ReportStatus.EMPTY else "已生成"
        self.stdout.write(
            f"{campaign.name} {title}（{period.display}）第{report.revision}版{status}，"
            f"用时 {report.build_seconds} 秒。"
        )
        if options["out"]:
            out = options["out"]
            out.mkdir(parents=True, exist_ok=True)
            for field, suffix in ((report.pdf, "pdf"), (report.xlsx, "xlsx")):
                target = out / f"{report.file_stem}.{suffix}"
                with field.open("rb") as source:
                    target.write_bytes(source.read())
                self.stdout.write(f"  {target}")
        if options["send"]:
            sent = Message.objects.filter(ref=f"report:{report.pk}").count()
            self.stdout.write(f"  已写入发送队列 {sent} 条消息（由后台进程发送）。")

"""``manage.py export_projects FILE.xlsx``: write the project register of a campaign to Excel."""

import getpass
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from audit.kinds import Kind
from audit.log import record
from workbooks.export import export_register
from workbooks.selectors import campaign_for


class Command(BaseCommand):
    help = "把重点项目清单和节点计划导出为Excel工作簿"

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="要写入的Excel工作簿（.xlsx）")
        parser.add_argument("--campaign", type=int, metavar="YEAR", help="年度，默认最新年度")
        parser.add_argument("--region", metavar="CODE", help="地区代码，同一年度有多个地区时必填")

    def handle(self, *args, file: Path, campaign=None, region=None, **options):
        try:
            target = campaign_for(year=campaign, region_code=region)
        except LookupError as exc:
            raise CommandError(str(exc)) from exc
        if not file.parent.is_dir():
            raise CommandError(f"目录不存在：{file.parent}")
        result = export_register(target, file)
        # The security audit log: an export from the server's command line, by the OS account.
        record(
            None,
            Kind.EXPORT,
            target=file.name,
            username=f"manage.py ({getpass.getuser()})",
            detail=f"campaign {target.pk}: {file}",
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"已导出「{target}」：项目{result.projects}个，节点{result.nodes}个，写入 {file}"
            )
        )

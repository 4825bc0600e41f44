"""``manage.py import_projects FILE.xlsx``: load the project register of a campaign from Excel."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from projects.workbook import WorkbookError, campaign_for, import_register


class Command(BaseCommand):
    help = "从Excel工作簿导入重点项目清单和节点计划（有任何错误则全部不导入）"

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="Excel工作簿（.xlsx）")
        parser.add_argument("--campaign", type=int, metavar="YEAR", help="年度，默认最新年度")
        parser.add_argument("--region", metavar="CODE", help="地区代码，同一年度有多个地区时必填")
        parser.add_argument("--user", metavar="USERNAME", help="记入修改历史的用户名")

    def handle(self, *args, file: Path, campaign=None, region=None, user=None, **options):
        if not file.is_file():
            raise CommandError(f"文件不存在：{file}")
        try:
            target = campaign_for(year=campaign, region_code=region)
        except LookupError as exc:
            raise CommandError(str(exc)) from exc
        author = None
        if user:
            author = get_user_model().objects.filter(username=user).first()
            if author is None:
                raise CommandError(f"用户不存在：{user}")
        try:
            result = import_register(target, file, user=author)
        except WorkbookError as exc:
            for error in exc.errors:
                self.stderr.write(str(error))
            raise CommandError(f"导入失败：共{len(exc.errors)}处错误，未导入任何数据") from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"已导入到「{target}」：新增项目{result.created}个，更新项目{result.updated}个，"
                f"未变项目{result.unchanged}个，新增或更新节点{result.nodes}个"
            )
        )

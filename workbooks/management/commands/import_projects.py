"""``manage.py import_projects FILE --campaign YEAR --region CODE [--mapping NAME] [--dry-run]``:
load a district's register from its own Excel (.xlsx or .xls), printing the preview summary."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.files import File
from django.core.management.base import BaseCommand, CommandError

from workbooks import preview, reader, services
from workbooks.errors import WorkbookError
from workbooks.fill import PROFILES
from workbooks.models import ImportMapping, ImportStatus
from workbooks.selectors import campaign_for

KINDS = {"new": "新增", "changed": "变更", "unchanged": "未变", "error": "有错误"}


class Command(BaseCommand):
    help = "从区县自己的Excel台账导入重点项目清单（先预览，有任何错误则全部不导入）"

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="Excel工作簿（.xlsx或.xls）")
        parser.add_argument("--campaign", type=int, metavar="YEAR", help="年度，默认最新年度")
        parser.add_argument("--region", metavar="CODE", help="地区代码，同一年度有多个地区时必填")
        parser.add_argument("--mapping", metavar="NAME", help="使用已保存的导入模板（列对应关系）")
        parser.add_argument("--profile", choices=sorted(PROFILES), help="月度计划的分摊方式")
        parser.add_argument("--user", metavar="USERNAME", help="记入修改历史的用户名")
        parser.add_argument("--dry-run", action="store_true", help="只预览，不写入任何数据")

    def handle(self, *args, file: Path, campaign=None, region=None, **options):
        if not file.is_file():
            raise CommandError(f"文件不存在：{file}")
        try:
            target = campaign_for(year=campaign, region_code=region)
        except LookupError as exc:
            raise CommandError(str(exc)) from exc
        author = self._user(options.get("user"))
        template = None
        if options.get("mapping"):
            template = ImportMapping.objects.filter(
                region_id=target.region_id, name=options["mapping"]
            ).first()
            if template is None:
                raise CommandError(f"找不到导入模板：{options['mapping']}")
        extra = {"profile": options["profile"]} if options.get("profile") else {}
        if options["dry_run"]:
            self._dry_run(file, target, template, extra)
            return
        with file.open("rb") as stream:
            try:
                run = services.import_start(
                    campaign=target,
                    user=author,
                    upload=File(stream, name=file.name),
                    template=template,
                    options=extra,
                    inline=True,
                )
            except WorkbookError as exc:
                raise CommandError(f"导入失败：{exc}") from exc
        if run.status == ImportStatus.FAILED:
            raise CommandError(f"导入失败：{run.error}")
        self._summary(target, run.parsed, run.preview)
        preview = run.preview or {}
        if not preview.get("can_confirm"):
            raise CommandError(self._refusal(preview))
        try:
            run = services.import_confirm(run=run, user=author)
        except WorkbookError as exc:
            for error in exc.errors:
                self.stderr.write(str(error))
            raise CommandError(f"导入失败：共{len(exc.errors)}处错误，未导入任何数据") from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"已导入到「{target}」（导入记录#{run.pk}）：新增项目{run.created}个，"
                f"变更项目{run.updated}个，未变项目{run.unchanged}个"
            )
        )

    def _user(self, username):
        if not username:
            return None
        author = get_user_model().objects.filter(username=username).first()
        if author is None:
            raise CommandError(f"用户不存在：{username}")
        return author

    def _dry_run(self, file, target, template, extra):
        options = {**(template.options if template else {}), **extra}
        try:
            with file.open("rb") as stream:
                parsed = reader.read(
                    stream,
                    year=target.year,
                    options=options,
                    mapping=template.columns if template else None,
                )
        except WorkbookError as exc:
            raise CommandError(f"导入失败：{exc}") from exc
        shown = preview.as_json(preview.resolve(target, parsed, options), parsed)
        self._summary(target, parsed, shown)
        if not shown["can_confirm"]:
            raise CommandError(self._refusal(shown))
        self.stdout.write(self.style.SUCCESS("预览完成（--dry-run）：未写入任何数据"))

    def _summary(self, target, parsed, shown):
        out = self.stdout.write
        rows = "—".join(str(r) for r in (parsed["header_rows"][0], parsed["header_rows"][-1]))
        rows = str(parsed["header_rows"][0]) if len(parsed["header_rows"]) == 1 else rows
        unit = parsed["money_unit"] + ("" if parsed["unit_found"] else "（表中未写单位，按万元）")
        out(f"「{target}」← 工作表「{parsed['sheet']}」，表头第{rows}行，金额单位：{unit}")
        counts = shown["counts"]
        line = "，".join(f"{KINDS[k]}{counts[k]}个" for k in KINDS)
        out(f"项目行：{line}；跳过的行{len(parsed['skipped'])}个")
        out(f"年度计划投资合计：{float(shown['annual_total']):,.2f} 万元")
        for check in shown["totals"]:
            out("合计核对：" + _check_line(check))
        for rule in shown["rules"]:
            out(f"补充规则：{rule}")
        for line in shown["problems"] + shown["node_errors"]:
            self.stderr.write(line)
        for row in shown["rows"]:
            for error in row["errors"]:
                self.stderr.write(error)

    def _refusal(self, shown) -> str:
        count = shown["counts"]["error"] + len(shown["problems"]) + len(shown["node_errors"])
        return f"导入失败：共{count}处错误，未导入任何数据"


def _check_line(check: dict) -> str:
    label = check["label"]
    if check["status"] == "absent":
        return f"{label}：表中没有合计行，未核对"
    if check["status"] == "unknown":
        return f"{label}：合计行没有可核对的数值"
    if check["status"] == "ok":
        return f"{label}：与表中合计 {float(check['sheet']):,.2f} 万元一致"
    return (
        f"{label}：导入合计 {float(check['imported']):,.2f} 万元，表中合计 "
        f"{float(check['sheet']):,.2f} 万元，相差 {float(check['difference']):,.2f} 万元"
    )

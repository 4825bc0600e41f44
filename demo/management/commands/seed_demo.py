"""Load the demo district.

``manage.py seed_demo [--projects N] [--weeks W] [--reset] [--seed S] [--districts D]``; thin over
:func:`demo.district.seed_demo` (and, with ``--districts``, :func:`demo.city.seed_city`: a city of
D districts, each of N projects), then :func:`demo.life.bring_to_life` unless ``--no-score``.
"""

import argparse

from django.core.management.base import BaseCommand, CommandError

from accounts.choices import Role
from demo import pgcopy
from demo.city import seed_city
from demo.district import DemoError, DemoSummary, seed_demo
from demo.life import bring_to_life


class Command(BaseCommand):
    help = "载入演示数据：寒亭区的重点项目、单位、包靠领导、演示账号和每周填报历史。"

    def add_arguments(self, parser):
        parser.add_argument(
            "--projects", type=int, default=50, help="每个比拼年度的项目数（默认 50）"
        )
        parser.add_argument(
            "--weeks",
            type=int,
            default=None,
            help="填报历史的周数，截至当前填报周（默认：今年至今的所有周）",
        )
        parser.add_argument(
            "--districts",
            type=int,
            default=None,
            help="载入一个市（潍坊市）及其 N 个区县，各有单位、领导、比拼、评分细则和截止时间",
        )
        parser.add_argument("--reset", action="store_true", help="先删除演示区域的全部数据")
        parser.add_argument("--seed", type=int, default=2026, help="随机数种子（默认 2026）")
        parser.add_argument(
            "--score",
            action=argparse.BooleanOptionalAction,
            default=None,
            help="载入后评分定牌、生成问题和督办（默认：不超过 200 个项目时执行）",
        )

    def handle(self, *args, **options):
        if options["projects"] < 1:
            raise CommandError("--projects 必须是不小于 1 的整数。")
        if options["weeks"] is not None and options["weeks"] < 1:
            raise CommandError("--weeks 必须是不小于 1 的整数。")
        if options["districts"] is not None:
            return self._city(options)
        try:
            summary = seed_demo(
                projects=options["projects"],
                weeks=options["weeks"],
                seed=options["seed"],
                reset=options["reset"],
                stdout=self.stdout,
            )
        except DemoError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(accounts_table(summary))
        self.stdout.write("")
        years = "、".join(str(c.year) for c in summary.campaigns)
        self.stdout.write(f"比拼年度：{years}；当前填报周：{summary.reporting_week.isoformat()}")
        for name, count in summary.counts.items():
            self.stdout.write(f"  {COUNT_LABELS.get(name, name)}：{count}")
        self.stdout.write(self.style.SUCCESS(f"演示数据已载入，用时 {summary.seconds:.1f} 秒。"))
        pgcopy.analyze()
        score = options["score"] if options["score"] is not None else options["projects"] <= 200
        if score:
            self.stdout.write(bring_to_life(summary, options["seed"]))

    def _city(self, options) -> None:
        if options["districts"] < 1:
            raise CommandError("--districts 必须是不小于 1 的整数。")
        try:
            city = seed_city(
                districts=options["districts"],
                projects=options["projects"],
                weeks=options["weeks"],
                seed=options["seed"],
                reset=options["reset"],
                stdout=self.stdout,
            )
        except DemoError as exc:
            raise CommandError(str(exc)) from exc
        pgcopy.analyze()
        for username, role, title, region in city.accounts:
            self.stdout.write(f"{username}  {ROLE_LABELS[role]}  {title}（{region}）")
        total = options["projects"] * options["districts"]
        score = options["score"] if options["score"] is not None else total <= 400
        for summary in city.districts:
            self.stdout.write(f"\n{summary.region.name}：")
            self.stdout.write(accounts_table(summary, limit=12))
            if score:
                self.stdout.write(bring_to_life(summary, options["seed"]))
        seconds = sum(s.seconds for s in city.districts)
        self.stdout.write(
            self.style.SUCCESS(
                f"{city.city.name}：{len(city.districts)}个区县、每区{options['projects']}个项目，"
                f"载入用时 {seconds:.1f} 秒。"
            )
        )


ROLE_LABELS: dict[str, str] = {
    Role.ADMIN: "管理员",
    Role.SECURITY: "安全管理员",
    Role.AUDITOR: "审计管理员",
    Role.SUPERVISOR: "督导员",
    Role.MANAGER: "区领导（只读）",
    Role.LEADER: "包靠领导",
    Role.REPORTER: "填报员",
    Role.HANDLER: "要素保障部门",
}
COUNT_LABELS = {
    "campaigns": "比拼年度",
    "units": "责任单位",
    "departments": "要素保障部门",
    "leaders": "包靠领导",
    "users": "用户",
    "projects": "项目",
    "milestones": "节点",
    "reports": "周报",
    "late reports": "其中迟报",
    "nodes reached": "已达成节点",
    "reports draft": "周报·草稿",
    "reports submitted": "周报·已提交",
    "reports returned": "周报·已退回",
    "reports accepted": "周报·已审核",
}
HEADER = ("用户名", "角色", "姓名", "单位/包靠领导")


def accounts_table(summary: DemoSummary, limit: int = 60) -> str:
    """The demo accounts as a text table; past ``limit`` rows, the first two of each role."""
    rows = [
        (name, ROLE_LABELS[role], person, scope) for name, role, person, scope in summary.accounts
    ]
    if len(rows) > limit:
        shown: list[tuple[str, str, str, str]] = []
        by_role: dict[str, list[tuple[str, str, str, str]]] = {}
        for row in rows:
            by_role.setdefault(row[1], []).append(row)
        for group in by_role.values():
            shown += group[:2]
            if len(group) > 2:
                shown.append((f"… 另有{len(group) - 2}个", group[0][1], "", ""))
        rows = shown
    widths = [max(_width(row[i]) for row in [HEADER, *rows]) for i in range(4)]
    lines = [
        "  ".join(_pad(cell, widths[i]) for i, cell in enumerate(row)).rstrip()
        for row in [HEADER, *rows]
    ]
    lines.append(f"所有演示账号的密码：{summary.password}")
    return "\n".join(lines)


def _width(text: str) -> int:
    """Columns on a terminal: CJK characters take two."""
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))

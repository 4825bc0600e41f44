"""The preview: every row of the sheet compared with the register, with the rules that filled
what the sheet lacks and the totals check. Reads the database, writes nothing.

``resolve`` runs twice: for the page, and again inside the confirming transaction, so what is
written is computed against the register as it is at that moment. Its input is the parsed sheet
as stored on the import run (plain JSON), so confirming never reads the file again.
"""

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from accounts.models import Leader, Unit
from projects.choices import NodeKind
from projects.models import Campaign, Milestone, MonthlyPlan, Project

from . import fields, fill, values
from .format import CATEGORY_LABELS, STAGE_LABELS, TARGET_LABELS
from .values import key

DATE_NODES = {
    "start_date": (NodeKind.START, "开工"),
    "completion_date": (NodeKind.COMPLETION, "竣工"),
    "production_date": (NodeKind.PRODUCTION, "投产"),
}
PROJECT_FIELDS: tuple[str, ...] = ("name", "category", "target", "stage", "total_investment")
PROJECT_FIELDS += ("annual_plan",)
PROJECT_FIELDS += ("location", "owner", "description", "annual_goal", "remarks")
PROJECT_FIELDS += ("start_year", "end_year", "lat", "lon")
# Sheet field -> Project field, for the values copied as they are.
DIRECT = {
    "name": "name",
    "total": "total_investment",
    "location": "location",
    "owner": "owner",
    "description": "description",
    "annual_goal": "annual_goal",
    "remarks": "remarks",
    "lat": "lat",
    "lon": "lon",
}
NUMBERS = {"total_investment", "lat", "lon"}
LABELS = {
    "name": "项目名称",
    "category": "项目类别",
    "unit": "责任单位",
    "leader": "包靠领导",
    "task_force": "专班",
    "target": "年度目标",
    "stage": "当前阶段",
    "total_investment": "总投资",
    "annual_plan": "年度计划投资",
    "months": "月度计划",
    "location": "建设地点",
    "owner": "建设单位",
    "description": "建设内容",
    "annual_goal": "年度建设目标",
    "remarks": "备注",
    "start_year": "开工年份",
    "end_year": "完工年份",
    "lat": "纬度",
    "lon": "经度",
    "nodes": "节点",
}
DEFAULT_OPTIONS = {"profile": "even", "category": "industry", "target": "goal"}


def load_values(raw: dict) -> dict:
    """A parsed row's values back from JSON: amounts as Decimal, dates as dates."""
    out: dict[str, object] = {}
    for name, value in raw.items():
        if name in fields.MONEY_FIELDS or name in ("lat", "lon"):
            out[name] = Decimal(value)
        elif name.endswith("_date"):
            out[name] = dt.date.fromisoformat(value)
        elif name in ("leader", "period"):
            out[name] = tuple(value)
        else:
            out[name] = value
    return out


@dataclass
class Row:
    """One project row of the preview, ready to be written if it has no error."""

    row: int
    status: str = "new"
    code: str = ""
    name: str = ""
    project_id: int | None = None
    values: dict = field(default_factory=dict)  # Project fields, unit/leader/task force by name
    months: dict[int, Decimal] = field(default_factory=dict)
    nodes: list[tuple[str, str, dt.date, dt.date | None]] = field(default_factory=list)
    changes: list[tuple[str, str, str]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    annual: Decimal | None = None


@dataclass
class Resolution:
    rows: list[Row]
    rules: list[str]
    new_units: list[str]
    new_leaders: list[tuple[str, str]]
    retitled: list[tuple[int, str]]
    counts: dict[str, int]
    annual_total: Decimal
    totals: list[dict]
    node_errors: list[str] = field(default_factory=list)

    @property
    def can_confirm(self) -> bool:
        return self.counts["error"] == 0 and not self.node_errors


class _Register:
    """The campaign's register as it is now, loaded in a fixed number of queries."""

    def __init__(self, campaign: Campaign):
        self.projects = {
            p.code: p
            for p in Project.objects.filter(campaign=campaign).select_related(
                "unit", "leader", "task_force"
            )
        }
        self.by_name = {key(p.name): p for p in self.projects.values()}
        self.plans: dict[int, dict[int, Decimal]] = defaultdict(dict)
        for pid, month, amount in MonthlyPlan.objects.filter(
            project__campaign=campaign
        ).values_list("project_id", "month", "amount"):
            self.plans[pid][month] = amount
        self.nodes: dict[int, dict[tuple, tuple]] = defaultdict(dict)
        for pid, kind, name, planned, reached in Milestone.objects.filter(
            project__campaign=campaign
        ).values_list("project_id", "kind", "name", "planned_date", "reached_on"):
            self.nodes[pid].setdefault((kind, name), (planned, reached))
        units = list(Unit.objects.filter(region_id=campaign.region_id).order_by("pk"))
        self.units = {key(u.short_name): u for u in units if u.short_name}
        self.units.update({key(u.name): u for u in units})  # a full name wins over a short one
        self.shared_short = defaultdict(list)
        for unit in units:
            if unit.short_name:
                self.shared_short[key(unit.short_name)].append(unit.name)
        self.full_names = {key(u.name) for u in units}
        self.leaders: dict[str, Leader] = {}
        for leader in Leader.objects.filter(region_id=campaign.region_id).order_by("pk"):
            # A leader once stored as "张三（副区长）" is still the person 张三.
            person = values.person(leader.name)
            self.leaders.setdefault(key(person[0]) if person else key(leader.name), leader)
            self.leaders.setdefault(key(leader.name), leader)


def resolve(campaign: Campaign, parsed: dict, options: dict | None = None) -> Resolution:
    """Compare the parsed sheet with the register; fill by the stated rules; check totals."""
    options = {**DEFAULT_OPTIONS, **(options or {})}
    register = _Register(campaign)
    mapped = set(parsed["mapped"])
    columns = parsed["columns"]
    rules: Counter = Counter()
    rows: list[Row] = []
    seqs = [r["values"].get("seq") for r in parsed["rows"]]
    seq_unique = None not in seqs and len(set(seqs)) == len(seqs)
    width = max(3, len(str(max((s for s in seqs if s), default=0))))
    codes_seen: dict[str, int] = {}
    taken = set(register.projects)
    new_units: dict[str, str] = {}
    new_leaders: dict[str, str] = {}
    retitled: dict[int, str] = {}
    for position, raw in enumerate(parsed["rows"], start=1):
        got = load_values(raw["values"])
        row = Row(raw["row"], errors=list(raw["errors"]), warnings=list(raw["warnings"]))
        rows.append(row)
        row.name = got.get("name", "")
        project = _match(register, got, mapped, rules)
        row.code = _code(campaign, got, raw, project, mapped, seq_unique, width, position)
        if project is None and "code" not in got:
            row.code = _free(row.code, taken, rules)
        if "code" not in got and project is None:
            rules["code"] += 1
        if row.code in codes_seen:
            row.errors.append(
                _at(
                    columns,
                    "code",
                    raw["row"],
                    f"项目编号重复：{row.code}（已在第{codes_seen[row.code]}行出现）",
                )
            )
        codes_seen.setdefault(row.code, raw["row"])
        taken.add(row.code)
        row.project_id = project.pk if project else None
        _values(row, got, project, mapped, options, raw, rules, campaign.year)
        _people(row, got, project, register, columns, new_units, new_leaders, retitled)
        _plan(row, got, project, register, mapped, options, rules)
        _nodes(row, got, project, register, campaign.year)
    node_errors = _sheet_nodes(parsed.get("nodes") or [], rows, register, campaign.year)
    by_pk = {p.pk: p for p in register.projects.values()}
    for row in rows:
        _diff(row, by_pk.get(row.project_id) if row.project_id is not None else None, register)
    counts = Counter(row.status for row in rows)
    annual_total = sum((r.annual for r in rows if r.annual is not None), Decimal("0.00"))
    return Resolution(
        rows=rows,
        rules=_rule_lines(rules, options, campaign.year, width),
        new_units=list(new_units.values()),
        new_leaders=list(new_leaders.items()),
        retitled=list(retitled.items()),
        counts={s: counts.get(s, 0) for s in ("new", "changed", "unchanged", "error")},
        annual_total=annual_total,
        totals=_totals(parsed, rows, annual_total),
        node_errors=node_errors,
    )


def _at(columns: dict, name: str, row: int, message: str) -> str:
    letter, label = columns.get(name, ("", ""))
    place = f"第{row}行 {letter}列（{label}）" if letter else f"第{row}行"
    return f"{place}：{message}"


def _match(register: _Register, got: dict, mapped: set, rules: Counter) -> Project | None:
    """By code when the sheet has codes; otherwise by the project's name."""
    if "code" in got:
        return register.projects.get(got["code"])
    if "code" in mapped:
        return None
    project = register.by_name.get(key(got.get("name", "")))
    if project is not None:
        rules["name_match"] += 1
    return project


def _code(campaign, got, raw, project, mapped, seq_unique, width, position) -> str:
    if "code" in got:
        return got["code"]
    if project is not None:
        return project.code
    seq = got.get("seq")
    if seq is not None and seq_unique:
        return fill.derived_code(campaign.year, seq, width=width)
    if seq is not None and raw.get("group"):
        return fill.derived_code(campaign.year, seq, raw["group"], width)
    return fill.derived_code(campaign.year, position, width=width)


def _free(code: str, taken: set, rules: Counter) -> str:
    """A derived code another project already has: the next free number after it."""
    if code not in taken:
        return code
    rules["code_taken"] += 1
    stem, number = code.rsplit("-", 1)
    n = int(number)
    while f"{stem}-{n:0{len(number)}d}" in taken:
        n += 1
    return f"{stem}-{n:0{len(number)}d}"


def _values(row: Row, got, project, mapped, options, raw, rules, year) -> None:
    values = row.values
    for sheet_field, model_field in DIRECT.items():
        if sheet_field in got:
            values[model_field] = got[sheet_field]
        elif sheet_field in mapped:
            # An emptied column empties the field: text to "", a number (or a position) to None.
            values[model_field] = None if model_field in NUMBERS else ""
    if "period" in got:
        values["start_year"], values["end_year"] = got["period"]
    start_year = values.get("start_year") or (
        got["start_date"].year if "start_date" in got else None
    )
    if "category" in got:
        values["category"] = got["category"]
    elif project is None:
        if raw.get("group_category"):
            values["category"] = raw["group_category"]
            rules["category_group"] += 1
        else:
            values["category"] = options["category"]
            rules["category_default"] += 1
    if "stage" in got:
        values["stage"] = got["stage"]
    elif project is None:
        values["stage"] = fill.stage_from_start(start_year, year)
        rules["stage_start" if start_year else "stage_unknown"] += 1
    if "target" in got:
        values["target"] = got["target"]
    elif project is None:
        if options["target"] == "goal" and got.get("annual_goal"):
            values["target"] = fill.target_from_goal(got["annual_goal"])
            rules["target_goal"] += 1
        else:
            values["target"] = fill.TargetKind.ACCELERATE
            rules["target_later"] += 1
    if "task_force" in got:
        values["task_force"] = got["task_force"]
    elif "task_force" in mapped:
        values["task_force"] = ""
    if project is None:
        for name in ("name", "total_investment"):
            values.setdefault(name, None)


def _people(row, got, project, register, columns, new_units, new_leaders, retitled) -> None:
    """Units and leaders by normalized name: "张三（副区长）" is the leader 张三."""
    if "unit" in got:
        name = got["unit"]
        unit = register.units.get(name)
        shared = register.shared_short.get(name, [])
        if name not in register.full_names and len(shared) > 1:
            row.errors.append(
                _at(
                    columns,
                    "unit",
                    row.row,
                    f"简称「{name}」对应多个单位：{'、'.join(sorted(shared))}，请填写全称",
                )
            )
        elif unit is None:
            new_units.setdefault(name, name)
            row.values["unit"] = name
        else:
            row.values["unit"] = unit.name
    if "leader" in got:
        name, title = got["leader"]
        leader = register.leaders.get(key(name))
        row.values["leader"] = name if leader is None else leader.name
        if leader is None:
            if not new_leaders.get(name):
                new_leaders[name] = title
        elif title and not leader.title and leader.pk not in retitled:
            retitled[leader.pk] = title


def _plan(row, got, project, register, mapped, options, rules) -> None:
    months = {m: got[f"m{m}"] for m in range(1, 13) if f"m{m}" in got}
    quarters = {q: got[f"q{q}"] for q in range(1, 5) if f"q{q}" in got}
    has_months = any(f"m{m}" in mapped for m in range(1, 13))
    annual = got.get("annual")
    if annual is None and (months or quarters):
        annual = sum((months or quarters).values(), Decimal("0.00"))
    row.annual = annual
    if annual is None:
        return
    row.values["annual_plan"] = annual
    if has_months and months:
        row.months = months
        return
    current = register.plans.get(project.pk, {}) if project else {}
    if current and sum(current.values(), Decimal(0)) == annual and not quarters:
        row.months = dict(current)  # the plan already spreads this annual figure
        return
    row.months = fill.monthly_plan(annual, quarters, options["profile"])
    rules["plan_quarters" if quarters else f"plan_{options['profile']}"] += 1


def _nodes(row: Row, got, project, register, year) -> None:
    for name, (kind, label) in DATE_NODES.items():
        day = got.get(name)
        if day is not None and day.year == year:
            row.nodes.append((kind, label, day, None))


def _diff(row: Row, project, register: _Register) -> None:
    if row.errors:
        row.status = "error"
        return
    if project is None:
        row.status = "new"
        return
    changes = []
    current = {
        **{name: getattr(project, name) for name in PROJECT_FIELDS},
        "unit": project.unit.name,
        "leader": project.leader.name,
        "task_force": project.task_force.name if project.task_force else "",
    }
    for name, value in row.values.items():
        if name in current and value is not None and current[name] != value:
            changes.append((LABELS[name], _show(name, current[name]), _show(name, value)))
    plans = register.plans.get(project.pk, {})
    if row.months and row.months != plans:
        changes.append((LABELS["months"], _months_text(plans), _months_text(row.months)))
    nodes = register.nodes.get(project.pk, {})
    for kind, name, planned, reached in row.nodes:
        before = nodes.get((kind, name))
        if before is None or before[0] != planned or (reached and before[1] != reached):
            changes.append(
                (f"节点「{name}」", before[0].isoformat() if before else "—", planned.isoformat())
            )
    row.changes = changes
    row.status = "changed" if changes else "unchanged"


def _show(name: str, value) -> str:
    if value in (None, ""):
        return "—"
    if name == "category":
        return CATEGORY_LABELS.get(value, value)
    if name == "stage":
        return STAGE_LABELS.get(value, value)
    if name == "target":
        return TARGET_LABELS.get(value, value)
    if isinstance(value, Decimal):
        return f"{value:,.2f}"
    text = str(value)
    return text if len(text) <= 40 else text[:39] + "…"


def _months_text(months: dict) -> str:
    return "、".join(f"{m}月{a:,.2f}" for m, a in sorted(months.items())) or "—"


def _sheet_nodes(nodes: list[dict], rows: list[Row], register, year) -> list[str]:
    """The 「节点计划」 sheet of the app's own layout, joined to the project rows by code."""
    by_code = {row.code: row for row in rows}
    errors: list[str] = []
    seen: dict[tuple[str, str, str], int] = {}
    for node in nodes:
        if node["errors"]:
            errors += node["errors"]
            continue
        where = f"工作表「节点计划」第{node['row']}行"
        row = by_code.get(node["code"])
        if row is None:
            errors.append(f"{where}：项目编号不在「项目清单」中：{node['code']}")
            continue
        key_ = (node["code"], node["kind"], node["name"])
        if key_ in seen:
            errors.append(
                f"{where}：同一项目的同类节点重名：{node['name']}（已在第{seen[key_]}行出现）"
            )
            continue
        seen[key_] = node["row"]
        planned = dt.date.fromisoformat(node["planned"])
        reached = dt.date.fromisoformat(node["reached"]) if node["reached"] else None
        row.nodes.append((node["kind"], node["name"], planned, reached))
    return errors


def _totals(parsed: dict, rows: list[Row], annual_total: Decimal) -> list[dict]:
    """The sheet's own 合计 against the sum of what is imported, in 万元."""
    checks = []
    sheet = parsed.get("sheet_totals") or {}
    sums = {
        "annual": annual_total,
        "total": sum(
            (r.values["total_investment"] for r in rows if r.values.get("total_investment")),
            Decimal("0.00"),
        ),
    }
    for name, label in (("annual", "年度计划投资"), ("total", "总投资")):
        if name not in parsed["mapped"] and not (name == "annual" and parsed["mapped"]):
            continue
        stated = sheet.get(name)
        check = {"label": label, "imported": sums[name], "sheet": None, "difference": None}
        if parsed.get("total_row") is None:
            check["status"] = "absent"
        elif stated in (None, "unknown"):
            check["status"] = "unknown"
        else:
            difference = sums[name] - Decimal(stated)
            check["sheet"], check["difference"] = Decimal(stated), difference
            check["status"] = "ok" if abs(difference) <= Decimal("0.05") else "differs"
        checks.append(check)
    return checks


def _rule_lines(rules: Counter, options: dict, year: int, width: int) -> list[str]:
    lines = []
    example = fill.derived_code(year, 1, width=width)
    texts = {
        "code": f"表中没有项目编号：新项目的编号由年度和序号生成（如{example}，补零以便排序）",
        "code_taken": "生成的编号已被其他项目使用，顺延到下一个空号",
        "name_match": "按项目名称匹配到已有项目（编号沿用已有的）",
        "category_group": "项目类别取自所在分组标题（如「一、产业类项目」）",
        "category_default": f"没写类别也没有分组标题：按「{CATEGORY_LABELS[options['category']]}」",
        "stage_start": f"当前阶段按开工年份推定：{year}年以前开工为「建设」，其余为「前期」",
        "stage_unknown": "没有开工年份：当前阶段记为「前期」",
        "plan_quarters": "月度计划由季度计划分到各月，其余月份分摊年度计划的剩余部分",
        "plan_even": "月度计划由年度计划平均分到12个月",
        "plan_ramp": "月度计划由年度计划按「前低后高」分到12个月",
        "target_goal": "年度目标按「年度建设目标」推定："
        "写有投产、达效、投用等为「投产达效」，其余为「加快建设」",
        "target_later": "没写年度目标：先记为「加快建设」，导入后在「年度目标」页批量设置",
    }
    for name, text in texts.items():
        if rules.get(name):
            lines.append(f"{text}（{rules[name]}个项目）")
    return lines


def as_json(resolution: Resolution, parsed: dict) -> dict:
    """The preview as stored on the run and drawn by the page (plain JSON values)."""

    def money(value):
        return None if value is None else f"{value:.2f}"

    return {
        "rows": [
            {
                "row": r.row,
                "status": r.status,
                "code": r.code,
                "name": r.name,
                "annual": money(r.annual),
                "changes": [list(change) for change in r.changes],
                "errors": r.errors,
                "warnings": r.warnings,
            }
            for r in resolution.rows
        ],
        "rules": resolution.rules,
        "new_units": resolution.new_units,
        "new_leaders": [f"{n}（{t}）" if t else n for n, t in resolution.new_leaders],
        "retitled": len(resolution.retitled),
        "counts": resolution.counts,
        "annual_total": money(resolution.annual_total),
        "totals": [
            {**check, **{k: money(check[k]) for k in ("imported", "sheet", "difference")}}
            for check in resolution.totals
        ],
        "node_errors": resolution.node_errors,
        "problems": parsed["problems"],
        "can_confirm": resolution.can_confirm and not parsed["problems"] and bool(resolution.rows),
        "groups": [
            g
            for g in parsed.get("groups", [])
            if g["stated"] is not None and g["stated"] != g["found"]
        ],
    }

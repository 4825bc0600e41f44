"""What a column can mean, and the Chinese words officials use for it in a header.

A column's header may be one row ("项目名称") or two ("2026年计划投资" over "全年" and
"其中：一季度"); both are matched here after ``header_key`` takes away what varies between
districts: full-width forms, spaces, the money unit "（万元）", the year and "其中：".
"""

import re
from dataclasses import dataclass

from .values import key

IGNORE = ""


@dataclass(frozen=True)
class Field:
    """A field of the register a column can fill; ``label`` is how the preview names it."""

    key: str
    label: str
    synonyms: tuple[str, ...] = ()


def _months():
    names = "一二三四五六七八九十"
    for month in range(1, 13):
        chinese = names[month - 1] if month <= 10 else "十" + names[month - 11]
        yield Field(f"m{month}", f"{month}月计划", (f"{month}月", f"{chinese}月", f"{month}月份"))


def _quarters():
    for quarter, chinese in enumerate("一二三四", start=1):
        words = (f"{chinese}季度", f"第{chinese}季度", f"{quarter}季度", f"Q{quarter}")
        yield Field(f"q{quarter}", f"{chinese}季度计划", (*words, *(w + "计划" for w in words)))


FIELDS = (
    Field("seq", "序号", ("序号", "序", "排序", "顺序号")),
    Field("code", "项目编号", ("项目编号", "项目代码", "项目编码", "编号", "代码", "项目号")),
    Field("name", "项目名称", ("项目名称", "名称", "项目", "项目全称")),
    Field(
        "category",
        "项目类别",
        ("项目类别", "类别", "项目类型", "类型", "所属类别", "行业类别", "分类", "项目分类"),
    ),
    Field(
        "unit",
        "责任单位",
        (
            "责任单位",
            "牵头单位",
            "主责单位",
            "责任部门",
            "牵头部门",
            "主管部门",
            "主体责任单位",
            "牵头责任单位",
            "责任单位(部门)",
            "区直责任单位",
        ),
    ),
    Field(
        "leader",
        "包靠领导",
        (
            "包靠领导",
            "包保领导",
            "分包领导",
            "责任领导",
            "联系领导",
            "包抓领导",
            "包联领导",
            "区级包靠领导",
            "包靠区级领导",
            "区级领导",
            "县级领导",
        ),
    ),
    Field("task_force", "专班", ("专班", "项目专班", "工作专班", "推进专班")),
    Field("target", "年度目标（投产达效/加快建设）", ("年度目标", "目标类型", "年度目标类型")),
    Field(
        "stage",
        "当前阶段",
        ("当前阶段", "建设阶段", "项目阶段", "阶段", "建设状态", "项目状态", "项目进度阶段"),
    ),
    Field("total", "总投资", ("总投资", "计划总投资", "项目总投资", "总投资额", "投资总额")),
    Field(
        "annual",
        "年度计划投资",
        (
            "年度计划投资",
            "年计划投资",
            "年度投资计划",
            "年度计划",
            "计划投资",
            "全年计划投资",
            "年度投资",
            "全年计划",
            "年度计划投资额",
        ),
    ),
    *_quarters(),
    *_months(),
    Field(
        "period",
        "建设起止年限",
        (
            "建设起止年限",
            "建设年限",
            "起止年限",
            "建设期限",
            "建设周期",
            "起止年份",
            "建设起止年份",
        ),
    ),
    Field("start_date", "计划开工时间", ("计划开工时间", "开工时间", "开工日期", "计划开工日期")),
    Field(
        "completion_date",
        "计划竣工时间",
        ("计划竣工时间", "竣工时间", "竣工日期", "完工时间", "计划竣工日期"),
    ),
    Field(
        "production_date",
        "计划投产时间",
        ("计划投产时间", "投产时间", "投产日期", "达产时间", "计划投产日期"),
    ),
    Field(
        "description",
        "建设内容及规模",
        (
            "建设内容及规模",
            "建设内容",
            "建设规模",
            "主要建设内容",
            "建设内容和规模",
            "主要建设内容及规模",
            "项目建设内容",
            "建设规模及内容",
        ),
    ),
    Field(
        "annual_goal",
        "年度建设目标",
        (
            "年度建设目标",
            "年度目标任务",
            "年度建设任务",
            "年度形象进度",
            "年底形象进度",
            "年度计划目标",
        ),
    ),
    Field(
        "location", "建设地点", ("建设地点", "项目地点", "地点", "项目选址", "建设地址", "所在镇街")
    ),
    Field(
        "owner",
        "建设单位",
        (
            "建设单位",
            "项目单位",
            "实施主体",
            "业主单位",
            "建设主体",
            "项目业主",
            "项目法人",
            "实施单位",
        ),
    ),
    Field("remarks", "备注", ("备注", "说明", "备注说明")),
    # The site's position (WGS-84 degrees, as a phone or a map shows it).
    Field("lat", "纬度", ("纬度", "北纬", "纬度坐标", "坐标纬度", "lat", "latitude")),
    Field("lon", "经度", ("经度", "东经", "经度坐标", "坐标经度", "lon", "lng", "longitude")),
)
BY_KEY = {field.key: field for field in FIELDS}
MONEY_FIELDS = frozenset({"total", "annual", *(f"q{q}" for q in range(1, 5))}) | {
    f"m{m}" for m in range(1, 13)
}
MONTH_FIELDS = tuple(f"m{m}" for m in range(1, 13))
QUARTER_FIELDS = tuple(f"q{q}" for q in range(1, 5))
# Money of the campaign year: a column of another year ("2025年完成投资") is not this plan.
YEARLY_FIELDS = frozenset({"annual", *QUARTER_FIELDS, *MONTH_FIELDS})
SYNONYMS = {key(word): field.key for field in FIELDS for word in field.synonyms}
# The lower header of an annual group: "2026年计划投资" over "全年" or "合计".
WHOLE_YEAR = {"全年", "合计", "小计", "全年计划", "年度", "总计", "全年合计"}
UNIT_IN_HEADER = re.compile(r"[(（]?(?:单位[:：])?(万元|亿元|元)[)）]?")
YEAR_IN_HEADER = re.compile(r"(\d{4})年度?")


def header_key(text: str) -> str:
    """A header without what varies between districts: unit, year, "其中：", punctuation."""
    plain = key(text)
    plain = UNIT_IN_HEADER.sub("", plain)
    plain = YEAR_IN_HEADER.sub("", plain)
    plain = re.sub(r"^(其中|含)[:：]?", "", plain)
    return plain.strip(":：*※")


def header_unit(text: str) -> str | None:
    """The money unit written in a header ("总投资（亿元）"), if any."""
    match = UNIT_IN_HEADER.search(key(text))
    return match[1] if match else None


def header_year(text: str) -> int | None:
    match = YEAR_IN_HEADER.search(key(text))
    return int(match[1]) if match else None


def propose(upper: str, lower: str, year: int) -> str:
    """The field a column with this header most likely fills, or IGNORE."""
    years = {y for y in (header_year(upper), header_year(lower)) if y}
    top, bottom = header_key(upper), header_key(lower)
    field = IGNORE
    if bottom:
        if bottom in WHOLE_YEAR and _plan_like(top):
            field = "annual"
        else:
            field = SYNONYMS.get(bottom, IGNORE)
            if field == IGNORE:
                field = SYNONYMS.get(top + bottom, IGNORE)
            if field in ("annual", *QUARTER_FIELDS, *MONTH_FIELDS) and top and not _plan_like(top):
                field = IGNORE  # a quarter of "完成投资", not of the plan
    elif top:
        field = SYNONYMS.get(top, IGNORE)
    if field in YEARLY_FIELDS and years and year not in years:
        return IGNORE
    return field


def _plan_like(top: str) -> bool:
    return not top or "计划" in top or top in ("年度投资", "投资")

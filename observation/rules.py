"""The rules of an on-site observation sheet (观摩评分表), as pure functions.

A round's criteria are each worth their points, 100 in all (the district's sheet: 建设进度 30,
投资强度 25, 科技含量 15, 带动效应 15, 现场管理 15). An inspector gives each criterion 0 up to its
points; the sheet's total is their sum. A project's sheets are combined by averaging their
totals, leaving out the highest and the lowest sheet when five or more inspectors scored it
and the round says so (去掉一个最高分和一个最低分); each criterion is averaged over the same
sheets, so the criteria's averages add up to the project's score.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
FULL = Decimal(100)
TRIM_FROM = 5  # sheets needed before the highest and the lowest are left out

# The default sheet of a new round: name, points, what the inspectors look at.
DEFAULT_CRITERIA = (
    ("建设进度", Decimal(30), "形象进度、节点完成与计划相比"),
    ("投资强度", Decimal(25), "完成投资、亩均投资和入库情况"),
    ("科技含量", Decimal(15), "技术装备水平、研发投入和专利"),
    ("带动效应", Decimal(15), "产业链带动、就业和税收贡献"),
    ("现场管理", Decimal(15), "安全文明施工、现场组织和形象"),
)


def cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def criteria_errors(criteria: Sequence[tuple[str, Decimal]]) -> list[str]:
    """What is wrong with a round's criteria (name, points), in Chinese; empty when right."""
    errors = []
    names = [name.strip() for name, _points in criteria]
    if not criteria:
        errors.append("至少设置一项评分内容。")
    if any(not name for name in names):
        errors.append("每项评分内容都要有名称。")
    if len(set(names)) != len(names):
        errors.append("评分内容的名称不能重复。")
    if any(points <= 0 for _name, points in criteria):
        errors.append("每项评分内容的分值必须大于0。")
    total = sum((points for _name, points in criteria), Decimal(0))
    if criteria and total != FULL:
        errors.append(f"各项分值合计应为100分，现为{total.normalize():f}分。")
    return errors


def mark_error(points: Decimal, worth: Decimal) -> str | None:
    """Why a criterion's mark is refused, in Chinese; None when it is within 0 and its worth."""
    if points < 0 or points > worth:
        return f"应在0至{worth.normalize():f}分之间。"
    return None


def sheet_total(marks: Iterable[Decimal]) -> Decimal:
    return cents(sum(marks, Decimal(0)))


def counted(totals: Sequence[Decimal], drop_extremes: bool) -> list[int]:
    """The positions of the sheets that count: all of them, or all but one highest and one
    lowest when there are at least ``TRIM_FROM`` and the round leaves the extremes out."""
    order = sorted(range(len(totals)), key=lambda i: (totals[i], i))
    if drop_extremes and len(totals) >= TRIM_FROM:
        order = order[1:-1]
    return sorted(order)


@dataclass(frozen=True)
class Sheet:
    """One inspector's sheet as the combination needs it."""

    total: Decimal
    marks: Mapping[str, Decimal] = field(default_factory=dict)  # criterion name -> points


@dataclass(frozen=True)
class Combined:
    """A project's result in a round: its score (0..100), each criterion's average, how many
    sheets there were and how many counted."""

    score: Decimal
    criteria: dict[str, Decimal]
    sheets: int
    counted: int


def combine(sheets: Sequence[Sheet], drop_extremes: bool) -> Combined | None:
    """The project's score in a round from its inspectors' sheets; None with no sheet."""
    if not sheets:
        return None
    keep = [sheets[i] for i in counted([s.total for s in sheets], drop_extremes)]
    names = [name for sheet in keep for name in sheet.marks if name]
    criteria = {
        name: cents(sum((s.marks.get(name, Decimal(0)) for s in keep), Decimal(0)) / len(keep))
        for name in dict.fromkeys(names)
    }
    score = cents(sum((s.total for s in keep), Decimal(0)) / len(keep))
    return Combined(score, criteria, len(sheets), len(keep))


def across_rounds(results: Sequence[Combined]) -> Combined | None:
    """A project's result over several rounds of a period: the average of its rounds."""
    if not results:
        return None
    names = [name for r in results for name in r.criteria]
    criteria = {
        name: cents(
            sum((r.criteria[name] for r in results if name in r.criteria), Decimal(0))
            / sum(1 for r in results if name in r.criteria)
        )
        for name in dict.fromkeys(names)
    }
    score = cents(sum((r.score for r in results), Decimal(0)) / len(results))
    return Combined(
        score, criteria, sum(r.sheets for r in results), sum(r.counted for r in results)
    )

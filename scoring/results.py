"""The plain values the rules take and give: a week's inputs, item results, triggers, a score.

Frozen dataclasses with Decimals; :meth:`ScoreResult.to_dict` / ``from_dict`` store a score as
JSON so a past week's "why" page shows exactly what was computed then. Why is said with codes
and figures (``scoring.reasons``) and rendered in the reader's language; ``reason_lines`` is
the one place the reasons of a card are put into words.
"""

import dataclasses
import datetime as dt
from collections.abc import Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Literal

from django.utils.translation import pgettext

from projects import weeks
from projects.choices import CARD_LABELS_ZH

from . import reasons
from .reasons import Said
from .rubric import to_decimal

CENT = Decimal("0.01")
CARDS = ("blue", "yellow", "red")
REPORT_STATES = ("on_time", "late", "missing")
Card = Literal["blue", "yellow", "red"]

# Stored reason texts are Chinese: the card's label from its one choice, in Chinese.
CARD_LABELS = CARD_LABELS_ZH
ITEM_LABELS = {
    "investment": "投资完成",
    "nodes": "节点进度",
    "reporting": "报送纪律",
    "problems": "问题整改",
    "assessment": "督导评价",
    "adjustment": "督导调整",
}
TRIGGER_LABELS = {
    "node_overdue": "节点严重逾期",
    "missing_reports": "连续未报周报",
    "investment_gap": "投资严重滞后",
}
SOURCE_LABELS = {
    "unit": "单位自报",
    "statistics": "投资统计（入库）",
    "contractor": "施工方进度报表",
    "onsite": "现场核查",
}


def cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def money(value: Decimal) -> str:
    """'8,000.00' — amounts are in 万元."""
    return f"{cents(value):,.2f}"


def plain(value: Decimal) -> str:
    """A weight or threshold as typed: '40', '2.5'."""
    text = f"{value.normalize():f}"
    return text


def signed(value: Decimal) -> str:
    return f"{cents(value):+.2f}"


@dataclasses.dataclass(frozen=True)
class NodeInput:
    """A milestone node: its name, planned date and the day it was reached (None: not yet)."""

    name: str
    planned: dt.date
    reached: dt.date | None = None


@dataclasses.dataclass(frozen=True)
class ScoreInputs:
    """Everything one project's week is scored on; the caller gathers it from the database.

    ``week`` is the Monday; ``plan_due`` is the 序时 plan due by its Sunday and ``ytd_done`` the
    year-to-date investment (万元, from ``investment_source``). ``missing_in_row`` counts the
    missing weekly reports ending with this week (so it is at least 1 when this one is missing).
    ``assessment`` is the supervisor's 0..10 score; None means no negative finding.
    """

    week: dt.date
    plan_due: Decimal
    ytd_done: Decimal
    investment_source: str
    nodes: list[NodeInput]
    report: Literal["on_time", "late", "missing"]
    missing_in_row: int
    overdue_own_problems: int
    assessment: Decimal | None = None
    exempt: bool = False

    def __post_init__(self) -> None:
        if not weeks.is_monday(self.week):
            raise ValueError(f"week must be a Monday, got {self.week:%Y-%m-%d %A}")
        for name in ("plan_due", "ytd_done"):
            value = to_decimal(getattr(self, name), name)
            if value < 0:
                raise ValueError(f"{name} must not be negative, got {value}")
            object.__setattr__(self, name, value)
        if self.report not in REPORT_STATES:
            raise ValueError(f"report must be one of {', '.join(REPORT_STATES)}")
        if self.missing_in_row < 0 or self.overdue_own_problems < 0:
            raise ValueError("missing_in_row and overdue_own_problems must not be negative")
        # The count includes this week, so it and the report state must agree.
        if (self.report == "missing") != (self.missing_in_row >= 1):
            raise ValueError(
                "missing_in_row counts this week: at least 1 when the report is missing, "
                "0 otherwise"
            )
        if self.assessment is not None:
            value = to_decimal(self.assessment, "assessment")
            if not 0 <= value <= 10:
                raise ValueError(f"assessment must be between 0 and 10, got {value}")
            object.__setattr__(self, "assessment", value)

    @property
    def week_end(self) -> dt.date:
        return self.week + dt.timedelta(days=6)


@dataclasses.dataclass(frozen=True)
class ItemResult:
    """One line of the breakdown: points out of max, the raw figures, and why (a
    :class:`~scoring.reasons.Reason`; the words of an older stored breakdown)."""

    key: str
    points: Decimal
    max_points: Decimal
    inputs: dict[str, Any]
    reason: Said

    @property
    def label(self) -> str:
        return ITEM_LABELS.get(self.key, self.key)

    @property
    def note(self) -> str:
        """Why, in the reader's language."""
        return reasons.words(self.reason)

    def to_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "points": str(self.points),
            "max_points": str(self.max_points),
            "inputs": self.inputs,
            "reason": reasons.dump(self.reason),
            "note": reasons.chinese(self.reason),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "ItemResult":
        return cls(
            key=data["key"],
            points=Decimal(data["points"]),
            max_points=Decimal(data["max_points"]),
            inputs=dict(data["inputs"]),
            reason=reasons.load_one(data),
        )


@dataclasses.dataclass(frozen=True)
class Trigger:
    """A hard trigger that fired and forces red; one per key, the reason names every cause."""

    key: str
    reason: Said

    @property
    def label(self) -> str:
        return TRIGGER_LABELS.get(self.key, self.key)

    @property
    def note(self) -> str:
        return reasons.words(self.reason)

    def to_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "reason": reasons.dump(self.reason),
            "note": reasons.chinese(self.reason),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Trigger":
        return cls(data["key"], reasons.load_one(data))


@dataclasses.dataclass(frozen=True)
class ScoreResult:
    """A scored week. Invariant: ``total`` is the sum of the items' points, to the cent.

    ``card_reason`` says which rules decided the card (threshold or rank, then any trigger
    and exemption), so the "why" page never has to re-derive it; ``card_note`` says it in the
    reader's language.
    """

    total: Decimal
    items: list[ItemResult]
    triggers: list[Trigger]
    card: Card
    exempt: bool = False
    card_reason: Sequence[Said] | Said = ""

    @property
    def card_note(self) -> str:
        return reasons.words(self.card_reason)

    def __post_init__(self) -> None:
        expected = cents(sum((item.points for item in self.items), Decimal(0)))
        if self.total != expected:
            raise ValueError(f"total {self.total} is not the sum of the items ({expected})")
        if self.card not in CARDS:
            raise ValueError(f"card must be one of {', '.join(CARDS)}, got {self.card!r}")

    def item(self, key: str) -> ItemResult | None:
        return next((item for item in self.items if item.key == key), None)

    def to_dict(self) -> dict[str, Any]:
        return {
            "total": str(self.total),
            "card": self.card,
            "card_reason": reasons.dump(self.card_reason) if self.card_reason else None,
            "card_note": reasons.chinese(self.card_reason),
            "exempt": self.exempt,
            "items": [item.to_dict() for item in self.items],
            "triggers": [t.to_dict() for t in self.triggers],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "ScoreResult":
        return cls(
            total=Decimal(data["total"]),
            items=[ItemResult.from_dict(item) for item in data["items"]],
            triggers=[Trigger.from_dict(t) for t in data["triggers"]],
            card=data["card"],
            exempt=data["exempt"],
            card_reason=reasons.load(data, "card_reason", "card_note"),
        )


def reason_lines(breakdown: dict | None, limit: int = 3) -> list[str]:
    """Why a project is on its card, from a stored breakdown, in the reader's language: the
    hard triggers first, then the rubric items that lost the most points. The dashboard, the
    ladder's notices and the reports all say it this way; a breakdown stored before reasons
    had codes is read in its own words."""
    if not breakdown:
        return []
    found = [reasons.words(reasons.load(trigger)) for trigger in breakdown.get("triggers", [])]
    lost = sorted(
        (
            item
            for item in breakdown.get("items", [])
            if Decimal(item["points"]) < Decimal(item["max_points"])
        ),
        key=lambda item: Decimal(item["points"]) - Decimal(item["max_points"]),
    )
    for item in lost:
        if len(found) >= limit:
            break
        found.append(
            pgettext("reason", "%(item)s: %(why)s")
            % {"item": reasons.item_label(item["key"]), "why": reasons.words(reasons.load(item))}
        )
    return found or [reasons.words(reasons.load(breakdown, "card_reason", "card_note"))]


def reasons_text(breakdown: dict | None, limit: int = 3) -> str:
    """:func:`reason_lines` as one line, joined as the reader's language joins clauses."""
    return reasons.clauses(reason_lines(breakdown, limit))

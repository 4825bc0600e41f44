"""Cards by rank (a campaign run as a competition) and what changed since last week.

``apply_relative`` re-cards a whole week at once; ``compare`` lists one project's changes in
Chinese for the card's "since last week" box (Zaozhuang's 双亮牌: the card and its change).
"""

import dataclasses
from collections.abc import Hashable
from decimal import ROUND_FLOOR, Decimal
from itertools import groupby
from typing import TypeVar

from .results import CARD_LABELS, ITEM_LABELS, TRIGGER_LABELS, Card, ScoreResult, signed
from .rubric import Rubric
from .rules import overrides

K = TypeVar("K", bound=Hashable)


def _quota(share: Decimal, count: int) -> int:
    # Rounded down: "the top 30%" of three projects is none of them, never more than the share.
    return int((share * count).to_integral_value(rounding=ROUND_FLOOR))


def apply_relative(results: dict[K, ScoreResult], rubric: Rubric) -> dict[K, ScoreResult]:
    """Re-card by rank: the top ``blue_share`` blue, the bottom ``red_share`` red, the rest
    yellow. Equal totals always share a card, the better one when a tie straddles a line.
    Triggers still force red and exempt projects are at worst yellow; exempt projects keep
    their place in the ranking, so an exemption never pushes another project into red."""
    count = len(results)
    n_blue, n_red = _quota(rubric.blue_share, count), _quota(rubric.red_share, count)
    ranked = sorted(results.items(), key=lambda pair: pair[1].total, reverse=True)
    recarded: dict[K, ScoreResult] = {}
    start = 0
    for total, group in groupby(ranked, key=lambda pair: pair[1].total):
        members = list(group)
        end = start + len(members)
        if start < n_blue:
            card: Card = "blue"
            straddles = end > n_blue
        elif start >= count - n_red:
            card, straddles = "red", False
        else:
            card, straddles = "yellow", end > count - n_red
        place = f"并列第 {start + 1} 名" if len(members) > 1 else f"第 {start + 1} 名"
        note = (
            f"总分 {total}，{place}/共 {count} 个（前 {n_blue} 名蓝牌，后 {n_red} 名红牌），"
            f"{CARD_LABELS[card]}"
        )
        if straddles:
            note += "（同分不拆分，取较好牌色）"
        for key, result in members:
            final, final_note = overrides(card, note, result.triggers, result.exempt)
            recarded[key] = dataclasses.replace(result, card=final, card_note=final_note)
        start = end
    # Keep the caller's order, not the ranking's.
    return {key: recarded[key] for key in results}


def compare(prev: ScoreResult | None, cur: ScoreResult) -> list[str]:
    """What changed since last week, one Chinese line each; empty when nothing did."""
    if prev is None:
        return [f"首次评分：{CARD_LABELS[cur.card]}，总分 {cur.total} 分"]
    lines = []
    if prev.card != cur.card:
        lines.append(f"牌色：{CARD_LABELS[prev.card]} → {CARD_LABELS[cur.card]}")
    if prev.total != cur.total:
        change = signed(cur.total - prev.total)
        lines.append(f"总分：{prev.total} → {cur.total}（{change}）")
    keys = [item.key for item in cur.items]
    keys += [item.key for item in prev.items if item.key not in keys]
    for key in keys:
        before, after = prev.item(key), cur.item(key)
        label = ITEM_LABELS.get(key, key)
        if before is None and after is not None:
            lines.append(f"{label}：新增 {signed(after.points)} 分")
        elif after is None and before is not None:
            lines.append(f"{label}：取消（原 {signed(before.points)} 分）")
        elif before and after and before.points != after.points:
            change = signed(after.points - before.points)
            lines.append(f"{label}：{before.points} → {after.points}（{change}）")
    before_keys = {t.key for t in prev.triggers}
    after_keys = {t.key for t in cur.triggers}
    lines += [f"新触发：{t.note}" for t in cur.triggers if t.key not in before_keys]
    lines += [
        f"已解除：{TRIGGER_LABELS.get(t.key, t.key)}"
        for t in prev.triggers
        if t.key not in after_keys
    ]
    if prev.exempt != cur.exempt:
        lines.append("已批准豁免" if cur.exempt else "豁免已取消")
    return lines

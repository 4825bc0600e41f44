"""Cards by rank (a campaign run as a competition) and what changed since last week.

``apply_relative`` re-cards a whole week at once; ``compare`` lists one project's changes in
the reader's language for the card's "since last week" box (Zaozhuang's 双亮牌: the card and
its change).
"""

import dataclasses
from collections.abc import Hashable
from decimal import ROUND_FLOOR, Decimal
from itertools import groupby
from typing import TypeVar

from django.utils.translation import pgettext

from .reasons import Reason, card_label, item_label, trigger_label
from .results import Card, ScoreResult, signed
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
        note = Reason(
            "card.rank",
            {
                "total": str(total),
                "place": start + 1,
                "tied": len(members) > 1,
                "count": count,
                "n_blue": n_blue,
                "n_red": n_red,
                "card": card,
                "straddles": straddles,
            },
        )
        for key, result in members:
            final, final_note = overrides(card, [note], result.triggers, result.exempt)
            recarded[key] = dataclasses.replace(result, card=final, card_reason=final_note)
        start = end
    # Keep the caller's order, not the ranking's.
    return {key: recarded[key] for key in results}


def compare(prev: ScoreResult | None, cur: ScoreResult) -> list[str]:
    """What changed since last week, one line each in the reader's language; empty when
    nothing did."""
    if prev is None:
        return [
            pgettext("reason", "First scored: %(card)s, %(total)s points")
            % {"card": card_label(cur.card), "total": cur.total}
        ]
    lines = []
    if prev.card != cur.card:
        lines.append(
            pgettext("reason", "Card: %(before)s → %(after)s")
            % {"before": card_label(prev.card), "after": card_label(cur.card)}
        )
    if prev.total != cur.total:
        lines.append(
            pgettext("reason", "Total: %(before)s → %(after)s (%(change)s)")
            % {"before": prev.total, "after": cur.total, "change": signed(cur.total - prev.total)}
        )
    keys = [item.key for item in cur.items]
    keys += [item.key for item in prev.items if item.key not in keys]
    for key in keys:
        before, after = prev.item(key), cur.item(key)
        label = item_label(key)
        if before is None and after is not None:
            lines.append(
                pgettext("reason", "%(item)s: new, %(points)s points")
                % {"item": label, "points": signed(after.points)}
            )
        elif after is None and before is not None:
            lines.append(
                pgettext("reason", "%(item)s: cancelled (was %(points)s points)")
                % {"item": label, "points": signed(before.points)}
            )
        elif before and after and before.points != after.points:
            lines.append(
                pgettext("reason", "%(item)s: %(before)s → %(after)s (%(change)s)")
                % {
                    "item": label,
                    "before": before.points,
                    "after": after.points,
                    "change": signed(after.points - before.points),
                }
            )
    before_keys = {t.key for t in prev.triggers}
    after_keys = {t.key for t in cur.triggers}
    lines += [
        pgettext("reason", "New trigger: %(why)s") % {"why": t.note}
        for t in cur.triggers
        if t.key not in before_keys
    ]
    lines += [
        pgettext("reason", "Lifted: %(trigger)s") % {"trigger": trigger_label(t.key)}
        for t in prev.triggers
        if t.key not in after_keys
    ]
    if prev.exempt != cur.exempt:
        lines.append(
            pgettext("reason", "Exemption approved")
            if cur.exempt
            else pgettext("reason", "Exemption cancelled")
        )
    return lines

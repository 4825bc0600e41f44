"""Filters that print a snapshot's figures (stored as strings) the way a bulletin writes them."""

from decimal import Decimal, InvalidOperation

from django import template
from django.utils.safestring import SafeString

from ..labels import CARDS
from ..render import charts

register = template.Library()
DASH = "—"


def _dec(value) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


@register.filter
def wan(value) -> str:
    """An amount in 万元 with thousands separators: 12,345.67."""
    number = _dec(value)
    return DASH if number is None else f"{number:,.2f}"


@register.filter
def yi(value) -> str:
    """An amount in 万元 shown in 亿元: 86.00."""
    number = _dec(value)
    return DASH if number is None else f"{number / 10000:,.2f}"


@register.filter
def pct(value) -> str:
    number = _dec(value)
    return DASH if number is None else f"{number:.1f}%"


@register.filter
def points(value) -> str:
    """Percentage points ahead (+) or behind (−)."""
    number = _dec(value)
    if number is None:
        return DASH
    return f"+{number:.1f}" if number > 0 else (f"−{-number:.1f}" if number < 0 else "0.0")


@register.filter
def score(value) -> str:
    number = _dec(value)
    return DASH if number is None else f"{number:.2f}"


@register.filter
def worth(value) -> str:
    """A criterion's worth as written on the sheet: 30, 12.5."""
    number = _dec(value)
    return DASH if number is None else f"{number.normalize():f}"


@register.filter
def card(value) -> str:
    return CARDS.get(value or "", DASH)


@register.filter
def change(value) -> str:
    """A change of rank: ↑3, ↓2, — (unchanged) or 新 (not ranked before)."""
    if value in (None, ""):
        return "新"
    value = int(value)
    return f"↑{value}" if value > 0 else (f"↓{-value}" if value < 0 else DASH)


@register.filter
def gap_class(value) -> str:
    number = _dec(value)
    if number is None:
        return ""
    return "ahead" if number >= 0 else ("behind" if number >= -10 else "far-behind")


@register.filter
def head(rows, count) -> list:
    return list(rows or [])[: int(count)]


@register.filter
def more(rows, count) -> int:
    """How many rows a table of ``count`` leaves out (to say "the rest are in Excel")."""
    return max(len(rows or []) - int(count), 0)


@register.filter
def worst(rows, count) -> list:
    """The last ``count`` ranked rows, when a table shows the top and the bottom."""
    rows = [row for row in rows or [] if row.get("rank")]
    return rows[-int(count) :] if len(rows) > 2 * int(count) else []


@register.simple_tag
def progress_chart(groups, label="") -> SafeString:
    return charts.progress_bars(groups or [], label=label)


@register.simple_tag
def cards_chart(weeks) -> SafeString:
    return charts.card_weeks(weeks or [])


@register.simple_tag
def months_chart(months) -> SafeString:
    return charts.month_bars(months or [])


@register.simple_tag
def cards_bar(counts, previous=None) -> SafeString:
    return charts.card_split(counts or {}, previous or {})


@register.filter
def versus_due(value) -> str:
    """超序时进度3.5个百分点 / 落后序时进度2.0个百分点 / 与序时进度持平."""
    number = _dec(value)
    if number is None:
        return "序时进度未定"
    if number > 0:
        return f"超序时进度{number:.1f}个百分点"
    if number < 0:
        return f"落后序时进度{-number:.1f}个百分点"
    return "与序时进度持平"


@register.filter
def positive(value) -> bool:
    number = _dec(value)
    return number is not None and number > 0


@register.filter
def cndate(value) -> str:
    """2026-11-01 (or a date) as 2026年11月1日."""
    text = str(value or "")[:10]
    try:
        year, month, day = (int(part) for part in text.split("-"))
    except ValueError:
        return text or DASH
    return f"{year}年{month}月{day}日"


@register.filter
def ends(rows, count) -> list:
    """The first and last ``count`` rows with None between them when a table is too long for
    the PDF's summary (the best and the worst are what a reader looks for)."""
    rows, count = list(rows or []), int(count)
    return rows if len(rows) <= 2 * count else rows[:count] + [None] + rows[-count:]


@register.filter
def skipped(rows, count) -> int:
    """How many rows ``ends`` leaves out."""
    return max(len(rows or []) - 2 * int(count), 0)


@register.simple_tag
def project_map(data) -> SafeString:
    from projects.maps import draw_snapshot

    return draw_snapshot(data)

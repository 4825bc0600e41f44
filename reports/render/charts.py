"""Charts drawn on the server as SVG, readable in the PDF (WeasyPrint draws SVG natively), on
the page and in print. Plain shapes and text only; the colours are the cards'."""

from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from projects.charts import nice_ceiling
from projects.choices import Card

FONT = "Report Sans, Noto Sans CJK SC, WenQuanYi Micro Hei, sans-serif"
COLOURS = {**{card.value: card.hex for card in Card}, "grey": "#9aa5b1"}  # grey: not scored
INK, MUTED, GRID = "#1f2933", "#52606d", "#e3e7ec"


def _svg(width: int, height: int, body: list[str], label: str) -> SafeString:
    return mark_safe(
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" class="chart" '
        f'width="{width}" height="{height}" role="img" aria-label="{escape(label)}" '
        f'font-family="{FONT}" font-size="11">' + "".join(body) + "</svg>"
    )


def _num(value) -> float:
    return float(Decimal(str(value))) if value not in (None, "") else 0.0


def progress_bars(groups: list[dict | None], *, label: str = "", ends: int = 12) -> SafeString:
    """Done as a share of the annual plan, one bar per unit or leader, with the 序时进度 tick:
    blue at or ahead, yellow up to 10 points behind, red further behind. A long list shows
    its best and worst ``ends`` (a gap between them), the rest is in the Excel file."""
    if len(groups) > 2 * ends:
        groups = groups[:ends] + [None] + groups[-ends:]
    if not groups:
        return mark_safe("")
    width, left, right, row = 680, 150, 60, 18
    height = 30 + row * len(groups)
    shown = [g for g in groups if g is not None]
    top = max(100.0, max(max(_num(g["pct_plan"]), _num(g["pct_due"])) for g in shown))
    top = nice_ceiling(top)
    plot = width - left - right

    def x(value: float) -> float:
        return left + value / top * plot

    body = []
    for tick in range(0, int(top) + 1, 25 if top <= 150 else 50):
        body.append(
            f'<line x1="{x(tick):.1f}" x2="{x(tick):.1f}" y1="18" y2="{height - 6}" '
            f'stroke="{GRID}"/><text x="{x(tick):.1f}" y="12" text-anchor="middle" '
            f'fill="{MUTED}">{tick}%</text>'
        )
    for i, group in enumerate(groups):
        y = 22 + i * row
        if group is None:
            body.append(
                f'<text x="{left - 6}" y="{y + 11}" text-anchor="end" fill="{MUTED}">……</text>'
            )
            continue
        done, due = _num(group["pct_plan"]), _num(group["pct_due"])
        gap = done - due
        colour = COLOURS["blue"] if gap >= 0 else COLOURS["yellow" if gap >= -10 else "red"]
        name = escape(str(group["name"])[:11])
        body.append(
            f'<text x="{left - 6}" y="{y + 11}" text-anchor="end" fill="{INK}">{name}</text>'
            f'<rect x="{left}" y="{y + 2}" width="{max(x(done) - left, 1):.1f}" height="11" '
            f'fill="{colour}"/>'
            f'<line x1="{x(due):.1f}" x2="{x(due):.1f}" y1="{y}" y2="{y + 15}" stroke="{INK}" '
            f'stroke-width="2"/>'
            f'<text x="{max(x(done), x(due)) + 5:.1f}" y="{y + 11}" fill="{MUTED}">'
            f"{done:.1f}%</text>"
        )
    legend = escape(label or "完成年度计划（竖线为序时进度）")
    body.append(
        f'<text x="{width - 4}" y="{height - 2}" text-anchor="end" fill="{MUTED}" '
        f'font-size="10">{legend}</text>'
    )
    return _svg(width, height, body, legend)


def card_weeks(weeks: list[dict]) -> SafeString:
    """Blue, yellow and red projects week by week, as stacked columns."""
    if not weeks:
        return mark_safe("")
    width, height, left, bottom = 680, 190, 36, 28
    most = max(w["blue"] + w["yellow"] + w["red"] for w in weeks) or 1
    plot_h, step = height - bottom - 14, (width - left - 8) / len(weeks)
    body = []
    for i, week in enumerate(weeks):
        x, y = left + i * step + 2, height - bottom
        for colour in ("blue", "yellow", "red"):
            h = week[colour] / most * plot_h
            y -= h
            body.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{max(step - 4, 2):.1f}" height="{h:.1f}" '
                f'fill="{COLOURS[colour]}"/>'
            )
        if len(weeks) <= 14 or i % 4 == 0:
            body.append(
                f'<text x="{x + step / 2 - 2:.1f}" y="{height - bottom + 14}" text-anchor="middle" '
                f'fill="{MUTED}" font-size="9">{escape(str(week["week"])[5:])}</text>'
            )
    body.append(
        f'<text x="{left - 4}" y="{height - bottom}" text-anchor="end" fill="{MUTED}">0'
        f'</text><text x="{left - 4}" y="18" text-anchor="end" fill="{MUTED}">{most}</text>'
    )
    return _svg(width, height, body, "每周牌色")


def month_bars(months: list[dict]) -> SafeString:
    """Cumulative plan due and done at each month's close, side by side (万元)."""
    if not months:
        return mark_safe("")
    width, height, left, bottom = 680, 200, 70, 30
    top = nice_ceiling(max(max(_num(m["due"]), _num(m["done"])) for m in months))
    plot_h, step = height - bottom - 20, (width - left - 10) / len(months)
    body = []
    for i, month in enumerate(months):
        x = left + i * step + step * 0.2
        bar = step * 0.28
        for j, (key, colour) in enumerate((("due", COLOURS["grey"]), ("done", COLOURS["blue"]))):
            h = _num(month[key]) / top * plot_h
            body.append(
                f'<rect x="{x + j * bar:.1f}" y="{height - bottom - h:.1f}" width="{bar:.1f}" '
                f'height="{h:.1f}" fill="{colour}"/>'
                f'<text x="{x + j * bar + bar / 2:.1f}" y="{height - bottom - h - 3:.1f}" '
                f'text-anchor="middle" font-size="9" fill="{MUTED}">{_num(month[key]):,.0f}</text>'
            )
        body.append(
            f'<text x="{x + bar:.1f}" y="{height - bottom + 16}" text-anchor="middle" '
            f'fill="{INK}">{escape(month["label"])}</text>'
        )
    body.append(
        f'<rect x="{left}" y="2" width="12" height="8" fill="{COLOURS["grey"]}"/>'
        f'<text x="{left + 16}" y="10" fill="{INK}">序时计划</text>'
        f'<rect x="{left + 90}" y="2" width="12" height="8" fill="{COLOURS["blue"]}"/>'
        f'<text x="{left + 106}" y="10" fill="{INK}">累计完成（万元）</text>'
    )
    return _svg(width, height, body, "月度投资")


def card_split(counts: dict, previous: dict) -> SafeString:
    """This period's cards as one split bar, with the previous period's under it."""
    width, left = 680, 60
    body = []
    for n, (label, data) in enumerate((("本期", counts), ("上期", previous))):
        total = sum(data.get(c, 0) for c in ("blue", "yellow", "red"))
        if not total:
            continue
        x, y = float(left), 6 + n * 30
        body.append(
            f'<text x="{left - 8}" y="{y + 15}" text-anchor="end" fill="{INK}">{label}</text>'
        )
        for colour in ("blue", "yellow", "red"):
            w = data.get(colour, 0) / total * (width - left - 10)
            if w:
                body.append(
                    f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="20" '
                    f'fill="{COLOURS[colour]}"/><text x="{x + w / 2:.1f}" y="{y + 14}" '
                    f'text-anchor="middle" fill="#fff" font-weight="bold">{data.get(colour)}</text>'
                )
            x += w
    return _svg(width, 66, body, "牌色分布")

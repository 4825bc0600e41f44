"""The card trend drawn on the server: stacked columns of blue, yellow and red by week."""

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from projects import weeks
from projects.choices import Card

COLOURS = {card.value: card.hex for card in Card}
WIDTH, HEIGHT, LEFT, BOTTOM, TOP = 640, 220, 36, 34, 14


def card_trend_chart(rows: list[dict]) -> SafeString:
    """``rows`` are {"week", "blue", "yellow", "red"} oldest first."""
    if not rows:
        return mark_safe(f'<p class="muted">{escape(_("No week has been scored yet."))}</p>')
    top = max(r["blue"] + r["yellow"] + r["red"] for r in rows) or 1
    plot_h = HEIGHT - TOP - BOTTOM
    slot = (WIDTH - LEFT - 8) / len(rows)
    bar = min(slot * 0.7, 40)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" class="chart" '
        f'role="img" aria-label="{escape(_("Cards by week"))}" '
        'font-family="Noto Sans CJK SC, WenQuanYi Micro Hei, sans-serif" font-size="11">'
    ]
    for k in range(3):
        value = round(top * k / 2)
        y = TOP + plot_h - value / top * plot_h
        parts.append(
            f'<line x1="{LEFT}" x2="{WIDTH - 8}" y1="{y:.1f}" y2="{y:.1f}" stroke="#e3e7ec"/>'
            f'<text x="{LEFT - 5}" y="{y + 4:.1f}" text-anchor="end" fill="#52606d">{value}</text>'
        )
    for i, row in enumerate(rows):
        x = LEFT + i * slot + (slot - bar) / 2
        base = TOP + plot_h
        for colour in ("blue", "yellow", "red"):
            h = row[colour] / top * plot_h
            if h:
                parts.append(
                    f'<rect x="{x:.1f}" y="{base - h:.1f}" width="{bar:.1f}" height="{h:.1f}" '
                    f'fill="{COLOURS[colour]}"><title>{row[colour]}</title></rect>'
                )
            base -= h
        label = weeks.week_label(row["week"])[-3:]
        parts.append(
            f'<text x="{x + bar / 2:.1f}" y="{HEIGHT - BOTTOM + 16}" text-anchor="middle" '
            f'fill="#52606d">{label}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))

"""Charts drawn on the server as SVG, so they look the same on screen, in PDF and in e-mail."""

from collections.abc import Sequence
from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

WIDTH, HEIGHT = 720, 300
LEFT, RIGHT, TOP, BOTTOM = 70, 20, 36, 40
PLAN_COLOUR, DONE_COLOUR = "#9aa5b1", "#1f5fbf"


def nice_ceiling(value: float) -> float:
    """A round axis maximum above ``value`` (1, 2, 2.5, 5 × 10^n)."""
    if value <= 0:
        return 1.0
    magnitude = 10 ** (len(str(int(value))) - 1)
    for step in (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10):
        if value <= step * magnitude:
            return step * magnitude
    return 10 * magnitude


def investment_chart(points: Sequence, *, title: str = "") -> SafeString:
    """Cumulative 序时 plan against the reported year-to-date figure, week by week.

    ``points`` have ``week``, ``due`` and ``done`` (None for a week with no submitted report).
    """
    if not points:
        return mark_safe(f'<p class="muted">{escape(_("No plan yet."))}</p>')
    top = nice_ceiling(
        float(max(max(p.due for p in points), max((p.done or Decimal(0)) for p in points)))
    )
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step = plot_w / max(len(points) - 1, 1)

    def x(i: int) -> float:
        return LEFT + i * step

    def y(v: Decimal | float) -> float:
        return TOP + plot_h - float(v) / top * plot_h

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'class="chart" role="img" aria-label="{escape(title)}" '
        'font-family="Noto Sans CJK SC, WenQuanYi Micro Hei, sans-serif" font-size="12">'
    ]
    for k in range(5):
        value = top * k / 4
        parts.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(value):.1f}" y2="{y(value):.1f}" '
            'stroke="#e3e7ec"/>'
            f'<text x="{LEFT - 6}" y="{y(value) + 4:.1f}" text-anchor="end" fill="#52606d">'
            f"{value:,.0f}</text>"
        )
    last_month = None
    for i, point in enumerate(points):
        month = point.week.month if point.week.year == points[-1].week.year else 1
        if month != last_month:
            last_month = month
            parts.append(
                f'<text x="{x(i):.1f}" y="{HEIGHT - BOTTOM + 18}" text-anchor="middle" '
                f'fill="#52606d">{escape(_("%(m)d月") % {"m": month})}</text>'
            )
    plan = " ".join(f"{x(i):.1f},{y(p.due):.1f}" for i, p in enumerate(points))
    parts.append(
        f'<polyline points="{plan}" fill="none" stroke="{PLAN_COLOUR}" stroke-width="2" '
        'stroke-dasharray="6 4"/>'
    )
    done = [(i, p.done) for i, p in enumerate(points) if p.done is not None]
    if done:
        line = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, v in done)
        parts.append(
            f'<polyline points="{line}" fill="none" stroke="{DONE_COLOUR}" stroke-width="2.5"/>'
        )
        i, v = done[-1]
        parts.append(f'<circle cx="{x(i):.1f}" cy="{y(v):.1f}" r="4" fill="{DONE_COLOUR}"/>')
    legend = [(PLAN_COLOUR, _("Plan due (序时进度)")), (DONE_COLOUR, _("Done this year"))]
    for n, (colour, label) in enumerate(legend):
        lx = LEFT + n * 190
        parts.append(
            f'<rect x="{lx}" y="10" width="16" height="4" fill="{colour}"/>'
            f'<text x="{lx + 22}" y="16" fill="#1f2933">{escape(label)}</text>'
        )
    parts.append(
        f'<text x="{WIDTH - RIGHT}" y="16" text-anchor="end" fill="#52606d">'
        f"{escape(_('10k yuan'))}</text></svg>"
    )
    return mark_safe("".join(parts))

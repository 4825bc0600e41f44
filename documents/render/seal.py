"""The region's seal drawn as SVG for the PDF: a red ring, a five-pointed star, the seal's text
along the upper arc. Pure geometry; each character is placed and turned on the arc so no SVG
text-on-path support is needed."""

import math
from html import escape

SIZE = 42.0  # mm: the usual diameter of a government body's seal
RED = "#e60012"


def _star(cx: float, cy: float, r: float) -> str:
    points = []
    for i in range(10):
        radius = r if i % 2 == 0 else r * 0.382
        angle = math.radians(-90 + i * 36)
        points.append(f"{cx + radius * math.cos(angle):.2f},{cy + radius * math.sin(angle):.2f}")
    return " ".join(points)


def seal_svg(text: str, family: str = "Doc Song") -> str:
    """An SVG (in millimetres) of the seal reading ``text`` clockwise along its top.

    Characters stand on a baseline circle inside the ring (SVG renderers differ on
    dominant-baseline, so none is relied on), spaced by their size at mid-height.
    """
    c, ring = SIZE / 2, SIZE / 2 - 1.0
    chars = list(text.strip()) or [" "]
    size = 5.0
    for _ in range(20):  # shrink the type until the text fits in 250 degrees
        base = ring - 1.6 - 0.88 * size
        step = math.degrees(size * 1.12 / (base + size / 2))
        if step * len(chars) <= 250 or size <= 2.5:
            break
        size -= 0.25
    span = step * len(chars)
    parts = []
    for i, char in enumerate(chars):
        angle = -90 - span / 2 + step * (i + 0.5)
        x = c + base * math.cos(math.radians(angle))
        y = c + base * math.sin(math.radians(angle))
        parts.append(
            f'<text x="{x:.2f}" y="{y:.2f}" font-size="{size:.2f}" text-anchor="middle" '
            f'transform="rotate({angle + 90:.2f} {x:.2f} {y:.2f})">{escape(char)}</text>'
        )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {SIZE} {SIZE}" '
        f'width="{SIZE}mm" height="{SIZE}mm">'
        f'<circle cx="{c}" cy="{c}" r="{ring}" fill="none" stroke="{RED}" stroke-width="1.2"/>'
        f'<polygon points="{_star(c, c + 1.5, 7)}" fill="{RED}"/>'
        f'<g fill="{RED}" font-family="{family}" font-weight="700">{"".join(parts)}</g>'
        "</svg>"
    )

"""Line breaking of a document's title. Pure.

GB/T 9704 7.3.1: a title of several lines is broken so that each line keeps its words whole and
the lines look balanced (梯形 or 菱形), never with one character left alone on the last line.
"""

import math

PER_LINE = 20.0  # 2号 characters across the 156 mm type area
# Good places to break: after these, or before these.
AFTER = ("关于", "对")
BEFORE = ("的", "建设", "问题", "项目", "进行")


def _width(char: str) -> float:
    return 0.55 if ord(char) < 0x2E80 else 1.0  # Latin letters and digits are half as wide


def title_lines(title: str, per_line: float = PER_LINE) -> list[str]:
    widths = [_width(c) for c in title]
    total = sum(widths)
    if total <= per_line:
        return [title]
    count = math.ceil(total / per_line)
    lines, start = [], 0
    for n in range(1, count):
        target = total * n / count
        best, best_cost = None, None
        run = 0.0
        for i in range(start + 1, len(title)):
            run = sum(widths[:i])
            if abs(run - target) > 3:
                continue
            if title[i - 1].isascii() and title[i].isascii() and title[i].isalnum():
                continue  # never inside a Latin word or a number
            cost = abs(run - target)
            if title[:i].endswith(AFTER) or title[i:].startswith(BEFORE):
                cost -= 1.5
            if best_cost is None or cost < best_cost:
                best, best_cost = i, cost
        if best is None:
            best = start + max(1, round(target - sum(widths[:start])))
        lines.append(title[start:best])
        start = best
    lines.append(title[start:])
    return [line for line in lines if line]


def issuer_size(issuer: str) -> int:
    """Points of the red mark so it fits one 156 mm line: 36 for a short name, less for long."""
    return max(22, min(36, int(156 / 0.3528 / max(len(issuer), 1) * 0.9)))

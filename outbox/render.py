"""What a message says, in the short forms robots and SMS need. Pure: a message in, text out.

Every event is stored as it was said when it happened (``title`` and an absolute ``url``), so
the message reads the same whenever it is sent and the record shows what people were told.
"""

from .choices import spec


def heading(message) -> str:
    """The first line: the kind's heading, and the count when several events joined."""
    events = message.events or []
    head = spec(message.kind).heading
    return f"{head}（{len(events)}条）" if len(events) > 1 else head


def plain(message, limit: int | None = None) -> str:
    """Heading, then one line per event with its link; cut to ``limit`` characters."""
    lines = [heading(message)]
    for n, event in enumerate(message.events or [], 1):
        prefix = f"{n}. " if len(message.events) > 1 else ""
        lines.append(f"{prefix}{event.get('title', '')}")
        if event.get("url"):
            lines.append(event["url"])
    text = "\n".join(lines)
    if limit and len(text) > limit:
        text = text[: limit - 1] + "…"
    return text


def markdown(message) -> str:
    """Markdown both robots render: a heading and a list of linked lines (4,096 bytes at most,
    as 企业微信 allows)."""
    lines = [f"### {heading(message)}"]
    for event in message.events or []:
        title = event.get("title", "").replace("[", "［").replace("]", "］")
        lines.append(f"- [{title}]({event['url']})" if event.get("url") else f"- {title}")
        if event.get("detail"):
            lines.append(f"  > {event['detail']}")
    text = "\n".join(lines)
    while len(text.encode()) > 4000 and len(lines) > 2:
        lines.pop(-1)
        text = "\n".join(lines + ["- …"])
    return text

"""The one badge: a coloured choice (a card, a report status) drawn as a pill.

Every page, table and tile renders badges through :func:`badge`; templates reach it through
``{% card_badge %}`` / ``{% choice_badge %}`` (projects.templatetags.cards) and tables through
``projects.tables.ChoiceBadgeColumn``. The colour comes from the choice (projects.choices).
"""

from django.utils.html import format_html
from django.utils.safestring import SafeString

from .choices import Card, ColouredChoices

DASH = "—"


def badge(
    member: ColouredChoices,
    *,
    text=None,
    href: str = "",
    big: bool = False,
    extra: str = "",
    title: str = "",
) -> SafeString:
    """``<span class="card card-red">红牌</span>`` for a card, ``<span class="badge
    badge-orange">已退回</span>`` for another coloured choice; an ``<a>`` when given ``href``.

    ``text`` replaces the label (a card strip shows the score on the card's colour)."""
    kind = "card" if isinstance(member, Card) else "badge"
    classes = f"{kind} {kind}-{member.colour}"
    if big:
        classes += " big"
    if extra:
        classes += f" {extra}"
    label = member.label if text is None else text
    if href:
        return format_html('<a class="{}" href="{}"{}>{}</a>', classes, href, _title(title), label)
    return format_html('<span class="{}"{}>{}</span>', classes, _title(title), label)


def _title(title: str) -> SafeString:
    return format_html(' title="{}"', title) if title else SafeString("")


def card_badge(code, **kwargs) -> SafeString | str:
    """The card of a stored code ("red"); a dash when there is none (not scored)."""
    if code not in Card.values:
        return DASH
    return badge(Card(code), **kwargs)


def choice_badge(choices: type[ColouredChoices], code, **kwargs) -> SafeString | str:
    if code not in choices.values:
        return DASH
    return badge(choices(code), **kwargs)

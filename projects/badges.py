"""The one badge: a coloured choice (a card, a problem's status, a notice's) drawn as a pill.

Every page, table and tile renders badges through :func:`badge`; templates reach it through
``{% badge "problems.Status" code %}`` / ``{% card_badge code %}``
(projects.templatetags.cards) and tables through ``projects.tables.ChoiceBadgeColumn``. The
colour comes from the choice, in its app's choices module (projects.choices.ColouredChoices).
"""

from django.utils.html import format_html
from django.utils.safestring import SafeString

from config.colours import PALETTE, ColouredChoices, coloured_choices

from .choices import Card

DASH = "—"


def badge(
    member: ColouredChoices,
    *,
    text=None,
    href: str = "",
    big: bool = False,
    extra: str = "",
    title: str = "",
    suffix="",
) -> SafeString:
    """``<span class="card card-red">红牌</span>`` for a card, ``<span class="badge
    badge-orange">已退回</span>`` for another coloured choice; an ``<a>`` when given ``href``.

    ``text`` replaces the label (a card strip shows the score on the card's colour); ``suffix``
    follows it ("已退回 · 逾期", "未填报 3")."""
    kind = "card" if isinstance(member, Card) else "badge"
    classes = f"{kind} {kind}-{member.colour}"
    if big:
        classes += " big"
    if extra:
        classes += f" {extra}"
    label = member.label if text is None else text
    if suffix not in ("", None):
        label = format_html("{} {}", label, suffix)
    if href:
        return format_html('<a class="{}" href="{}"{}>{}</a>', classes, href, _title(title), label)
    return format_html('<span class="{}"{}>{}</span>', classes, _title(title), label)


def marker(colour: str, text, *, big: bool = False, title: str = "", suffix="") -> SafeString:
    """A badge that is no choice's (a report "late", a message "twice?"), in a palette colour;
    without colour (``""``) a plain grey-outlined count."""
    if colour and colour not in PALETTE:
        raise ValueError(f"{colour!r} is not a colour of the palette")
    classes = f"badge badge-{colour}" if colour else "badge"
    if suffix not in ("", None):
        text = format_html("{} {}", text, suffix)
    if big:
        classes += " big"
    return format_html('<span class="{}"{}>{}</span>', classes, _title(title), text)


def _title(title: str) -> SafeString:
    return format_html(' title="{}"', title) if title else SafeString("")


def card_badge(code, **kwargs) -> SafeString | str:
    """The card of a stored code ("red"); a dash when there is none (not scored)."""
    if code not in Card.values:
        return DASH
    return badge(Card(code), **kwargs)


def choice_badge(choices: type[ColouredChoices] | str, code, **kwargs) -> SafeString | str:
    """The badge of a stored code of ``choices`` (the class or its name, "problems.Status"); a
    dash for a code that is none of them."""
    if isinstance(choices, str):
        choices = coloured_choices(choices)
    member = choices.member(code)
    if member is None:
        return DASH
    return badge(member, **kwargs)

"""The one badge: a coloured choice (a card, a problem's status, a notice's) drawn as a pill.

Every page, table and tile renders badges through :func:`badge`; templates reach it through
``{% badge "problems.Status" code %}`` / ``{% card_badge code %}``
(projects.templatetags.cards) and tables through ``config.badges.ChoiceBadgeColumn``. The
colour comes from the choice, in its app's choices module (config.colours.ColouredChoices). It
lives in config, under every app, because every app's tables draw one (the outbox's too).
"""

import django_tables2 as tables
from django.utils.html import format_html
from django.utils.safestring import SafeString

from .colours import PALETTE, ColouredChoices, coloured_choices

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
    kind = member.badge_kind
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


def choice_badge(choices: type[ColouredChoices] | str, code, **kwargs) -> SafeString | str:
    """The badge of a stored code of ``choices`` (the class or its name, "problems.Status"); a
    dash for a code that is none of them."""
    if isinstance(choices, str):
        choices = coloured_choices(choices)
    member = choices.member(code)
    if member is None:
        return DASH
    return badge(member, **kwargs)


class ChoiceBadgeColumn(tables.Column):
    """A coloured choice as its badge (NetBox's ChoiceFieldColumn): the stored code is read
    through the accessor, so it works for a model field, an annotation or a dict row alike; the
    label and the colour come from the choice. Every coloured cell of every table is one."""

    choices: type[ColouredChoices]  # each column names its choice (CardColumn: the card)
    extra = ""  # a class added to the badge ("level")

    def __init__(self, *args, choices: type[ColouredChoices] | None = None, **kwargs):
        kwargs.setdefault("attrs", {"td": {"class": "c-badge"}})
        super().__init__(*args, **kwargs)
        if choices is not None:
            self.choices = choices

    def text(self, member):
        """The badge's text: the label, unless a column says more ("↑ 部门负责人")."""
        return None

    def after(self, record) -> str:
        """What follows the badge in the cell (an outbox message's retry time)."""
        return ""

    def render(self, record, bound_column):
        # For a choices field ``value`` is the label: the colour needs the stored code.
        member = self.choices.member(bound_column.accessor.resolve(record, quiet=True))
        if member is None:
            return DASH
        drawn = badge(member, text=self.text(member), extra=self.extra)
        return format_html("{}{}", drawn, self.after(record))

    def value(self, record, bound_column):
        """Exports get the label, not the HTML."""
        member = self.choices.member(bound_column.accessor.resolve(record, quiet=True))
        return member.label if member is not None else ""

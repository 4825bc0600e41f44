"""The badge in templates: ``{% badge "problems.Status" p.status %}`` for any coloured choice,
``{% card_badge code %}`` and ``{% status_badge code %}`` for the card and the weekly report's.

All draw projects.badges, so a colour and its label always agree; no template or module writes
a card's or a badge's span of its own (tests/projects/test_badges.py looks)."""

from django import template
from django.utils.safestring import mark_safe

from config import badges
from projects.badges import card_badge as draw_card
from projects.choices import Card, ReportStatus

register = template.Library()


@register.simple_tag
def badge(choices, code, big=False, text=None, href="", extra="", title="", suffix=""):
    """``{% badge "escalation.NoticeStatus" n.status big=True %}``: the choice is named
    ``"<app>.<Name>"``; a dash for a code that is none of its members."""
    return badges.choice_badge(
        choices, code, big=big, text=text, href=href, extra=extra, title=title, suffix=suffix
    )


@register.simple_tag
def marker(colour, text, big=False, title="", suffix=""):
    """``{% marker "orange" _("late") %}``: a badge that is no choice's, in a palette colour
    (``""``: none, for a count)."""
    return badges.marker(colour, text, big=big, title=title, suffix=suffix)


@register.simple_tag
def card_badge(code, big=False, text=None, href="", extra="", title=""):
    """``{% card_badge t.week_card %}``; ``{% card_badge s.card text=s.total href=url %}``."""
    return draw_card(code, big=big, text=text, href=href, extra=extra, title=title)


@register.simple_tag
def status_badge(code, text=None, extra="", big=False, suffix=""):
    """A weekly report's status (missing, draft, submitted, returned, accepted)."""
    return badges.choice_badge(ReportStatus, code, text=text, extra=extra, big=big, suffix=suffix)


@register.simple_tag
def card_css():
    """The cards' colour rules from the choice, for a stylesheet that cannot link app.css: the
    PDF's (WeasyPrint renders the document from a string)."""
    return mark_safe(  # noqa: S308 built from the palette's constants
        " ".join(f".card-{c.colour} {{ background: {c.hex}; color: {c.ink}; }}" for c in Card)
    )

"""The badge in templates: ``{% card_badge code %}``, ``{% status_badge code %}``.

Both draw projects.badges.badge, so a colour and its label always agree; no template writes a
``class="card card-…"`` span of its own (tests/projects/test_badges.py looks)."""

from django import template
from django.utils.safestring import mark_safe

from projects import badges
from projects.choices import Card, ReportStatus

register = template.Library()


@register.simple_tag
def card_badge(code, big=False, text=None, href="", extra="", title=""):
    """``{% card_badge t.week_card %}``; ``{% card_badge s.card text=s.total href=url %}``."""
    return badges.card_badge(code, big=big, text=text, href=href, extra=extra, title=title)


@register.simple_tag
def status_badge(code, text=None, extra=""):
    """A weekly report's status (missing, draft, submitted, returned, accepted)."""
    return badges.choice_badge(ReportStatus, code, text=text, extra=extra)


@register.simple_tag
def card_css():
    """The cards' colour rules from the choice, for a stylesheet that cannot link app.css: the
    PDF's (WeasyPrint renders the document from a string)."""
    return mark_safe(  # noqa: S308 built from the palette's constants
        " ".join(f".card-{c.colour} {{ background: {c.hex}; color: {c.ink}; }}" for c in Card)
    )

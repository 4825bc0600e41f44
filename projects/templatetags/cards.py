"""The card badge everywhere: one tag so colour and label always agree."""

from django import template
from django.utils.html import format_html

from projects.choices import Card

register = template.Library()


@register.simple_tag
def card_badge(code: str, big: bool = False):
    """<span class="card card-red">红牌</span>; a dash when there is no card."""
    if code not in Card.values:
        return "—"
    size = " big" if big else ""
    return format_html('<span class="card card-{}{}">{}</span>', code, size, Card(code).label)

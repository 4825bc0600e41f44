"""The card's badge of a stored code: the one badge (config.badges) with the card's choice."""

from django.utils.safestring import SafeString

from config.badges import DASH, badge

from .choices import Card


def card_badge(code, **kwargs) -> SafeString | str:
    """The card of a stored code ("red"); a dash when there is none (not scored)."""
    if code not in Card.values:
        return DASH
    return badge(Card(code), **kwargs)

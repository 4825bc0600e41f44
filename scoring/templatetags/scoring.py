"""Template tags of the scoring app: the card strip on the project page."""

from django import template

from .. import selectors

register = template.Library()


@register.inclusion_tag("scoring/_card_strip_items.html")
def card_strip(project):
    """The project's card for every scored week, each linking to its "why" page."""
    return {"project": project, "scores": selectors.card_strip(project)}

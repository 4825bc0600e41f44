"""``{% menu %}``: the links of the top bar (templates/includes/menu.html), drawn once per
process for each role, superuser and staff flags, language and URL prefix, then kept: every
signed-in page drew the same 20 links again, a third of the page shell's time.

The template is given those flags alone, never the user, so nothing else can change what it
draws. The kept copies live on the compiled template: when the template loaders reload it
(runserver after an edit), the new template starts with none."""

import functools

from django import template
from django.conf import settings
from django.template import Context, Engine
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

register = template.Library()

TEMPLATE = "includes/menu.html"


def menu_of(user) -> dict:
    """All the menu reads of the user, and so its key (with the language and the URLs)."""
    return {
        "role": user.role,
        "is_superuser": bool(user.is_superuser),
        "is_staff": bool(user.is_staff),
    }


@register.simple_tag(takes_context=True)
def menu(context) -> SafeString:
    flags = menu_of(context["user"])
    compiled = Engine.get_default().get_template(TEMPLATE)  # the loader's own, kept copy
    kept: dict = compiled.__dict__.setdefault("_kept_menus", {})
    key = (*flags.values(), get_language(), get_script_prefix(), get_urlconf())
    html = kept.get(key)
    if html is None:
        if len(kept) >= 256:  # bounded: the prefix comes from the request's SCRIPT_NAME
            kept.clear()
        html = kept[key] = compiled.render(Context({"menu": flags}, autoescape=context.autoescape))
    return mark_safe(html)  # noqa: S308 - our template's own output


@register.simple_tag
def bar_url(name: str) -> str:
    """``{% url name %}`` for the top bar's links without arguments, reversed once per process
    for each language, URL prefix and URLconf: five reverse() calls were a quarter of the page
    shell's time, for the same five strings on every page."""
    return _bar_url(
        name, get_language(), get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF
    )


@functools.lru_cache(maxsize=256)  # bounded: the prefix comes from the request's SCRIPT_NAME
def _bar_url(name: str, language, prefix: str, urlconf) -> str:
    return reverse(name)

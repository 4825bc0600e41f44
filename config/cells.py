"""A table's cells drawn in Python, each column's by one function of its row, in the markup of
``config.tables.row_html`` (django-tables2's cells). django-tables2's steps for each cell
(resolve the accessor, render, link, localize, escape through Django's lazy-aware helpers) were
most of a list page's time. A table hands its drawers to :func:`draw_row` from its own
``draw_row``; tests hold each table's rows to the same HTML as django-tables2's own
(tests/projects/test_list_rows.py, tests/problems/test_problem_rows.py…)."""

from collections.abc import Callable
from html import escape
from typing import Any

from django.template.base import render_value_in_context
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from .badges import DASH, badge
from .colours import ColouredChoices

Draw = Callable[[Any], str]
Drawers = dict[str, Callable[[], Draw]]


def is_empty(value) -> bool:
    return value is None or value == ""  # a column's empty_values: its default, a dash


def text_cell(key: str, choices=None) -> Callable[[], Draw]:
    """The value of ``key``, or its choice's label (a code no choice names as it is)."""

    def drawer() -> Draw:
        # The labels in the request's language, escaped once for the page's rows.
        labels = {k: escape(str(v)) for k, v in choices.choices} if choices else {}

        def draw(record) -> str:
            value = record[key]
            if is_empty(value):
                return DASH
            drawn = labels.get(value)
            return drawn if drawn is not None else escape(str(value))

        return draw

    return drawer


def link_cell(key: str, url: Callable[[Any], str]) -> Callable[[], Draw]:
    """The value of ``key``, a link to ``url(record)`` (``linkify=pk_url(…)`` / ``key_url``)."""

    def draw(record) -> str:
        text = record[key]
        if is_empty(text):
            return DASH
        return f'<a href="{escape(url(record))}">{escape(str(text))}</a>'

    return lambda: draw


def money_cell(key: str) -> Callable[[], Draw]:
    """MoneyColumn: 12,345.60."""

    def draw(record) -> str:
        value = record[key]
        return DASH if is_empty(value) else f"{value:,.2f}"

    return lambda: draw


def badge_cell(key: str, choices: type[ColouredChoices]) -> Callable[[], Draw]:
    """ChoiceBadgeColumn: the choice's badge, each drawn once for the page's rows (in its
    language); a dash for a code no choice names."""

    def drawer() -> Draw:
        badges = {member.value: str(badge(member)) for member in choices}
        return lambda record: badges.get(record[key], DASH)

    return drawer


def local_time_cell(key: str) -> Callable[[], Draw]:
    """DateTimeColumn(format="Y-m-d H:i"): in the site's time zone, as the template's date."""

    def draw(record) -> str:
        at = record[key]
        if at is None:
            return DASH
        return f"{timezone.localtime(at):%Y-%m-%d %H:%M}"  # the format's digits, in any language

    return lambda: draw


# A table's cells' opening tags and drawers, by its class, columns, language and escaping:
# the same for every page of the list (working them out was a tenth of its CPU). A column's
# attributes computed from its bound column alone (a header as ``data-label``) are every row's.
# A drawer is kept from page to page: what it holds is the language's, never the day's.
_PARTS: dict[tuple, list[tuple[str, Draw]]] = {}


def _parts(table, context, drawers: Drawers) -> list[tuple[str, Draw]]:
    columns = tuple(c.name for c in table.columns)
    key = (type(table), id(drawers), columns, get_language(), context.autoescape)
    parts = _PARTS.get(key)
    if parts is None:  # a cell's opening tag, its header included, is every row's
        parts = _PARTS[key] = [
            (
                f"<td {c.attrs['td'].as_html()} "
                f'data-th="{render_value_in_context(c.header, context)}">',
                drawers[c.name](),
            )
            for c in table.columns
        ]
    return parts


def draw_row(table, row, context, drawers: Drawers) -> SafeString:
    """``row``'s ``<tr>``, as ``config.tables.row_html`` draws it, each column's cells by its
    drawer in ``drawers``."""
    parts = table.__dict__.get("_drawn_parts")
    if parts is None:
        parts = table._drawn_parts = _parts(table, context, drawers)
    record = row.record
    # The row's attributes are its even/odd class unless the table computes others.
    tr = f'class="{row.get_even_odd_css_class()}"' if not table.row_attrs else row.attrs.as_html()
    tds = "".join([f"{head}{draw(record)}</td>" for head, draw in parts])
    return mark_safe(f"<tr {tr}>{tds}</tr>")  # noqa: S308 - each cell escaped

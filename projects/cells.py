"""The project list's cells drawn from its plain rows (``projects.rows``): the markup of
``config.tables.row_html`` (django-tables2's cells), each cell one function of its value.
django-tables2's steps for each of a page's 550 cells (resolve the accessor, render, link,
localize, escape) were most of the list's time. tests/projects/test_list_rows.py holds them
to the same HTML as django-tables2's own."""

from collections.abc import Callable
from html import escape

from django.template.base import render_value_in_context
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from config.badges import DASH
from config.tables import pk_url

from .badges import card_badge
from .choices import Card, Category, Stage, TargetKind

Draw = Callable[[dict], str]


def _empty(value) -> bool:
    return value is None or value == ""  # a column's empty_values: its default, a dash


def _text(key: str, choices=None) -> Callable[[], Draw]:
    """The value of ``key``, or its choice's label (a code no choice names as it is)."""

    def drawer() -> Draw:
        # The labels in the request's language, escaped once for the page's rows.
        labels = {k: escape(str(v)) for k, v in choices.choices} if choices else {}

        def draw(record) -> str:
            value = record[key]
            if _empty(value):
                return DASH
            drawn = labels.get(value)
            return drawn if drawn is not None else escape(str(value))

        return draw

    return drawer


def _money(key: str) -> Callable[[], Draw]:
    """MoneyColumn: 12,345.60."""

    def draw(record) -> str:
        value = record[key]
        return DASH if _empty(value) else f"{value:,.2f}"

    return lambda: draw


_detail = pk_url("projects:detail")


def _name() -> Draw:
    """The name, a link to the project's page."""

    def draw(record) -> str:
        name = record["name"]
        return DASH if _empty(name) else f'<a href="{escape(_detail(record))}">{escape(name)}</a>'

    return draw


def _card() -> Draw:
    """The card's badge (CardColumn), each card's drawn once for the page's rows."""
    badges = {code: str(card_badge(code)) for code in Card.values}
    return lambda record: badges.get(record["card"], DASH)


# Each column of ProjectTable by name: what draws its cells, made once per table.
CELLS: dict[str, Callable[[], Draw]] = {
    "code": _text("code"),
    "name": _name,
    "card": _card,
    "district": _text("district"),
    "category": _text("category", Category),
    "unit": _text("unit_label"),
    "leader": _text("leader_label"),
    "target": _text("target", TargetKind),
    "stage": _text("stage", Stage),
    "annual_plan": _money("annual_plan"),
    "ytd_investment": _money("ytd_investment"),
}


# A table's cells' opening tags and drawers, by its class, columns, language and escaping:
# the same for every page of the list (working them out was a tenth of its CPU). The class's
# columns' attributes and headers are fixed (the tables drawn here compute none per record).
_PARTS: dict[tuple, list[tuple[str, Draw]]] = {}


def _parts(table, context, drawers: dict[str, Callable[[], Callable]]) -> list[tuple[str, Draw]]:
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


def draw_row(table, row, context, drawers: dict[str, Callable[[], Callable]] = CELLS) -> SafeString:
    """``row``'s ``<tr>``, as ``config.tables.row_html`` draws it, each column's cells by its
    drawer in ``drawers`` (the review queue's are ``projects.review_cells``)."""
    parts = table.__dict__.get("_drawn_parts")
    if parts is None:
        parts = table._drawn_parts = _parts(table, context, drawers)
    record = row.record
    # The row's attributes are its even/odd class unless the table computes others.
    tr = f'class="{row.get_even_odd_css_class()}"' if not table.row_attrs else row.attrs.as_html()
    tds = "".join([f"{head}{draw(record)}</td>" for head, draw in parts])
    return mark_safe(f"<tr {tr}>{tds}</tr>")  # noqa: S308 - each cell escaped

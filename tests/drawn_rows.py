"""A table's rows as its own ``draw_row`` draws them (config.cells) and as django-tables2's cells
do (config.tables.row_html), for tests that hold the one to the other."""

from collections.abc import Callable

from django.template import Context
from django.test import RequestFactory

from config.tables import row_html


def drawn_and_stock(make_table: Callable, path: str = "/") -> tuple[list[str], list[str]]:
    """The rows of a table ``make_table()`` makes, drawn both ways (each from a table of its own:
    a table keeps what its first drawing worked out)."""
    context = Context({})
    table = make_table()
    table.request = RequestFactory().get(path)
    drawn = [table.draw_row(row, context) for row in table.rows]
    stock: list[str] = [row_html(row, context) for row in make_table().rows]
    return drawn, stock

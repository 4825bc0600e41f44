"""``{% table_row row %}``: one row of every django-tables2 table (config.tables.row_html),
or the table's own ``draw_row`` when it has one (the project list: projects.cells)."""

from django import template

from config.tables import row_html

register = template.Library()


@register.simple_tag(takes_context=True)
def table_row(context, row):
    draw = getattr(row.table, "draw_row", None)
    return draw(row, context) if draw is not None else row_html(row, context)

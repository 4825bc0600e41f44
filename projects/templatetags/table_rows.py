"""``{% table_row row %}``: one row of every django-tables2 table (config.tables.row_html)."""

from django import template

from config.tables import row_html

register = template.Library()


@register.simple_tag(takes_context=True)
def table_row(context, row):
    return row_html(row, context)

"""``{% draw_table table %}``: ``{% render_table table %}`` drawn in Python (config.table_html)."""

from django import template

from config.table_html import table_html

register = template.Library()


@register.simple_tag(takes_context=True)
def draw_table(context, table):
    return table_html(table, context)

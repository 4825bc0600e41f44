"""A django-tables2 table drawn in Python: the markup of ``templates/tables/table.html`` (the
stock ``django_tables2/table.html`` with every cell labelled), header, sort links, rows and
pagination. ``{% render_table %}`` rendered that template in a context of its own (the context
processors run again) with about fifty template tags for the header's and the pages' links: a
third of the project list's time in issue 14's profile. tests/projects/test_table_html.py holds
it to the template's HTML (the same tags, attributes and text; only the whitespace between tags
differs)."""

from django.template.base import render_value_in_context
from django.utils.html import conditional_escape, escape
from django.utils.http import urlencode
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext
from django_tables2.templatetags.django_tables2 import table_page_range
from django_tables2.utils import AttributeDict

from .tables import row_html


def _attrs(attrs, key: str) -> str:
    """``{{ table.attrs.<key>.as_html }}``: an ``AttributeDict``'s, else nothing."""
    found = attrs.get(key)
    return found.as_html() if isinstance(found, AttributeDict) else ""


class _Links:
    """``{% querystring_replace key=value %}``: the request's query with one key replaced."""

    def __init__(self, request) -> None:
        self.params = dict(request.GET)

    def __call__(self, key: str, value) -> str:
        params = self.params.copy()
        params[key] = value
        return escape("?" + urlencode(params, doseq=True))


# A fixed head's cells (``fixed_head``) by table class, columns, order, language and escaping.
_HEADS: dict[tuple, list[tuple[str, str, str | None]]] = {}


def _head_cells(table, context) -> list[tuple[str, str, str | None]]:
    """Each column's ``<th>`` attributes, header and, if it sorts, the order its link asks."""
    return [
        (
            column.attrs["th"].as_html(),
            render_value_in_context(column.header, context),
            str(column.order_by_alias.next) if column.orderable else None,
        )
        for column in table.columns
    ]


def _head(table, links: _Links, context) -> str:
    order = tuple(str(o) for o in table.order_by) if table.order_by else ()
    # Worked out once, the same on every page; sorted by one column at most: the keys stay few.
    if getattr(table, "fixed_head", False) and len(order) <= 1:
        names = tuple(column.name for column in table.columns)
        key = (type(table), names, order, get_language(), context.autoescape)
        known = _HEADS.get(key)
        if known is None:
            known = _HEADS[key] = _head_cells(table, context)
    else:
        known = _head_cells(table, context)
    cells = []
    for th, header, next_order in known:
        if next_order is not None:
            href = links(table.prefixed_order_by_field, next_order)
            header = f'<a href="{href}">{header}</a>'
        cells.append(f"<th {th}>{header}</th>")
    return f"<thead {_attrs(table.attrs, 'thead')}><tr>{''.join(cells)}</tr></thead>"


def _body(table, context) -> str:
    draw = getattr(table, "draw_row", None) or row_html  # {% table_row row %}
    rows = [draw(row, context) for row in table.paginated_rows]
    if not rows and table.empty_text:
        empty = render_value_in_context(table.empty_text, context)
        rows = [f'<tr><td colspan="{len(table.columns)}">{empty}</td></tr>']
    return f"<tbody {_attrs(table.attrs, 'tbody')}>{''.join(rows)}</tbody>"


def _foot(table, context) -> str:
    cells = "".join(
        f"<td {column.attrs['tf'].as_html()}>{render_value_in_context(column.footer, context)}</td>"
        for column in table.columns
    )
    return f"<tfoot {_attrs(table.attrs, 'tfoot')}><tr>{cells}</tr></tfoot>"


def _pages(table, links: _Links, context) -> str:
    page = getattr(table, "page", None)
    if not page or table.paginator.num_pages <= 1:
        return ""
    field = table.prefixed_page_field
    items = []
    if page.has_previous():
        href = links(field, page.previous_page_number())
        text = conditional_escape(gettext("previous"))
        items.append(f'<li class="previous"><a href="{href}">{text}</a></li>')
    for p in table_page_range(page, table.paginator):  # more than one page: a neighbour
        active = 'class="active"' if p == page.number else ""
        href = "#" if p == "..." else links(field, p)
        number = render_value_in_context(p, context)
        items.append(f'<li {active}><a href="{href}">{number}</a></li>')
    if page.has_next():
        href = links(field, page.next_page_number())
        text = conditional_escape(gettext("next"))
        items.append(f'<li class="next"><a href="{href}">{text}</a></li>')
    return f'<ul class="pagination">{"".join(items)}</ul>'


def table_html(table, context) -> SafeString:
    """``table`` as ``{% render_table table %}`` draws it with ``templates/tables/table.html``,
    in ``context`` (the page's: its request, and for the cells its autoescape and l10n)."""
    request = context.get("request")
    links = _Links(request)
    table.context = context  # as render_table does: a TemplateColumn renders in it
    try:
        table.before_render(request)
        head = _head(table, links, context) if table.show_header else ""
        foot = _foot(table, context) if table.has_footer() else ""
        html = (
            f'<div class="table-container stackable">'
            f"<table {AttributeDict(table.attrs).as_html()}>{head}{_body(table, context)}{foot}"
            f"</table>{_pages(table, links, context)}</div>"
        )
    finally:
        del table.context
    return mark_safe(html)  # noqa: S308 - headers, links and cells escaped, the rest markup

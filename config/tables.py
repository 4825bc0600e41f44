"""django-tables2 asks ``inspect.signature()`` of a render method for every cell it draws — about
half of a list page's time in the profile of issue 14. A function's signature does not change,
so it is worked out once per function (bound methods share their function's entry).
"""

import inspect
import weakref

from django.template.base import render_value_in_context
from django.utils import formats
from django.utils.safestring import SafeString, mark_safe
from django_tables2 import utils

_original = utils.signature
_cache: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def signature(fn):
    bound = inspect.ismethod(fn)
    key = fn.__func__ if bound else fn
    try:
        known = _cache.setdefault(key, {})
    except TypeError:  # not weak-referenceable: no cache
        return _original(fn)
    if bound not in known:
        known[bound] = _original(fn)
    return known[bound]


def speed_up() -> None:
    """Install the cached signature (``call_with_appropriate`` looks it up at each call)."""
    utils.signature = signature


def row_html(row, context) -> SafeString:
    """One ``<tr>`` of ``templates/tables/table.html``, built in Python: the template's loop cost
    about 7 ms a row (a list page's 50 rows: most of its time) in variable lookups; the cells are
    django-tables2's own and each value goes through the template's ``{{ }}`` rendering."""
    table = row.table
    known = table.__dict__.get("_row_parts")
    if known is None:  # a header, and a cell's attributes unless computed, are every row's
        known = table._row_parts = {
            c.name: (render_value_in_context(c.header, context), _fixed_td(table, c))
            for c in table.columns
        }
    parts = [f"<tr {row.attrs.as_html()}>"]
    for column, cell in row.items():
        if column.localize is not None:
            cell = str(formats.localize(cell, use_l10n=bool(column.localize)))  # |(un)localize
        value = render_value_in_context(cell, context)
        th, td = known[column.name]
        td = td if td is not None else column.attrs["td"].as_html()
        parts.append(f'<td {td} data-th="{th}">{value}</td>')
    parts.append("</tr>")
    return mark_safe("".join(parts))  # noqa: S308 - every piece above is escaped or markup


def _fixed_td(table, column) -> str | None:
    """A column's ``<td>`` attributes when none is computed per record (None otherwise)."""
    attrs = {**table.attrs, **column.column.attrs}
    given = attrs.get("td", attrs.get("cell", {}))
    if any(callable(v) for v in given.values()):
        return None
    return column.attrs["td"].as_html()

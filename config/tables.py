"""django-tables2 asks ``inspect.signature()`` of a render method for every cell it draws — about
half of a list page's time in the profile of issue 14. A function's signature does not change,
so it is worked out once per function (bound methods share their function's entry). The rest of
a cell's steps that are the same on every row (the accessor's split, the field, a choice field's
labels, the render method's arguments, an inline column template) are worked out once per table
column (``_Plan``): the cells are the same, at about three quarters of the function calls.
"""

import copy
import functools
import inspect
import weakref

import django_tables2 as tables
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.template import Context, Template
from django.template.base import render_value_in_context
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import formats
from django.utils.encoding import force_str
from django.utils.hashable import make_hashable
from django.utils.safestring import SafeString, mark_safe
from django_tables2 import utils
from django_tables2.columns import ManyToManyColumn, TemplateColumn
from django_tables2.columns.linkcolumn import BaseLinkColumn

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


def pk_url(viewname: str):
    """``linkify=pk_url("projects:detail")``: each row's link to its record's page, without a
    ``reverse()`` per row (a tenth of a list page's time): the URL is reversed once with a
    marker in place of the pk, and each row's is that with the record's pk put in."""

    def url(record) -> str:
        head, tail = _pk_pattern(viewname, get_script_prefix(), get_urlconf())
        return f"{head}{int(record.pk)}{tail}"

    return url


def key_url(viewname: str, key: str):
    """``pk_url`` for a plain row's other record: the link to the page of the record whose id
    the row holds under ``key`` (a problem's row links its project by ``project_id``)."""

    def url(record) -> str:
        head, tail = _pk_pattern(viewname, get_script_prefix(), get_urlconf())
        return f"{head}{int(record[key])}{tail}"

    return url


_MARKER = 8_642_097_531


@functools.lru_cache(maxsize=64)
def _pk_pattern(viewname: str, prefix: str, urlconf) -> tuple[str, str]:
    head, _, tail = reverse(viewname, args=[_MARKER], urlconf=urlconf).partition(str(_MARKER))
    return head, tail


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
    for column, cell in _items(row):
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


_ARGUMENTS = ("value", "record", "column", "bound_column", "bound_row", "table")
_MISSING = object()


class _Plan:
    """What django-tables2 works out again for every cell (``BoundRow._get_and_render_with``
    and ``call_with_appropriate``) that is the same for every row of a column."""

    def __init__(self, table, bound_column):
        self.bound_column = bound_column
        self.column = bound_column.column
        self.name = bound_column.name
        self.accessor = utils.A(bound_column.accessor)
        path, _, self.remainder = self.accessor.rpartition(self.accessor.SEPARATOR)
        self.path = utils.A(path)
        self.display = f"get_{self.remainder}_display"
        self.fields: dict = {}  # the model field reached, per record class
        self.render = bound_column.render
        if _stock_template(self.column, self.render):  # a date, a datetime, an action's form
            self.render = functools.partial(_render_template, self.column)
        wanted, everything = signature(self.render)
        self.wanted = None if everything else wanted
        self.callable = everything or all(a in _ARGUMENTS for a in wanted)
        self.link = bound_column.link
        self.default = bound_column.default
        self.empty_values = self.column.empty_values
        self.many = isinstance(self.column, ManyToManyColumn)
        self.text_link = isinstance(self.column, BaseLinkColumn) and self.column.text is not None
        self.labels: dict = {}  # a choices field's labels, in this request's language

    def field(self, record):
        kind = type(record)
        if kind not in self.fields:
            try:
                self.fields[kind] = self.accessor.get_field(record)
            except FieldDoesNotExist:
                self.fields[kind] = None
        return self.fields[kind]

    def label(self, field, instance):
        """``instance.get_FOO_display()`` without hashing every lazy label of the choices at
        each cell (Django's dict(make_hashable(flatchoices)): most of a list page's rows)."""
        labels = self.labels.get(field)
        if labels is None:
            labels = self.labels[field] = {
                make_hashable(k): force_str(v, strings_only=True) for k, v in field.flatchoices
            }
        value = getattr(instance, field.attname)
        try:
            found = labels.get(value, _MISSING)
        except TypeError:  # an unhashable value: Django's own way
            return getattr(instance, self.display)()
        return force_str(value, strings_only=True) if found is _MISSING else found

    def cell(self, row):
        """``row.get_cell(name)``: the same steps, in the same order."""
        record = row.record
        value = None
        remainder = self.remainder
        penultimate = self.path.resolve(record, quiet=True)
        if isinstance(penultimate, models.Model):
            field = self.field(record)
            display_fn = getattr(penultimate, self.display, None)
            if getattr(field, "choices", ()) and display_fn:
                if _stock(display_fn):  # the field Django's own display would read
                    value = self.label(display_fn.keywords["field"], penultimate)
                else:
                    value = display_fn()
                remainder = None
        if remainder:
            try:
                value = self.accessor.resolve(record)
            except Exception:
                if self.text_link:
                    return self.call(row, None)
        if value in self.empty_values or (self.many and not value.exists()):
            return self.default
        return self.call(row, value)

    def call(self, row, value):
        given = {
            "value": value,
            "record": row.record,
            "column": self.column,
            "bound_column": self.bound_column,
            "bound_row": row,
            "table": row.table,
        }
        if not self.callable:
            content = None
        elif self.wanted is None:
            content = self.render(**given)
        else:
            content = self.render(**{k: given[k] for k in self.wanted})
        return self.link(content, **given) if self.link else content


def _stock_template(column, render) -> bool:
    """Whether a cell is drawn by ``TemplateColumn.render`` from its inline template."""
    return (
        isinstance(column, TemplateColumn)
        and bool(column.template_code)
        and getattr(render, "__func__", None) is TemplateColumn.render
        and getattr(render, "__self__", None) is column
    )


@functools.lru_cache(maxsize=256)
def _template(code: str) -> Template:
    return Template(code)


def _render_template(template_column, record, table, value, bound_column, **kwargs):
    """``TemplateColumn.render`` with its template compiled once, not once per cell
    (DateTimeColumn is one: ``{{ value|date:"..." }}`` was parsed again for every row)."""
    parent_context = getattr(table, "context", Context())
    context = template_column.get_context_data(
        record=record, table=table, value=value, bound_column=bound_column, **kwargs
    )
    with parent_context.update(context):
        parent_context["request"] = getattr(table, "request", None)
        return _template(template_column.template_code).render(parent_context)


def _stock(display_fn) -> bool:
    """Whether ``get_FOO_display`` is Django's own (a model may write its own)."""
    return (
        isinstance(display_fn, functools.partial)
        and getattr(display_fn.func, "__func__", None) is models.Model._get_FIELD_display  # type: ignore[attr-defined]
    )


def _items(row):
    """``row.items()``, each cell through its column's :class:`_Plan`."""
    table = row.table
    plans = table.__dict__.get("_cell_plans")
    if plans is None:
        plans = table._cell_plans = [_Plan(table, c) for c in table.columns]
    for plan in plans:
        column = plan.bound_column
        column.current_value = plan.cell(row)
        column.current_record = row.record
        yield column, column.current_value


class _Columns(dict):
    def __deepcopy__(self, memo):
        return {name: copy.copy(column) for name, column in self.items()}


class LeanTable(tables.Table):
    """A table whose columns are copied for each table made, not deep-copied (django-tables2
    copies their lazy names, choices and links for each request: a twentieth of a list page);
    a column's own state that a table changes (``visible``, ``accessor``) is the copy's."""

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        cls.base_columns = _Columns(cls.base_columns)

"""A table's rows read as plain dicts of the columns it shows (projects.rows, problems.rows).

A page read with ``select_related`` built several model instances a row from every column of
each, which the ORM compiled for each page. A row here is one dict of the cells' values, with
names of related rows worked out by the database in subqueries compiled once, and ``pk`` for
the row's link."""

import functools

from django.db import connection
from django.db.models import Model, OuterRef, QuerySet, Subquery
from django.db.models.expressions import RawSQL
from django.db.models.query import ValuesIterable


class KeyRow(dict):
    """A row as the tables' cells read it: by key, and ``pk`` for its link (``pk_url``)."""

    __slots__ = ()

    @property
    def pk(self):
        return self["pk"]


class _RowIterable(ValuesIterable):
    """``values()``'s dicts as rows: the queryset stays one (sorted, counted, sliced by the
    table and its paginator) and yields rows only when a page is read."""

    row = KeyRow

    def __iter__(self):
        # An empty page (no row matches) reads nothing: the ORM compiled the whole read before
        # it found its slice empty, a tenth of an empty list's time.
        if self.queryset.query.is_empty():
            return
        for values in super().__iter__():
            yield self.row(values)


def one_of(model: type[Model], key: str, value) -> Subquery:
    """A value of the row's ``model`` read by its id: a subquery, not a join, so that the
    paginator's count of the rows stays the rows' own count alone."""
    # Unordered: the models' default ordering joins the region for each row.
    rows = model._default_manager.filter(pk=OuterRef(key))
    return Subquery(rows.order_by().values_list(value)[:1])


def compiled_names(model: type[Model], names: dict[str, Subquery]) -> dict[str, RawSQL]:
    """``names`` (subqueries of a query of ``model``) compiled once, to keep per database:
    building them was a tenth of a list page's CPU and compiling them half of its page query's.
    A query resolves a copy of each (``resolve_expression``), never the kept one; each refers to
    the row by its table's name, which a query of ``model`` keeps as its own."""
    query = model._default_manager.annotate(**names).query
    compiler = query.get_compiler(connection=connection)
    compiled = {name: compiler.compile(query.annotations[name]) for name in names}
    return {
        name: RawSQL(sql, tuple(params), output_field=names[name].output_field)
        for name, (sql, params) in compiled.items()
    }


def plain_rows(
    queryset: QuerySet, shown: tuple[str, ...], names: dict[str, RawSQL], row: type = KeyRow
) -> QuerySet:
    """``queryset`` (already scoped and filtered) as rows of ``row`` with the ``shown`` columns
    and the ``names``."""
    rows = queryset.values(*shown, **names)
    rows._iterable_class = _iterable_of(row)
    return rows


@functools.cache
def _iterable_of(row: type) -> type[_RowIterable]:
    return type(f"{row.__name__}Iterable", (_RowIterable,), {"row": row})

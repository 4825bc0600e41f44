"""Bulk inserts of a scoring run, with their history: PostgreSQL's COPY, the ORM elsewhere.

A province's week is thousands of new scores, each with a JSON breakdown and a history record.
Through the ORM every row is a dozen placeholders that psycopg parses and binds on the client —
seconds per 5,000 scores; COPY streams the same rows in a fraction of that. The rows written are
those django-simple-history's bulk helpers would write (same columns, the run's user, date and
change reason); on SQLite the helpers themselves are used, so both paths run in the test suite.
"""

import json
import time
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from django.db import connection, models
from django.db.models import NOT_PROVIDED, F, Func, Q
from simple_history.utils import bulk_create_with_history

BATCH = 500
UPDATE_BATCH = 5000  # rows of one UPDATE: its arrays are one parameter each, whatever their length


def _fast() -> bool:
    return connection.vendor == "postgresql"


class _Among(Func):
    """``field = ANY(%s)``, the values one array parameter."""

    output_field = models.BooleanField()
    conditional = True

    def __init__(self, field: str, values: list[int]) -> None:
        super().__init__(F(field))
        self.values = values

    def as_sql(self, compiler, connection, **extra):
        sql, params = compiler.compile(self.source_expressions[0])
        return f"{sql} = ANY(%s)", [*params, self.values]


def among(field: str, values: Sequence[int]) -> Q:
    """Rows whose ``field`` is one of ``values`` (a campaign's project ids, say). On PostgreSQL
    one array parameter: an IN list is a thousand placeholders that the ORM builds, the driver
    parses and the server plans one by one, and a join to the campaign's projects instead
    made the planner scan every project of the province."""
    if not _fast():
        return Q(**{f"{field}__in": list(values)})
    return Q(_Among(field, list(values)))


def compress_quickly() -> None:
    """Have the current transaction compress the long values it writes (a breakdown is 2–3 KB,
    stored compressed twice: the score and its history) with lz4 rather than the default pglz,
    which cost a tenth of the server's share of a scoring run. One query; where the server was
    built without lz4 it sets nothing, and SQLite has no such setting. Reading back is the same
    either way. Inside an enclosing transaction (a rescoring in a request) the setting lasts
    until that one ends: it only chooses how values are compressed."""
    if not _fast():
        return
    with connection.cursor() as cursor:
        # The WHERE keeps set_config from running where lz4 is not one of the setting's values.
        cursor.execute(
            "SELECT set_config('default_toast_compression', 'lz4', true) FROM pg_settings "
            "WHERE name = 'default_toast_compression' AND 'lz4' = ANY(enumvals)"
        )


def _copy(
    model: type[models.Model],
    columns: list[models.Field],
    rows: list[list[Any]],
    encoded: dict[int, tuple[Any, str]] | None = None,
) -> None:
    """COPY ``rows`` (values in the order of ``columns``) into the model's table. ``encoded``
    keeps the JSON text of each value by identity, so a breakdown written to the scores and
    then to their history is encoded once."""
    if not rows:
        return
    encoded = {} if encoded is None else encoded
    quote = connection.ops.quote_name
    names = ", ".join(quote(_column(field)) for field in columns)
    sql = f"COPY {quote(model._meta.db_table)} ({names}) FROM STDIN"
    json_at = [i for i, field in enumerate(columns) if isinstance(field, models.JSONField)]
    start = time.perf_counter()
    with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
        for row in rows:
            for i in json_at:
                value = row[i]
                if id(value) not in encoded:
                    # Chinese as UTF-8, not \u escapes: fewer bytes for the server to parse.
                    encoded[id(value)] = (value, json.dumps(value, ensure_ascii=False))
                row[i] = encoded[id(value)][1]
            copy.write_row(row)
    if connection.queries_logged:
        # COPY bypasses Django's cursor wrapper; log it so query counts stay honest.
        elapsed = time.perf_counter() - start
        connection.queries_log.append(
            {"sql": f"{sql} -- {len(rows)} rows", "time": f"{elapsed:.3f}"}
        )


def _column(field: models.Field) -> str:
    assert field.column is not None  # every field here is concrete: it has a column
    return field.column


def _values(objs: Sequence[models.Model], columns: list[models.Field]) -> list[list[Any]]:
    return [[getattr(obj, field.attname) for field in columns] for obj in objs]


def insert(objs: Sequence[models.Model], model: type[models.Model]) -> None:
    """Insert new rows whose primary keys nobody needs back (flags)."""
    if not _fast():
        model._default_manager.bulk_create(objs, batch_size=BATCH)
        return
    columns = [f for f in model._meta.concrete_fields if not f.primary_key]
    _copy(model, columns, _values(objs, columns))


def update(objs: Sequence[models.Model], model: type[models.Model], fields: list[str]) -> None:
    """Write ``fields`` of existing rows, each its own values. ``bulk_update`` builds a CASE
    WHEN per row and field — half a minute of Python for a province's flags; on PostgreSQL one
    ``UPDATE … FROM unnest(…)`` per batch does it, each column one array parameter: a VALUES
    list of the same rows was thousands of placeholders that the driver and the server parsed
    before anything was written."""
    if not objs:
        return
    if not _fast():
        model._default_manager.bulk_update(objs, fields, batch_size=BATCH)
        return
    quote = connection.ops.quote_name
    pk = model._meta.pk
    columns: list[models.Field] = [pk]
    for name in fields:
        field = model._meta.get_field(name)
        assert isinstance(field, models.Field)  # a concrete field of the model, by name
        columns.append(field)
    casts = ", ".join(f"%s::{field.db_type(connection)}[]" for field in columns)
    names = ", ".join(quote(_column(field)) for field in columns)
    sets = ", ".join(f"{quote(_column(f))} = v.{quote(_column(f))}" for f in columns[1:])
    table = quote(model._meta.db_table)
    sql = (
        f"UPDATE {table} SET {sets} FROM unnest({casts}) AS v ({names}) "
        f"WHERE {table}.{quote(_column(pk))} = v.{quote(_column(pk))}"
    )
    with connection.cursor() as cursor:
        for start in range(0, len(objs), UPDATE_BATCH):
            batch = objs[start : start + UPDATE_BATCH]
            arrays = [
                [field.get_db_prep_save(getattr(obj, field.attname), connection) for obj in batch]
                for field in columns
            ]
            cursor.execute(sql, arrays)


def history(
    objs: Sequence[models.Model],
    model: type[models.Model],
    *,
    kind: str,
    user,
    reason: str,
    now: datetime,
    encoded: dict | None = None,
) -> None:
    """History records of ``objs`` as they are now: ``kind`` "+" created, "~" changed."""
    manager = model.history  # type: ignore[attr-defined]  # simple-history's, added at run time
    _load_deferred(objs, model)  # both paths read every tracked field of each object
    if not _fast():
        manager.bulk_history_create(
            objs, batch_size=BATCH, update=kind == "~", default_user=user,
            default_change_reason=reason, default_date=now,
        )  # fmt: skip
        return
    historical = manager.model
    tracked, extra, columns = _history_columns(historical, kind, user, reason, now)
    rows = [
        [getattr(obj, f.attname) if f.attname in tracked else extra[f.attname] for f in columns]
        for obj in objs
    ]
    _copy(historical, columns, rows, encoded)


def _load_deferred(objs: Sequence[models.Model], model: type[models.Model]) -> None:
    """Fill the fields ``objs`` were read without (scoring defers the projects' long texts):
    simple-history copies every field, and read as it goes that was a query per row and field."""
    missing = sorted(set().union(*(obj.get_deferred_fields() for obj in objs))) if objs else []
    if not missing:
        return
    for start in range(0, len(objs), BATCH):
        batch = objs[start : start + BATCH]
        rows = model._base_manager.filter(pk__in=[obj.pk for obj in batch]).values("pk", *missing)
        found = {row.pop("pk"): row for row in rows}
        for obj in batch:
            for name, value in found[obj.pk].items():
                setattr(obj, name, value)


def history_of(
    objs: Sequence[models.Model],
    model: type[models.Model],
    *,
    kind: str,
    user,
    reason: str,
    now: datetime,
) -> None:
    """History records of ``objs`` as their rows are stored now: ``kind`` "+" created, "~"
    changed. On PostgreSQL the database copies the rows itself (one INSERT … SELECT by primary
    key), so no breakdown is sent twice."""
    if not objs:
        return
    if not _fast():
        history(objs, model, kind=kind, user=user, reason=reason, now=now)
        return
    quote = connection.ops.quote_name
    historical = model.history.model  # type: ignore[attr-defined]  # simple-history's
    tracked, extra, columns = _history_columns(historical, kind, user, reason, now)
    source = {field.attname: _column(field) for field in model._meta.concrete_fields}
    select, params = [], []
    for field in columns:
        if field.attname in tracked:
            select.append(f"s.{quote(source[field.attname])}")
        else:
            # Typed, so that a NULL user is a bigint NULL; text is checked against the column.
            kind_of = "text" if isinstance(field, models.CharField) else field.db_type(connection)
            select.append(f"%s::{kind_of}")
            params.append(field.get_db_prep_save(extra[field.attname], connection))
    pk = model._meta.pk
    assert pk is not None  # every model here has one
    params.append([obj.pk for obj in objs])
    names = ", ".join(quote(_column(field)) for field in columns)
    sql = (
        f"INSERT INTO {quote(historical._meta.db_table)} ({names}) "
        f"SELECT {', '.join(select)} FROM {quote(model._meta.db_table)} s "
        f"WHERE s.{quote(_column(pk))} = ANY(%s)"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        if cursor.rowcount != len(objs):
            raise ValueError(f"{cursor.rowcount} history rows written for {len(objs)} rows")


def create_with_history(
    objs: Sequence[models.Model],
    model: type[models.Model],
    *,
    user,
    reason: str,
    now: datetime,
) -> None:
    """Insert new rows and their "+" history. On PostgreSQL the rows get their primary keys
    from the table's sequence first, so that their history is copied from them by key: found
    by another column instead (the week's scores by their week), the planner, which has no
    statistics yet for a week being scored, read every district's scores of that week."""
    if not objs:
        return
    if not _fast():
        bulk_create_with_history(
            objs, model, batch_size=BATCH, default_user=user, default_change_reason=reason,
            default_date=now,
        )  # fmt: skip
        return
    pk = model._meta.pk
    assert pk is not None  # every model here has one
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [connection.ops.quote_name(model._meta.db_table), _column(pk), len(objs)],
        )
        for obj, (key,) in zip(objs, cursor.fetchall(), strict=True):
            obj.pk = key
    columns = list(model._meta.concrete_fields)
    _copy(model, columns, _values(objs, columns))
    history_of(objs, model, kind="+", user=user, reason=reason, now=now)


def _history_columns(historical, kind: str, user, reason: str, now: datetime):
    """The history table's columns, which of them copy the tracked row, and the values of the
    others (when, why, who, how); refuses a column neither fills."""
    tracked = {field.attname for field in historical.tracked_fields}
    extra = {
        "history_date": now,
        "history_change_reason": reason,
        "history_type": kind,
        "history_user_id": user.pk if user else None,
    }
    # A column with the database's own default (projects' changes_pages) is left to it.
    columns = [
        f
        for f in historical._meta.concrete_fields
        if not f.primary_key and (f.attname in tracked or f.db_default is NOT_PROVIDED)
    ]
    unknown = [f.attname for f in columns if f.attname not in tracked and f.attname not in extra]
    if unknown:
        raise ValueError(f"history columns this bulk path does not fill: {unknown}")
    return tracked, extra, columns

"""Rows written with PostgreSQL's COPY, for the demo's big tables (weekly reports, nodes reached,
monthly plans, milestones): no model instances and no per-value Django conversion, which made
``bulk_create`` the larger half of a province-sized seed. It lives in ``demo/`` because only the
seeder loads millions of invented rows; the app itself writes one report at a time.

Like ``bulk_create``, COPY bypasses ``save()``, signals and django-simple-history. A column not
given takes the model field's default (``auto_now`` fields: now), worked out once per column.
"""

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager

from django.db import DatabaseError, connection, models, transaction
from django.utils import timezone


def available() -> bool:
    """Whether the default connection can COPY (PostgreSQL); elsewhere ``bulk_create`` stays."""
    return connection.vendor == "postgresql"


@contextmanager
def unchecked() -> Iterator[bool]:
    """Within: the foreign keys of rows written are not checked one by one at commit (the
    deferred checks of two million reports took minutes), by ``session_replication_role =
    replica`` for this transaction only. Only for rows whose references the caller has just
    made. A role that may not set it (not a superuser) keeps the checks; yields whether skipped."""
    with connection.cursor() as cursor:
        try:
            with transaction.atomic():  # a refusal rolls back to here and the seed goes on
                cursor.execute("SET LOCAL session_replication_role = replica")
        except DatabaseError:
            yield False
            return
        try:
            yield True
        finally:
            cursor.execute("SET LOCAL session_replication_role = origin")


def reserve_ids(model: type[models.Model], count: int) -> list[int]:
    """``count`` fresh primary keys from the table's own sequence, so rows written by COPY can be
    referred to (nodes reached name their report) and later inserts never collide with them."""
    if count == 0:
        return []
    table = model._meta.db_table
    column = model._meta.pk.column
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [connection.ops.quote_name(table), column, count],
        )
        return [row[0] for row in cursor.fetchall()]


def copy_rows(model: type[models.Model], fields: Sequence[str], rows: Iterable[Sequence]) -> int:
    """Write ``rows`` (tuples of values in the order of ``fields``, by attname: ``project_id``) to
    ``model``'s table with COPY; every other concrete field but an unnamed primary key takes its
    default. Values are plain Python (str, int, Decimal, date, aware datetime, None). Returns the
    number of rows written."""
    opts = model._meta
    given = [_field(opts, name) for name in fields]
    names = {f.attname for f in given}
    rest = [
        f
        for f in opts.concrete_fields
        if f.attname not in names and not (f.primary_key and f.auto_created)
    ]
    now = timezone.now()
    defaults = tuple(_default(f, now) for f in rest)
    columns = ", ".join(connection.ops.quote_name(str(f.column)) for f in [*given, *rest])
    sql = f"COPY {connection.ops.quote_name(opts.db_table)} ({columns}) FROM STDIN"
    written = 0
    with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
        for row in rows:
            copy.write_row((*row, *defaults) if defaults else row)
            written += 1
    return written


def _field(opts, name: str) -> models.Field:
    for field in opts.concrete_fields:
        if name in (field.attname, field.name):
            return field
    raise ValueError(f"{opts.label} has no column {name}")


def _default(field: models.Field, now):
    if isinstance(field, models.DateTimeField) and (field.auto_now or field.auto_now_add):
        return now
    if isinstance(field, models.DateField) and (field.auto_now or field.auto_now_add):
        return timezone.localdate(now)
    return field.get_db_prep_save(field.get_default(), connection)


def analyze() -> None:
    """Fresh planner statistics after a big seed: without them (autovacuum off, or not yet run)
    scoring's read of recent reports picked a nested loop and took 8–10 s a district, not 1."""
    if available():
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")

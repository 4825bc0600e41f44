"""Entries are kept at least 180 days (AUDIT_KEEP_DAYS, never less); the scheduled purge removes
only what is older. It is the one path past the database's guard (migration 0002)."""

import datetime as dt

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from .models import Entry

MIN_KEEP_DAYS = 180  # 等保2.0: audit records kept at least six months
BATCH = 10_000  # rows a transaction: the purge never holds a long lock


def keep_days() -> int:
    return max(int(getattr(settings, "AUDIT_KEEP_DAYS", MIN_KEEP_DAYS)), MIN_KEEP_DAYS)


def purge_old_entries(*, now: dt.datetime | None = None) -> int:
    """Deletes the entries older than the keep window, in batches; returns how many."""
    days = keep_days()
    cutoff = (now or timezone.now()) - dt.timedelta(days=days)
    deleted = 0
    while True:
        ids = list(
            Entry.objects.filter(at__lt=cutoff).order_by("id").values_list("id", flat=True)[:BATCH]
        )
        if not ids:
            return deleted
        with transaction.atomic(), connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                # Local to this transaction; the trigger checks the age again itself.
                cursor.execute("SELECT set_config('audit.purge', 'on', true)")
                cursor.execute("SELECT set_config('audit.keep_days', %s, true)", [str(days)])
            table = connection.ops.quote_name(Entry._meta.db_table)
            marks = ", ".join(["%s"] * len(ids))
            cursor.execute(f"DELETE FROM {table} WHERE id IN ({marks}) AND at < %s", [*ids, cutoff])
            deleted += cursor.rowcount

"""The weekly reports' later indexes are built without stopping the saves (config.indexes)."""

import io

import pytest
from django.core.management import call_command
from django.db import connection

LATER_INDEXES = ["0004", "0009", "0010"]  # projects' migrations adding an index to weekly reports


def sql_of(migration: str, **options) -> str:
    out = io.StringIO()
    call_command("sqlmigrate", "projects", migration, stdout=out, **options)
    return out.getvalue()


# transaction=True: SQLite's schema editor refuses to run inside the test's transaction.
@pytest.mark.django_db(transaction=True)
def test_indexes_built_and_dropped_concurrently_on_postgresql():
    online = connection.vendor == "postgresql"
    for migration in LATER_INDEXES:
        sql = sql_of(migration)
        assert "CREATE INDEX" in sql
        assert ("CREATE INDEX CONCURRENTLY" in sql) is online
        assert "BEGIN;" not in sql  # outside a transaction, as CONCURRENTLY requires
    back = sql_of("0010", backwards=True)
    assert "DROP INDEX" in back
    assert ("DROP INDEX CONCURRENTLY" in back) is online

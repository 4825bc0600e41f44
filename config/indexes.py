"""Indexes added to big tables after go-live, built without stopping their writes."""

from django.contrib.postgres.operations import AddIndexConcurrently
from django.db.migrations.operations import AddIndex


class AddIndexOnline(AddIndexConcurrently):
    """``AddIndex`` that PostgreSQL builds with ``CREATE INDEX CONCURRENTLY``: a plain build
    locks a province's two million weekly reports against every save for as long as it runs.
    Other databases build it plainly. Its migration must say ``atomic = False``; a build
    interrupted half-way leaves an invalid index to drop before the migration is run again."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)
        else:
            AddIndex.database_forwards(self, app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)
        else:
            AddIndex.database_backwards(self, app_label, schema_editor, from_state, to_state)

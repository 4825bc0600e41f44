"""A project's history rows say whether they change what the kept pages draw (projects.page_marks):
the pages' stamp (dashboard.cache.stamp) reads the newest row that does, one index step per
campaign, so a submitted report's figure alone no longer makes every dashboard computed again.
The column's default is the database's too, so every writer of history rows that does not know
of it (simple-history, scoring's bulk copies) leaves it to a change."""

from django.db import migrations, models

TABLE = "projects_historicalproject"
INDEX = "projects_historicalproject_pages_hid"


def add_index(apps, schema_editor):
    # Concurrently on PostgreSQL: the stamp of every kept page and every submission use the table.
    online = "CONCURRENTLY " if schema_editor.connection.vendor == "postgresql" else ""
    schema_editor.execute(
        f'CREATE INDEX {online}IF NOT EXISTS "{INDEX}" ON "{TABLE}" ("campaign_id", "history_id" DESC) '
        'WHERE "changes_pages"'
    )


def drop_index(apps, schema_editor):
    online = "CONCURRENTLY " if schema_editor.connection.vendor == "postgresql" else ""
    schema_editor.execute(f'DROP INDEX {online}IF EXISTS "{INDEX}"')


class Migration(migrations.Migration):
    atomic = False  # the index is built concurrently on PostgreSQL

    dependencies = [
        ("projects", "0010_report_counted_week_index"),
    ]

    operations = [
        migrations.AddField(
            model_name="historicalproject",
            name="changes_pages",
            field=models.BooleanField(
                db_default=True, default=True, verbose_name="changes the kept pages"
            ),
        ),
        migrations.RunPython(add_index, drop_index),
    ]

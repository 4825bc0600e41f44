"""A project's history rows say whether they change what the kept pages draw (projects.page_marks):
the pages' stamp (dashboard.cache.stamp) reads the newest row that does, one index step per
campaign, so a submitted report's figure alone no longer makes every dashboard computed again.
The database's column, not the historical model's: every writer of history rows (simple-history,
scoring's bulk copies) leaves it to its default, a change."""

from django.db import migrations

TABLE = "projects_historicalproject"
INDEX = "projects_historicalproject_pages_hid"


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0010_report_counted_week_index"),
    ]

    operations = [
        migrations.RunSQL(
            sql=[
                f'ALTER TABLE "{TABLE}" ADD COLUMN "changes_pages" boolean NOT NULL DEFAULT true',
                f'CREATE INDEX "{INDEX}" ON "{TABLE}" ("campaign_id", "history_id" DESC) '
                'WHERE "changes_pages"',
            ],
            reverse_sql=[
                f'DROP INDEX IF EXISTS "{INDEX}"',
                f'ALTER TABLE "{TABLE}" DROP COLUMN IF EXISTS "changes_pages"',
            ],
        ),
    ]

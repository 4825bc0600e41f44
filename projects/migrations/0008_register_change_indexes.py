"""The dashboard's cache stamp (dashboard.cache.stamp) reads the newest history row of the
register per campaign and per region: one index step each, whatever the history's length."""

from django.db import migrations

INDEXES = [
    ("projects_historicalcampaign", "id"),
    ("projects_historicalproject", "campaign_id"),
    ("accounts_historicalunit", "region_id"),
    ("accounts_historicalleader", "region_id"),
]


def _name(table: str, column: str) -> str:
    return f"{table}_{column}_hid"[:63]


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0007_week_fields"),
        ("accounts", "0007_region_boundary"),
    ]

    operations = [
        migrations.RunSQL(
            sql=f'CREATE INDEX IF NOT EXISTS "{_name(table, column)}" '
            f'ON "{table}" ("{column}", "history_id" DESC)',
            reverse_sql=f'DROP INDEX IF EXISTS "{_name(table, column)}"',
        )
        for table, column in INDEXES
    ]

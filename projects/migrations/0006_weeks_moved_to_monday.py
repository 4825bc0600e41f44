"""Every stored week moves to the Monday of its ISO week before the check constraint comes."""

from django.db import migrations

from projects.week_migrations import weeks_to_monday


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0005_photo_evidence_and_locations"),
    ]

    operations = [
        migrations.RunPython(
            weeks_to_monday(
                "projects.WeeklyReport.week",
                "projects.HistoricalWeeklyReport.week",
            ),
            migrations.RunPython.noop,
        ),
    ]

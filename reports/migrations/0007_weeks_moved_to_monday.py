"""Every stored week moves to the Monday of its ISO week before the check constraint comes."""

from django.db import migrations

from projects.week_migrations import weeks_to_monday


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0006_observation_moved_out"),
    ]

    operations = [
        migrations.RunPython(
            weeks_to_monday(
                "reports.Reminder.week",
            ),
            migrations.RunPython.noop,
        ),
    ]

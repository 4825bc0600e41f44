"""Every stored week moves to the Monday of its ISO week before the check constraint comes."""

from django.db import migrations

from projects.week_migrations import weeks_to_monday


class Migration(migrations.Migration):
    dependencies = [
        ("dashboard", "0002_runningmark_runningscore"),
    ]

    operations = [
        migrations.RunPython(
            weeks_to_monday(
                "dashboard.Outlook.week",
                "dashboard.RunningScore.week",
                "dashboard.RunningMark.week",
            ),
            migrations.RunPython.noop,
        ),
    ]

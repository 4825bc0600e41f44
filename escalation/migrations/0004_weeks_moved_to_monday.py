"""Every stored week moves to the Monday of its ISO week before the check constraint comes."""

from django.db import migrations

from projects.week_migrations import weeks_to_monday


class Migration(migrations.Migration):
    dependencies = [
        ("escalation", "0003_reason_lengths"),
    ]

    operations = [
        migrations.RunPython(
            weeks_to_monday(
                "escalation.SupervisionNotice.opened_week",
                "escalation.HistoricalSupervisionNotice.opened_week",
            ),
            migrations.RunPython.noop,
        ),
    ]

"""Every stored week moves to the Monday of its ISO week before the check constraint comes."""

from django.db import migrations

from projects.week_migrations import weeks_to_monday


class Migration(migrations.Migration):
    dependencies = [
        ("problems", "0005_rename_escalation_overduestep"),
    ]

    operations = [
        migrations.RunPython(
            weeks_to_monday(
                "problems.Problem.week",
                "problems.HistoricalProblem.week",
            ),
            migrations.RunPython.noop,
        ),
    ]

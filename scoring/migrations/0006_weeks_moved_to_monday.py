"""Every stored week moves to the Monday of its ISO week before the check constraint comes."""

from django.db import migrations

from projects.week_migrations import weeks_to_monday


class Migration(migrations.Migration):
    dependencies = [
        ("scoring", "0005_scoring_run_written_at"),
    ]

    operations = [
        migrations.RunPython(
            weeks_to_monday(
                "scoring.WeeklyScore.week",
                "scoring.HistoricalWeeklyScore.week",
                "scoring.ScoringRun.week",
                "scoring.ReportFlag.week",
                "scoring.ReportFlag.last_week",
                "scoring.HistoricalReportFlag.week",
            ),
            migrations.RunPython.noop,
        ),
    ]

"""The beat schedule, in one place, Asia/Shanghai. Each entry runs often and lets its service
decide what is due: "after the deadline" and "every other week" are not crons."""

import datetime as dt

from celery.schedules import crontab
from django.conf import settings

BEAT_SCHEDULE: dict[str, dict] = {
    # Score each week once its deadline has passed; pick up missed weeks and corrected reports.
    # One task per campaign with work, so the workers score a province's districts side by side.
    "score-due-weeks": {
        "task": "scoring.tasks.score_due_campaigns",
        "schedule": crontab(minute="*/30"),
    },
    # After scoring: move red projects up the ladder (notice, interview) and blue ones off it.
    "escalation-ladder": {
        "task": "escalation.tasks.run_ladder",
        "schedule": crontab(minute="10,40"),
    },
    # After scoring: the stored year-end outlook of each campaign's latest scored week.
    "dashboard-outlook": {
        "task": "dashboard.tasks.refresh_outlooks",
        "schedule": crontab(minute="12,42"),
    },
    # The outbox: recover sends of dead workers, send what is due, retry failures with backoff.
    "outbox-sweep": {
        "task": "outbox.sweep",
        "schedule": dt.timedelta(seconds=settings.OUTBOX_SWEEP_SECONDS),
    },
    # Notices unsigned or unanswered past their deadline climb a level, like problems.
    "escalation-climb": {"task": "escalation.tasks.climb_notices", "schedule": crontab(minute=8)},
    # Climb overdue problems a level (idempotent); the outbox tells the people at each level.
    "problems-overdue": {"task": "problems.overdue_climb", "schedule": crontab(minute=7)},
    # Build each report whose period has ended and whose last week is scored (its messages go
    # through the outbox), and the revisions supervisors asked for.
    "reports-build-due": {
        "task": "reports.tasks.build_due_reports",
        "schedule": crontab(minute=45),
    },
    # Remind units whose weekly reports are still missing as the deadline nears (once a week).
    "reports-remind": {"task": "reports.tasks.remind_reporters", "schedule": crontab(minute=15)},
    # The security audit log keeps entries AUDIT_KEEP_DAYS (at least 180); older ones go, nightly.
    "audit-purge": {"task": "audit.purge", "schedule": crontab(hour=3, minute=20)},
}

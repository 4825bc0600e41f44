"""The beat schedule, in one place, Asia/Shanghai. Each entry runs often and lets its service
decide what is due: "after the deadline" and "every other week" are not crons."""

from celery.schedules import crontab

BEAT_SCHEDULE: dict[str, dict] = {
    # Score each week once its deadline has passed; pick up missed weeks and corrected reports.
    "score-due-weeks": {"task": "scoring.tasks.score_due_weeks", "schedule": crontab(minute="*/30")},
    # Climb overdue problems a level (idempotent) and re-send escalation mails still owed.
    "problems-escalate": {"task": "problems.escalate", "schedule": crontab(minute=7)},
}

"""The beat schedule, in one place, Asia/Shanghai. Each entry runs often and lets its service
decide what is due: "after the deadline" and "every other week" are not crons."""

from celery.schedules import crontab

BEAT_SCHEDULE: dict[str, dict] = {}

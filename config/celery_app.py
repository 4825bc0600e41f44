"""The Celery app. Tasks are thin: they take ids and call services."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

from config.schedule import BEAT_SCHEDULE  # noqa: E402  (reads settings: after the line above)

app = Celery("keyproject")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.conf.beat_schedule = BEAT_SCHEDULE
app.autodiscover_tasks()

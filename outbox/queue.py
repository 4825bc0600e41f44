"""The one way the app queues a task: after the transaction commits, by the task's name, and
never raising when the broker is down.

By name (``send_task``), so a service never imports its own tasks module (the tasks import the
services; the other way round made import circles). Never raising, because what the person did
is already committed, and every task queued here has a row in the database that a beat job
picks up again when the message is lost: the outbox sweep for messages, the hourly report job for
rebuilds. A broker outage delays work; it loses none and answers no request with an error.
"""

import logging

from django.db import transaction

from config.celery_app import app

log = logging.getLogger(__name__)


def enqueue(name: str, *args, countdown: float | None = None) -> None:
    """Queue the task ``name`` with ``args`` once the current transaction commits (at once
    outside one). A broker that is down is logged, not raised."""

    def publish():
        try:
            if app.conf.task_always_eager:  # tests: run it here, as a worker would
                if name not in app.tasks:
                    app.loader.import_default_modules()  # the apps' tasks modules
                app.tasks[name].apply(args=list(args))
                return
            # One quick try: the row waits for the sweep, the request must not.
            app.send_task(name, args=list(args), countdown=countdown, retry=False)
        except Exception:  # the broker is down or unreachable: the beat job catches up
            log.warning("could not queue %s%r; the beat job will pick it up", name, args)

    transaction.on_commit(publish)

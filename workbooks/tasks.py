"""Celery tasks of the workbooks: thin, taking ids and calling services, safe to run twice."""

from celery import shared_task

from . import services


@shared_task(name="workbooks.read_import")
def read_import(run_id: int) -> None:
    """A large register is read here, with its progress on the run; the page polls it."""
    services.import_read(run_id=run_id)

"""Thin tasks of the security audit log."""

from celery import shared_task

from .purge import purge_old_entries


@shared_task(name="audit.purge")
def purge() -> int:
    """Beat, daily: entries past the keep window (at least 180 days) are removed."""
    return purge_old_entries()

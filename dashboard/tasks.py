"""Thin tasks of the dashboard: each calls one service."""

from celery import shared_task

from .services import dashboard_refresh


@shared_task
def refresh_outlooks() -> int:
    """After scoring: the running sums the rankings read, and each campaign's outlook."""
    return dashboard_refresh()

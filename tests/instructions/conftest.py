import datetime as dt

from reports.models import Report
from tests.escalation.conftest import clock, eager, head, issued  # noqa: F401 (fixtures)


def bulletin(campaign, revision: int = 1) -> Report:
    """November's monthly bulletin."""
    return Report.objects.create(
        campaign=campaign,
        kind="monthly",
        period="2026-11",
        period_start=dt.date(2026, 11, 1),
        period_end=dt.date(2026, 11, 29),
        revision=revision,
        snapshot={},
    )

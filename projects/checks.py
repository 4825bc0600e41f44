"""The system checks of the register: here, not in ``workdays``, because they need ``weeks``
too and ``weeks`` builds on ``workdays``."""

from django.core.checks import Warning as CheckWarning

from . import weeks, workdays


def check_calendar(app_configs=None, **kwargs):
    """System check W001: the official calendar of the current year must be known."""
    year = weeks.local_today().year
    if workdays.known(year):
        return []
    return [
        CheckWarning(
            f"chinesecalendar has no holidays for {year}: deadlines count Monday to Friday.",
            hint="Upgrade chinese-calendar, or list the days in DISTRICT_DAYS_OFF and "
            "DISTRICT_WORKDAYS.",
            id="projects.W001",
        )
    ]

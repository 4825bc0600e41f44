"""The reports app's tables: report runs, rebuild requests and reminders (``runs``),
observation rounds (``observation``)."""

from .observation import ObservationRound, ObservationScore
from .runs import DistributionList, Rebuild, Reminder, Report

__all__ = [
    "DistributionList",
    "ObservationRound",
    "ObservationScore",
    "Rebuild",
    "Reminder",
    "Report",
]

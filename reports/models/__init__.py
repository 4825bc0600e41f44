"""The reports app's tables: report runs, rebuild requests and reminders (``runs``),
observation rounds (``observation``)."""

from .observation import CriterionScore, ObservationCriterion, ObservationRound, ObservationScore
from .runs import DistributionList, Rebuild, Reminder, Report

__all__ = [
    "CriterionScore",
    "DistributionList",
    "ObservationCriterion",
    "ObservationRound",
    "ObservationScore",
    "Rebuild",
    "Reminder",
    "Report",
]

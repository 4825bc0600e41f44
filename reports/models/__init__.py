"""The reports app's tables: report runs and their deliveries (``runs``), observation rounds
(``observation``)."""

from .observation import CriterionScore, ObservationCriterion, ObservationRound, ObservationScore
from .runs import Delivery, DistributionList, Reminder, Report

__all__ = [
    "CriterionScore",
    "Delivery",
    "DistributionList",
    "ObservationCriterion",
    "ObservationRound",
    "ObservationScore",
    "Reminder",
    "Report",
]

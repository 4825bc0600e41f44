"""The reports app's tables: report runs and their deliveries (``runs``), observation rounds
(``observation``)."""

from .observation import ObservationRound, ObservationScore
from .runs import Delivery, DistributionList, Reminder, Report

__all__ = [
    "Delivery",
    "DistributionList",
    "ObservationRound",
    "ObservationScore",
    "Reminder",
    "Report",
]

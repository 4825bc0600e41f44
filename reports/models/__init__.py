"""The reports app's tables: report runs, rebuild requests and reminders (``runs``). The
observation rounds live in the ``observation`` app."""

from .runs import DistributionList, Rebuild, Reminder, Report

__all__ = ["DistributionList", "Rebuild", "Reminder", "Report"]

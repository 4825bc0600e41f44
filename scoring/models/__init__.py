"""Rubric versions, weekly scores with their breakdown, adjustments, exemptions and flags.

The rules themselves are pure functions (scoring.rules); these tables keep what they produced
and why. Invariants live in the database, each with a message a person can read. Scores keep
their history (django-simple-history): a rescoring after a corrected report leaves the old
breakdown on record. Adjustments are never deleted: a later one replaces an earlier one in the
score, and all stay listed.

``scores`` holds what the weekly run writes; ``cases`` what a supervisor decides about a
project (exemptions, flags).
"""

from .cases import Exemption, ReportFlag
from .fields import BreakdownField
from .scores import RubricVersion, ScoreAdjustment, ScoringRun, WeeklyScore

__all__ = [
    "BreakdownField",
    "Exemption",
    "ReportFlag",
    "RubricVersion",
    "ScoreAdjustment",
    "ScoringRun",
    "WeeklyScore",
]

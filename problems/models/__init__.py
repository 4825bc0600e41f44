"""The problem loop's tables. Invariants live in the database; nothing here is ever deleted.

``Problem`` carries the current state (django-simple-history keeps every version of the row);
``ProblemEvent`` is the append-only log of who did what, when, and what they said; evidence files
hang off the event that brought them. A dispatch meeting's decisions are problems too
(``origin = meeting``), so they follow the same loop, deadlines and escalation.
"""

from .overdue import OverdueStep
from .problem import EvidenceFile, Problem, ProblemEvent, evidence_path
from .routing import CategoryRoute, Meeting

__all__ = [
    "CategoryRoute",
    "EvidenceFile",
    "Meeting",
    "OverdueStep",
    "Problem",
    "ProblemEvent",
    "evidence_path",  # named by the 0001 migration
]

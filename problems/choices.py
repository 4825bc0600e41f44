"""Choices of the problem loop. A colour lives with its choice; one badge renders it everywhere."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from config.colours import ColouredChoices, ColouredIntegerChoices


class ProblemCategory(models.TextChoices):
    """要素保障: the inputs a project needs secured."""

    LAND = "land", _("Land")
    PLANNING = "planning", _("Planning")
    PERMITS = "permits", _("Permits and approvals")
    FUNDS = "funds", _("Funds")
    POWER = "power", _("Power")
    WATER = "water", _("Water")
    GAS = "gas", _("Gas")
    LABOUR = "labour", _("Labour")
    DEMOLITION = "demolition", _("Demolition and relocation")
    ENVIRONMENT = "environment", _("Environment")
    OTHER = "other", _("Other")


class Status(ColouredChoices):
    UNROUTED = "unrouted", "orange", _("Awaiting routing")
    ASSIGNED = "assigned", "blue", _("Sent to department")
    ACCEPTED = "accepted", "blue", _("Being solved")
    INFO_REQUESTED = "info_requested", "orange", _("More information asked")
    ANSWERED = "answered", "green", _("Answered, awaiting confirmation")
    REOPENED = "reopened", "red", _("Reopened")
    CLOSED = "closed", "grey", pgettext_lazy("problem status", "Closed")
    WITHDRAWN = "withdrawn", "grey", _("Withdrawn")


class Action(models.TextChoices):
    """The moves of the state machine (flow.MOVES)."""

    ROUTE = "route", _("route")
    ACCEPT = "accept", _("accept")
    ASK = "ask", _("ask for more")
    PROVIDE = "provide", _("provide information")
    ANSWER = "answer", _("answer")
    DECLINE = "decline", _("say it belongs elsewhere")
    CONFIRM = "confirm", _("confirm and close")
    REOPEN = "reopen", _("reopen")
    WITHDRAW = "withdraw", _("withdraw")
    COMMENT = "comment", _("comment")


class EventKind(models.TextChoices):
    """What a line of the event log records: a move, the raising, or an escalation."""

    RAISE = "raise", _("Raised")
    ROUTE = "route", _("Routed")
    ACCEPT = "accept", pgettext_lazy("problem event", "Accepted")
    ASK = "ask", _("Asked for more")
    PROVIDE = "provide", _("Provided information")
    ANSWER = "answer", _("Answered")
    DECLINE = "decline", _("Said it belongs elsewhere")
    CONFIRM = "confirm", _("Confirmed and closed")
    REOPEN = "reopen", _("Reopened")
    WITHDRAW = "withdraw", _("Withdrawn")
    COMMENT = "comment", _("Comment")
    ESCALATE = "escalate", _("Escalated")


class Origin(models.TextChoices):
    REPORT = "report", _("Reported by the project")
    MEETING = "meeting", _("Decision of a dispatch meeting")


class Level(ColouredIntegerChoices):
    """How far an overdue problem has climbed."""

    DEPARTMENT = 0, "grey", _("Department")
    HEAD = 1, "orange", _("Department head")
    LEADER = 2, "red", _("Responsible leader")
    MEETING = 3, "red", _("Dispatch meeting")


# Still in the loop: something is owed by someone.
OPEN = [
    Status.UNROUTED,
    Status.ASSIGNED,
    Status.ACCEPTED,
    Status.INFO_REQUESTED,
    Status.ANSWERED,
    Status.REOPENED,
]
# The deadline clock runs while the department (or the router) owes the solution; an answer
# awaiting confirmation stops it.
CLOCK_RUNS = [
    Status.UNROUTED,
    Status.ASSIGNED,
    Status.ACCEPTED,
    Status.INFO_REQUESTED,
    Status.REOPENED,
]

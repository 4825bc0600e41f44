"""Choices of the ladder. A colour lives with its choice; one badge renders it everywhere."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from config.colours import ColouredChoices


class NoticeStatus(ColouredChoices):
    """The nodes of a notice (督办单): issued → signed for → answered → reviewed → closed."""

    ISSUED = "issued", "red", _("Issued, awaiting signature")
    SIGNED = "signed", "orange", _("Signed for, being handled")
    ANSWERED = "answered", "blue", _("Answered, awaiting review")
    RETURNED = "returned", "red", _("Returned, to be answered again")
    CLOSED = "closed", "green", pgettext_lazy("notice status", "Closed")


# A notice is open (something is owed) until it is closed.
OPEN_STATUSES = [
    NoticeStatus.ISSUED,
    NoticeStatus.SIGNED,
    NoticeStatus.ANSWERED,
    NoticeStatus.RETURNED,
]


class InterviewStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    SCHEDULED = "scheduled", _("Scheduled")
    HELD = "held", _("Held")

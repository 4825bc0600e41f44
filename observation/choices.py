"""Choices of the observation rounds. A colour lives with its choice so one badge renders it."""

from django.utils.translation import gettext_lazy as _

from config.colours import ColouredChoices


class RoundStatus(ColouredChoices):
    OPEN = "open", "blue", _("Open for scoring")
    CLOSED = "closed", "grey", _("Closed")

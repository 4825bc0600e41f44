"""Choices of the observation rounds. A colour lives with its choice so one badge renders it."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RoundStatus(models.TextChoices):
    OPEN = "open", _("Open for scoring")
    CLOSED = "closed", _("Closed")


STATUS_COLOURS = {
    RoundStatus.OPEN: "blue",
    RoundStatus.CLOSED: "grey",
}

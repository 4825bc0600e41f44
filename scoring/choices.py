"""Choices of the scoring app. A colour lives with its choice so one badge renders it."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from config.colours import ColouredChoices


class ExemptionKind(models.TextChoices):
    FORCE_MAJEURE = "force_majeure", _("Force majeure")
    PAUSED = "paused", _("Paused by decision")


class FlagStatus(ColouredChoices):
    OPEN = "open", "orange", _("Open")
    CONFIRMED = "confirmed", "red", _("Confirmed")
    DISMISSED = "dismissed", "grey", _("Dismissed")


class FlagKey(models.TextChoices):
    """The checks of scoring.flags, one per suspicion."""

    INVESTMENT_DOWN = "investment_down", _("Investment going down")
    SAME_TEXT = "same_text", _("Same text week after week")
    NO_PHOTO = "no_photo", _("Progress without photos")
    ABOVE_STATISTICS = "above_statistics", _("Above the investment statistics")
    PHOTO_OLD = "photo_old", _("Photo taken long before its week")
    PHOTO_FAR = "photo_far", _("Photo taken far from the project")
    PHOTO_DUPLICATE = "photo_duplicate", _("Photo recycled (near-duplicate)")

"""Choices of the import pages. A colour lives with its choice; one badge renders it everywhere."""

from django.utils.translation import gettext_lazy as _

from config.colours import ColouredChoices


class RowStatus(ColouredChoices):
    """What the preview found of one project row of the sheet (never stored)."""

    NEW = "new", "blue", _("New")
    CHANGED = "changed", "orange", _("Changed")
    UNCHANGED = "unchanged", "grey", _("Unchanged")
    ERROR = "error", "red", _("Error")

"""The log of changes to the register and the reports (the workbook pages are in workbooks)."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from . import history
from .scope import can_keep_register


@login_required
def changes(request):
    """Every change to the register and the reports: who, when, what and why."""
    if not can_keep_register(request.user):
        raise PermissionDenied
    return render(
        request, "projects/changes.html", {"entries": history.recent_changes(user=request.user)}
    )

"""Pages of the register keeper: import and export the workbook, and the log of changes."""

import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from . import history, selectors, workbook
from .forms import ImportForm
from .scope import can_keep_register


def _register_keeper(request):
    if not can_keep_register(request.user):
        raise PermissionDenied
    campaign = selectors.current_campaign(user=request.user, year=request.GET.get("year"))
    if campaign is None:
        raise Http404(_("No campaign is open to you."))
    return campaign


@login_required
def register(request):
    """Upload the register workbook; a bad one is refused whole with its row-numbered errors."""
    campaign = _register_keeper(request)
    errors = []
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                result = workbook.import_register(
                    campaign, form.cleaned_data["workbook"], user=request.user
                )
            except workbook.WorkbookError as exc:
                errors = exc.errors
                messages.error(request, _("Nothing was imported: the workbook has errors."))
            else:
                messages.success(
                    request,
                    _("Imported: %(created)d projects created, %(updated)d updated.")
                    % {"created": result.created, "updated": result.updated},
                )
                return redirect("projects:register")
    else:
        form = ImportForm()
    return render(
        request,
        "projects/register.html",
        {"campaign": campaign, "form": form, "errors": errors},
    )


@login_required
def register_export(request):
    campaign = _register_keeper(request)
    buffer = io.BytesIO()
    workbook.export_register(campaign, buffer)
    buffer.seek(0)
    return FileResponse(buffer, as_attachment=True, filename=f"{campaign.year}年重点项目清单.xlsx")


@login_required
def changes(request):
    """Every change to the register and the reports: who, when, what and why."""
    if not can_keep_register(request.user):
        raise PermissionDenied
    return render(
        request, "projects/changes.html", {"entries": history.recent_changes(user=request.user)}
    )

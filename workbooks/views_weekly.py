"""The weekly sheet's pages: download this week's sheet, upload it filled in, see each row."""

import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from accounts.choices import Role
from audit.kinds import Kind
from audit.log import record
from config import params
from projects import selectors, weeks

from .errors import WorkbookError
from .forms import WeeklySheetForm
from .views import XLSX
from .weekly import weekly_sheet, weekly_sheet_save


def _reporter(request):
    if request.user.role != Role.REPORTER:
        raise PermissionDenied
    return request.user


def _week(request):
    """?week=2026-W47, else the week the unit reports on now; a bad label is said so."""
    campaign = selectors.current_campaign(user=request.user)
    default = weeks.reporting_week(
        **({"weekday": campaign.deadline_weekday, "at": campaign.deadline_time} if campaign else {})
    )
    label = params.text(request.GET, "week", max_length=10_000)[:20]
    if not label:
        return default, ""
    try:
        return params.week({"week": label}), ""
    except params.BadParameter:
        return default, _("“%(week)s” is not a week like 2026-W47; this week is shown.") % {
            "week": label[:20]
        }


@login_required
def sheet_download(request):
    user = _reporter(request)
    week, _problem = _week(request)
    data = weekly_sheet(user=user, week=week)
    label = weeks.week_label(week)
    filename = f"{label}周报填报表.xlsx"
    record(request, Kind.DOWNLOAD, target=filename, detail=f"unit {user.unit_id}")
    return FileResponse(io.BytesIO(data), as_attachment=True, filename=filename, content_type=XLSX)


@login_required
def sheet_upload(request):
    """Upload the filled sheet: valid rows saved (drafts or submitted), bad rows by row/column."""
    user = _reporter(request)
    week, problem = _week(request)
    if problem:
        messages.warning(request, problem)
    results, uploaded_week, errors = None, None, []
    form = WeeklySheetForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            uploaded_week, results = weekly_sheet_save(
                user=user, upload=form.cleaned_data["workbook"], submit=form.cleaned_data["submit"]
            )
        except WorkbookError as exc:
            errors = exc.errors
            messages.error(request, _("The sheet was refused; nothing was saved."))
        else:
            done = sum(1 for r in results if r.outcome in ("saved", "submitted"))
            bad = sum(1 for r in results if r.outcome == "error")
            text = _("%(done)d rows saved, %(bad)d rows with errors (nothing of those was saved).")
            (messages.warning if bad else messages.success)(
                request, text % {"done": done, "bad": bad}
            )
    return render(
        request,
        "workbooks/weekly_sheet.html",
        {
            "form": form,
            "week": week,
            "week_label": weeks.week_label(week),
            "results": results,
            "uploaded_label": weeks.week_label(uploaded_week) if uploaded_week else "",
            "errors": errors,
        },
    )

"""Pages of the reports: the archive, a report in the app with its files, and the supervisor's
"new revision" and "resend". Views stay thin: scope, form, one service call. Neither button
sends or builds anything in the request: each writes a row (once per form token) and queues
the work after the commit; with the broker down the beat jobs do it later."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin

from audit.kinds import Kind
from audit.log import record
from config import params

from . import delivery, selectors
from . import render as rendering
from .filtersets import ReportFilterSet
from .forms import RebuildForm, ResendForm
from .services import ReportError, rebuild_request
from .tables import ReportTable


def _readers_only(user) -> None:
    if not selectors.can_read_reports(user):
        raise PermissionDenied


class ReportArchiveView(LoginRequiredMixin, SingleTableMixin, FilterView):
    """Every report the user may read, with its period, revision, publication and recipients."""

    table_class = ReportTable
    filterset_class = ReportFilterSet
    template_name = "reports/archive.html"
    table_pagination = params.paging(50)

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            _readers_only(request.user)
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return selectors.report_list(user=self.request.user)


@login_required
def report_detail(request, pk: int):
    _readers_only(request.user)
    report = selectors.report_get(user=request.user, pk=pk)
    return render(
        request,
        "reports/report_detail.html",
        {
            "report": report,
            **rendering.context(report.snapshot, revision=report.revision),
            "revisions": selectors.revisions(report),
            "deliveries": delivery.messages_of(report)[:200],
            "can_publish": selectors.can_publish(request.user),
            "rebuild_form": RebuildForm(),
            "resend_form": ResendForm(choices=delivery.resend_choices(report)),
        },
    )


@login_required
def report_download(request, pk: int, fmt: str):
    """The PDF or the Excel file, only to those who may read the report (not public media)."""
    _readers_only(request.user)
    report = selectors.report_get(user=request.user, pk=pk, snapshot=False)
    field = {"pdf": report.pdf, "xlsx": report.xlsx}.get(fmt)
    if not field:
        raise Http404(_("No such file."))
    filename = f"{report.file_stem}.{fmt}"
    record(request, Kind.DOWNLOAD, target=filename, detail=f"report {report.pk}")
    return FileResponse(field.open("rb"), as_attachment=fmt == "xlsx", filename=filename)


@login_required
@require_POST
def report_rebuild(request, pk: int):
    """Queue a new revision of the report's period, built from today's data."""
    if not selectors.can_publish(request.user):
        raise PermissionDenied
    report = selectors.report_get(user=request.user, pk=pk, snapshot=False)
    form = RebuildForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say why the report needs a new revision."))
        return redirect(report)
    try:
        rebuild_request(report=report, user=request.user, **form.cleaned_data)
    except ReportError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(report)
    messages.success(
        request, _("The new revision is being built; it appears in the archive within a minute.")
    )
    return redirect(report)


@login_required
@require_POST
def report_resend(request, pk: int):
    if not selectors.can_publish(request.user):
        raise PermissionDenied
    report = selectors.report_get(user=request.user, pk=pk)
    form = ResendForm(request.POST, choices=delivery.resend_choices(report))
    if not form.is_valid():
        messages.error(request, _("Choose a recipient from the list."))
        return redirect(report)
    ids = delivery.resend(
        report=report,
        user=request.user,
        token=form.cleaned_data["token"],
        to=form.cleaned_data["to"],
    )
    messages.success(request, _("The resend is in the outbox: %(n)d message(s).") % {"n": len(ids)})
    return redirect(report)

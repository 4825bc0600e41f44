"""Pages of the weekly entry and its review: this week, the form, the report, the review queue."""

import datetime as dt
from functools import cached_property, partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin

from config import params

from . import entry_reads, rows, selectors, services, weeks
from .choices import ReportStatus
from .evidence import report_evidence
from .filtersets import ReviewFilterSet
from .forms import ReturnForm, WeeklyReportForm
from .models import WeeklyReport
from .scope import campaign_ids_for, can_report, can_review, photos_for
from .tables import ReviewTable, WeekPaginator


def _week_or_404(label: str):
    try:
        return weeks.parse_week(label)
    except ValueError as exc:
        raise Http404(str(exc)) from exc


@login_required
def this_week(request):
    """The reporter's week: each project of the unit, and what is missing, drafted or returned."""
    campaign = selectors.current_campaign(user=request.user)
    if asked := params.week(request.GET):
        week = asked
    elif campaign:
        week = weeks.reporting_week(weekday=campaign.deadline_weekday, at=campaign.deadline_time)
    else:
        week = weeks.reporting_week()
    # The deadline is the one of the week's own campaign (2026-W53 is 2026's, not 2027's).
    if campaign is not None and not campaign.holds_week(week):
        campaign = selectors.current_campaign(user=request.user, year=weeks.campaign_year(week))
    page = selectors.week_page(user=request.user, week=week)
    counts = {}
    for row in page.rows:
        counts[row.status] = counts.get(row.status, 0) + 1
    return render(
        request,
        "projects/this_week.html",
        {
            "week": week,
            "week_label": weeks.week_label(week),
            "deadline": campaign.deadline_of(week) if campaign else None,
            "rows": page.rows,
            "counts": counts,
            "returned": page.returned,
            "prev_week": weeks.week_label(week - dt.timedelta(days=7)),
            "next_week": weeks.week_label(week + dt.timedelta(days=7))
            if week < weeks.current_week()
            else None,
        },
    )


@login_required
def report_edit(request, pk: int, week: str):
    """Fill in, save as draft, or submit the report of a project for a week."""
    if request.method == "POST":
        project = selectors.project_get(user=request.user, pk=pk)  # whole, for its history
    else:
        project = entry_reads.project_to_report(user=request.user, pk=pk)
    if not can_report(request.user, project):
        raise PermissionDenied
    monday = _week_or_404(week)
    report, previous = entry_reads.report_and_previous(project, monday)
    if report and not report.is_editable:
        messages.info(request, _("This report is submitted; it is shown read-only."))
        return redirect(report)
    milestones = entry_reads.open_milestones(project)
    saved_by_other = None
    if request.method == "POST":
        form = WeeklyReportForm(
            request.POST,
            request.FILES,
            instance=report or WeeklyReport(project=project),
            milestones=milestones,
        )
        if form.is_valid():
            try:
                saved = services.weekly_report_save(
                    project=project,
                    week=monday,
                    user=request.user,
                    data=form.report_data(),
                    version=form.cleaned_data.get("version"),
                    nodes=form.node_entries(),
                    photos=form.cleaned_data.get("photos") or [],
                    submit="submit" in request.POST,
                )
            except services.ConflictError as exc:
                form.add_error(None, exc)
                # Show what won, and let the next save count against it; the typed text stays.
                report = selectors.report_of_week(project=project, week=monday)
                if report is not None:
                    data = request.POST.copy()
                    data["version"] = str(report.version)
                    form.data = data
                    saved_by_other = report
            except ValidationError as exc:
                _attach_errors(form, exc)
            else:
                if saved.status == ReportStatus.SUBMITTED:
                    text = _("Report submitted.")
                    if saved.is_late:
                        text = _("Report submitted after the deadline; it is marked late.")
                    messages.success(request, text)
                    return redirect("projects:this_week")
                messages.success(request, _("Draft saved. You can finish it later."))
                return redirect("projects:report_edit", pk=project.pk, week=week)
    else:
        initial: dict[str, object] = {"version": report.version if report else None}
        if not report:
            initial.update(
                stage=project.stage, ytd_investment=previous.ytd_investment if previous else None
            )
        form = WeeklyReportForm(
            instance=report or WeeklyReport(project=project),
            initial=initial,
            milestones=milestones,
            reached=entry_reads.nodes_reached(report) if report else {},
        )
    return render(
        request,
        "projects/report_form.html",
        {
            "project": project,
            "report": report,
            "form": form,
            "week_label": week,
            "week_monday": monday,
            "previous": previous,
            "saved_by_other": saved_by_other,
            "photos": entry_reads.photos_shown(report) if report else [],
            "deadline": project.campaign.deadline_of(monday),
        },
    )


def _attach_errors(form, exc: ValidationError) -> None:
    """Put a service's errors on the fields they name, the rest on the form."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            target = field if field in form.fields else None
            for error in errors:
                form.add_error(target, error)
    else:
        form.add_error(None, exc)


@login_required
def report_detail(request, pk: int):
    report = selectors.report_get(user=request.user, pk=pk)
    return render(
        request,
        "projects/report_detail.html",
        {
            "report": report,
            "project": report.project,
            "evidence": report_evidence(report),
            "nodes": report.nodes.select_related("milestone"),
            "history": report.history.select_related("history_user").order_by("-history_date")[:20],
            "can_review": can_review(request.user),
            "can_edit": report.is_editable and can_report(request.user, report.project),
            "return_form": ReturnForm(),
        },
    )


@login_required
@require_POST
def report_return(request, pk: int):
    if not can_review(request.user):
        raise PermissionDenied
    report = selectors.report_get(user=request.user, pk=pk)
    form = ReturnForm(request.POST)
    if form.is_valid():
        try:
            services.weekly_report_return(
                report=report, user=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Report returned to the unit with your reason."))
            return redirect("projects:review")
    else:
        messages.error(request, " ".join(str(e) for e in form.errors.get("reason", [])))
    return redirect(report)


@login_required
@require_POST
def report_accept(request, pk: int):
    if not can_review(request.user):
        raise PermissionDenied
    report = selectors.report_get(user=request.user, pk=pk)
    try:
        services.weekly_report_accept(report=report, user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(report)
    messages.success(request, _("Report accepted."))
    return redirect("projects:review")


class ReviewView(LoginRequiredMixin, SingleTableMixin, FilterView):
    """The supervisor's queue of submitted reports, newest week first, filtered by week."""

    table_class = ReviewTable
    filterset_class = ReviewFilterSet
    template_name = "projects/review.html"
    table_pagination = params.paging(50)

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not can_review(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def campaigns(self) -> list[int] | None:
        """The reviewer's campaign ids, read once for the queue and its page's ids."""
        return campaign_ids_for(self.request.user)

    def get_queryset(self):
        return selectors.review_queue(user=self.request.user, campaigns=self.campaigns)

    def get_table_data(self):
        # Only what the cells show, as plain rows: not a report, its project, unit and
        # submitter as model instances per row.
        return rows.review_rows(self.object_list)

    def get_table_pagination(self, table):
        # The weeks' numbers of reports, read with the week filter, count the queue and place
        # each page in its weeks.
        weeks_shown = self.filterset.shown_weeks()
        return {
            **super().get_table_pagination(table),
            "paginator_class": partial(
                WeekPaginator,
                weeks=weeks_shown,
                page_ids=partial(
                    selectors.review_page_ids, user=self.request.user, campaigns=self.campaigns
                ),
            ),
        }


@login_required
def photo(request, pk: int):
    """A site photo, served only to those who may see its report (photos are not public media)."""
    item = get_object_or_404(photos_for(request.user), pk=pk)
    return FileResponse(item.image.open("rb"))

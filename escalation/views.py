"""The ladder page, a notice with its interview and accountability, and its printable PDF."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_tables2 import RequestConfig

from projects.scope import can_review, projects_for

from . import services
from .forms import AccountabilityForm, RecordForm, ScheduleForm
from .models import Accountability, Interview, SupervisionNotice
from .tables import NoticeTable


def notices_for(user):
    return SupervisionNotice.objects.filter(
        project__in=projects_for(user).values("pk")
    ).select_related("project__unit", "project__leader", "campaign", "interview")


@login_required
def ladder(request):
    notices = notices_for(request.user)
    table = NoticeTable(notices)
    RequestConfig(request, paginate={"per_page": 50}).configure(table)
    return render(
        request,
        "escalation/ladder.html",
        {
            "table": table,
            "open_count": notices.filter(status="open").count(),
            "interviews": Interview.objects.filter(notice__in=notices)
            .exclude(status="held")
            .select_related("notice__project"),
            "accountabilities": Accountability.objects.filter(
                project__in=projects_for(request.user).values("pk")
            ).select_related("project", "recorded_by")[:20],
        },
    )


@login_required
def notice(request, pk: int):
    item = get_object_or_404(notices_for(request.user), pk=pk)
    interview = getattr(item, "interview", None)
    return render(
        request,
        "escalation/notice.html",
        {
            "notice": item,
            "interview": interview,
            "can_act": can_review(request.user),
            "schedule_form": ScheduleForm(
                initial={"person": interview.person} if interview else None
            ),
            "record_form": RecordForm(),
            "accountability_form": AccountabilityForm(),
            "accountabilities": item.accountabilities.select_related("recorded_by"),
            "history": item.history.select_related("history_user").order_by("-history_date"),
        },
    )


@login_required
def notice_pdf(request, pk: int):
    from .pdf import notice_pdf_bytes

    item = get_object_or_404(notices_for(request.user), pk=pk)
    response = HttpResponse(notice_pdf_bytes(item), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'inline; filename="notice-{item.campaign.year}-{item.number}.pdf"'
    )
    return response


def _act(request, pk):
    if not can_review(request.user):
        raise PermissionDenied
    return get_object_or_404(notices_for(request.user), pk=pk)


def _fail(request, exc):
    messages.error(request, " ".join(exc.messages))


@login_required
@require_POST
def interview_schedule(request, pk: int):
    item = _act(request, pk)
    form = ScheduleForm(request.POST)
    interview = getattr(item, "interview", None)
    if interview is None:
        messages.error(request, _("No interview has been proposed for this notice."))
    elif form.is_valid():
        try:
            services.interview_schedule(interview=interview, user=request.user, **form.cleaned_data)
            messages.success(request, _("Interview scheduled."))
        except ValidationError as exc:
            _fail(request, exc)
    else:
        messages.error(request, _("Give the person, the time and the place."))
    return redirect(item)


@login_required
@require_POST
def interview_record(request, pk: int):
    item = _act(request, pk)
    form = RecordForm(request.POST)
    interview = getattr(item, "interview", None)
    if interview is not None and form.is_valid():
        try:
            services.interview_record(
                interview=interview, record=form.cleaned_data["record"], user=request.user
            )
            messages.success(request, _("Interview recorded."))
        except ValidationError as exc:
            _fail(request, exc)
    else:
        messages.error(request, _("Write down what was said and agreed."))
    return redirect(item)


@login_required
@require_POST
def accountability(request, pk: int):
    item = _act(request, pk)
    form = AccountabilityForm(request.POST)
    if form.is_valid():
        services.accountability_record(
            project=item.project, notice=item, user=request.user, **form.cleaned_data
        )
        messages.success(request, _("Accountability recorded."))
    else:
        messages.error(request, _("Give the date, the person, the measure and the reason."))
    return redirect(item)

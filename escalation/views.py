"""The ladder page, a notice with its workflow, log and documents, and the supervisors' records.
Views stay thin: a queryset from escalation.scope or .selectors, a form, one service call."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_tables2 import RequestConfig

from audit.kinds import Kind
from audit.log import record
from config import params
from documents.models import DocumentKind
from projects import weeks

from . import flow, services
from .forms import AccountabilityForm, ActForm, RecordForm, ScheduleForm
from .models import InterviewStatus, NoticeStatus
from .scope import actors_of, can_review, files_for, notices_for
from .selectors import accountabilities_recent, interviews_pending, log_of
from .tables import NoticeTable


@login_required
def ladder(request):
    notices = notices_for(request.user)
    table = NoticeTable(notices)
    RequestConfig(request, paginate=params.paging(50)).configure(table)
    return render(
        request,
        "escalation/ladder.html",
        {
            "table": table,
            "open_count": notices.exclude(status=NoticeStatus.CLOSED).count(),
            "interviews": interviews_pending(user=request.user),
            "accountabilities": accountabilities_recent(user=request.user),
        },
    )


def _stage(item, interview, accountabilities) -> tuple[str, str]:
    """Where the notice stands on the ladder, beyond its own workflow."""
    if accountabilities:
        return _("Accountability recorded"), "red"
    if interview is not None:
        label = _("Interview: %(status)s") % {"status": interview.get_status_display()}
        return label, "orange" if interview.status != InterviewStatus.HELD else "grey"
    return "", ""


@login_required
def notice(request, pk: int):
    item = get_object_or_404(notices_for(request.user), pk=pk)
    interview = getattr(item, "interview", None)
    actors = actors_of(request.user, item)
    actions = flow.allowed_actions(item.status, actors)
    documents = list(item.documents.order_by("issued_on", "pk"))
    first = next((d for d in documents if d.kind == DocumentKind.NOTICE), None)
    accountabilities = list(item.accountabilities.select_related("recorded_by"))
    stage, stage_colour = _stage(item, interview, accountabilities)
    return render(
        request,
        "escalation/notice.html",
        {
            "notice": item,
            "interview": interview,
            "can_act": can_review(request.user),
            "forms": [(a, ActForm(action=a, prefix=a)) for a in actions if a != flow.Action.CLOSE],
            "figures": first.content["figures"] if first else None,
            "notice_document": first,
            "documents": documents,
            "stage": stage,
            "stage_colour": stage_colour,
            "today": weeks.local_today(),
            "schedule_form": ScheduleForm(
                initial={"person": interview.person} if interview else None
            ),
            "record_form": RecordForm(),
            "accountability_form": AccountabilityForm(),
            "accountabilities": accountabilities,
            "log": log_of(item),
        },
    )


@login_required
@require_POST
def notice_act(request, pk: int, action: str):
    """One step of the workflow: sign for, answer (with files), return, accept."""
    item = get_object_or_404(notices_for(request.user), pk=pk)
    if action not in flow.Action.values or action == flow.Action.CLOSE:
        raise Http404(_("No such step."))
    if not actors_of(request.user, item):
        raise PermissionDenied  # leaders, managers, other units: they only read
    form = ActForm(request.POST, request.FILES, action=action, prefix=action)
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, " ".join(str(e) for e in errors))
        return redirect(item)
    try:
        services.notice_act(
            notice=item,
            user=request.user,
            action=action,
            text=form.cleaned_data.get("text", ""),
            files=form.cleaned_data.get("files") or [],
            deadline=form.cleaned_data.get("deadline"),
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(item)
    messages.success(request, DONE[action])
    return redirect(item)


DONE: dict[str, str] = {
    flow.Action.SIGN: _("Signed for. Answer in writing by the deadline."),
    flow.Action.ANSWER: _("Answer sent to the supervisors for review."),
    flow.Action.RETURN: _("Answer returned to the unit with your reason."),
    flow.Action.ACCEPT: _("Answer accepted; the notice is closed."),
}


@login_required
def notice_file(request, pk: int):
    """An evidence file of an answer, only to those who may see the notice."""
    item = get_object_or_404(files_for(request.user), pk=pk)
    record(request, Kind.DOWNLOAD, target=item.name, detail=f"notice file {item.pk}")
    return FileResponse(item.file.open("rb"), as_attachment=True, filename=item.name)


@login_required
def notice_pdf(request, pk: int):
    """The notice's 督办通知书 (kept for old links): its document's PDF."""
    item = get_object_or_404(notices_for(request.user), pk=pk)
    document = item.documents.filter(kind=DocumentKind.NOTICE).first()
    if document is None:
        raise Http404(_("This notice has no document."))
    return redirect("documents:download", document.pk, "pdf")


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
            messages.success(request, _("Interview scheduled; its notice is issued."))
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
        try:
            services.accountability_record(
                project=item.project, notice=item, user=request.user, **form.cleaned_data
            )
            messages.success(request, _("Accountability recorded; its proposal is issued."))
        except ValidationError as exc:
            _fail(request, exc)
    else:
        messages.error(request, _("Give the date, the person, the measure and the reason."))
    return redirect(item)

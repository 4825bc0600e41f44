"""Pages of the dispatch meeting (the agenda, the record, its decisions) and the counts."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from projects import weeks

from . import meetings, selectors
from .forms import DecisionForm, MeetingForm
from .scope import can_see_meetings, can_supervise, meetings_for, region_units_for
from .views import _attach_errors


def _reader(request):
    if not can_see_meetings(request.user):
        raise PermissionDenied


def _agenda_page(request, form, status=200):
    today = weeks.local_today()
    groups = selectors.agenda(user=request.user, today=today)
    return render(
        request,
        "problems/agenda.html",
        {
            "groups": groups,
            "count": sum(len(g.problems) for g in groups),
            "decisions": selectors.decisions_open(user=request.user),
            # The open 批示 and the overdue notices come from their own apps' template tags
            # (instructions, ladder): both sit above the problem loop.
            "meetings": meetings_for(request.user).select_related("recorded_by")[:10],
            "form": form,
            "today": today,
            "can_record": can_supervise(request.user),
        },
        status=status,
    )


@login_required
def agenda(request):
    """The agenda of the next meeting: overdue and escalated problems by department, the open
    decisions of earlier meetings; a supervisor records the meeting from here."""
    _reader(request)
    if request.method != "POST":
        return _agenda_page(request, MeetingForm(initial={"held_on": weeks.local_today()}))
    if not can_supervise(request.user):
        raise PermissionDenied
    form = MeetingForm(request.POST)
    if not form.is_valid():
        return _agenda_page(request, form, status=400)
    if request.user.region is None:
        raise Http404(_("Your account has no region."))
    discussed = [
        p
        for g in selectors.agenda(user=request.user, today=weeks.local_today())
        for p in g.problems
    ]
    try:
        meeting = meetings.meeting_record(
            user=request.user,
            region=request.user.region,
            problems=discussed,
            **form.cleaned_data,
        )
    except ValidationError as exc:
        _attach_errors(form, exc)
        return _agenda_page(request, form, status=400)
    messages.success(request, _("Meeting recorded. Now record its decisions."))
    return redirect(meeting)


def _decision_form(request, meeting, data=None):
    # The superuser's list was always by name alone; a region's puts its departments first.
    order = ("name",) if request.user.is_superuser else ("-is_department", "name")
    return DecisionForm(
        data,
        projects=selectors.meeting_projects(user=request.user, meeting=meeting),
        units=region_units_for(request.user).order_by(*order),
        agenda=meeting.agenda.select_related("project").order_by("deadline"),
    )


def _meeting_page(request, meeting, form, status=200):
    return render(
        request,
        "problems/meeting.html",
        {
            "meeting": meeting,
            "discussed": meeting.agenda.select_related("project", "department").order_by(
                "department__name", "deadline"
            ),
            "decisions": meeting.decisions.select_related(
                "project", "department", "parent__project"
            ).order_by("deadline", "pk"),
            "form": form,
            "can_record": can_supervise(request.user),
            "today": weeks.local_today(),
        },
        status=status,
    )


@login_required
def meeting_detail(request, pk: int):
    _reader(request)
    meeting = get_object_or_404(meetings_for(request.user).select_related("recorded_by"), pk=pk)
    return _meeting_page(request, meeting, _decision_form(request, meeting))


@login_required
@require_POST
def decide(request, pk: int):
    """Record one decision of the meeting; it enters the loop as an action with a deadline."""
    _reader(request)
    meeting = get_object_or_404(meetings_for(request.user), pk=pk)
    if not can_supervise(request.user):
        raise PermissionDenied
    form = _decision_form(request, meeting, request.POST)
    if not form.is_valid():
        return _meeting_page(request, meeting, form, status=400)
    try:
        decision = meetings.meeting_decide(meeting=meeting, user=request.user, **form.cleaned_data)
    except ValidationError as exc:
        _attach_errors(form, exc)
        return _meeting_page(request, meeting, form, status=400)
    messages.success(
        request,
        _("Decision recorded: %(title)s — %(unit)s, by %(deadline)s.")
        % {
            "title": decision.title,
            "unit": decision.department,
            "deadline": decision.deadline.isoformat(),
        },
    )
    return redirect(meeting)


@login_required
def stats(request):
    """Counts that matter, by department and by category, over what the user may see."""
    today = weeks.local_today()
    return render(
        request,
        "problems/stats.html",
        {"counts": selectors.problem_counts(user=request.user, today=today), "today": today},
    )

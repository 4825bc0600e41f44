"""Pages of the half-year observation rounds: the rounds, a round's projects, and the on-site
sheet an inspector fills in on a phone."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from projects.scope import campaigns_for

from . import observation, selectors
from .choices import RoundStatus
from .forms import RoundForm, SheetForm
from .models import ObservationScore


def _readers_only(user) -> None:
    if not selectors.can_read_reports(user):
        raise PermissionDenied


@login_required
def round_list(request):
    """The rounds of the user's campaigns; a supervisor opens a new one here."""
    _readers_only(request.user)
    can_run = observation.can_run_rounds(request.user)
    form = RoundForm(request.POST or None, campaigns=campaigns_for(request.user))
    if request.method == "POST":
        if not can_run:
            raise PermissionDenied
        if form.is_valid():
            round_ = observation.round_create(user=request.user, **form.cleaned_data)
            messages.success(request, _("Observation round opened."))
            return redirect(round_)
    return render(
        request,
        "reports/rounds.html",
        {"rounds": observation.rounds_for(request.user), "form": form, "can_run": can_run},
    )


@login_required
def round_detail(request, pk: int):
    _readers_only(request.user)
    round_ = get_object_or_404(observation.rounds_for(request.user), pk=pk)
    return render(
        request,
        "reports/round_detail.html",
        {
            "round": round_,
            "rows": observation.round_table(round_, request.user),
            "can_run": observation.can_run_rounds(request.user),
            "can_inspect": observation.can_inspect(request.user),
        },
    )


@login_required
@require_POST
def round_status(request, pk: int):
    if not observation.can_run_rounds(request.user):
        raise PermissionDenied
    round_ = get_object_or_404(observation.rounds_for(request.user), pk=pk)
    status = request.POST.get("status")
    if status in RoundStatus.values:
        observation.round_set_status(round_=round_, status=status)
        messages.success(request, _("Round is now: %(s)s") % {"s": RoundStatus(status).label})
    return redirect(round_)


@login_required
def round_sheet(request, pk: int, project_pk: int):
    """One project's on-site sheet for the signed-in inspector."""
    if not observation.can_inspect(request.user):
        raise PermissionDenied
    round_ = get_object_or_404(observation.rounds_for(request.user), pk=pk)
    project = get_object_or_404(observation.sheet_projects(request.user, round_), pk=project_pk)
    mine = ObservationScore.objects.filter(
        round=round_, project=project, inspector=request.user
    ).first()
    form = SheetForm(request.POST or None, instance=mine)
    if request.method == "POST" and form.is_valid():
        try:
            observation.score_save(
                round_=round_,
                project=project,
                inspector=request.user,
                score=form.cleaned_data["score"],
                commentary=form.cleaned_data["commentary"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Score saved: %(p)s") % {"p": project.name})
            return redirect(round_)
    return render(
        request,
        "reports/sheet.html",
        {"round": round_, "project": project, "form": form, "mine": mine},
    )

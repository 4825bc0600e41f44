"""Pages of the half-year observation rounds: the rounds, a round's projects and criteria, and
the on-site sheet an inspector fills in on a phone, criterion by criterion. Who may do what and
which rounds a person sees come from ``scope``."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_tables2 import RequestConfig

from config import params
from projects.scope import campaigns_for

from . import forms, scope, selectors, services
from .choices import RoundStatus
from .tables import RoundTable


def _readers_only(user) -> None:
    if not scope.can_read_rounds(user):
        raise PermissionDenied


@login_required
def round_list(request):
    """The rounds of the user's campaigns; a supervisor opens a new one here."""
    _readers_only(request.user)
    can_run = scope.can_run_rounds(request.user)
    form = forms.RoundForm(request.POST or None, campaigns=campaigns_for(request.user))
    if request.method == "POST":
        if not can_run:
            raise PermissionDenied
        if form.is_valid():
            round_ = services.round_create(user=request.user, **form.cleaned_data)
            messages.success(
                request, _("Observation round opened with the usual criteria; change them below.")
            )
            return redirect(round_)
    table = RoundTable(scope.rounds_for(request.user))
    RequestConfig(request, paginate=params.paging(50)).configure(table)
    return render(
        request,
        "observation/rounds.html",
        {"table": table, "form": form, "can_run": can_run},
    )


@login_required
def round_detail(request, pk: int):
    _readers_only(request.user)
    round_ = get_object_or_404(scope.rounds_for(request.user), pk=pk)
    return _round_page(request, round_)


def _round_page(request, round_, criteria_form=None, status=200):
    can_run = scope.can_run_rounds(request.user)
    criteria = list(round_.criteria.all())
    editable = can_run and round_.is_open and not round_.scores.exists()
    return render(
        request,
        "observation/round_detail.html",
        {
            "round": round_,
            "criteria": criteria,
            "rows": selectors.round_table(round_, request.user),
            "can_run": can_run,
            "can_inspect": scope.can_inspect(request.user),
            "criteria_form": criteria_form
            or (forms.criteria_formset(round_=round_) if editable else None),
        },
        status=status,
    )


@login_required
@require_POST
def round_criteria(request, pk: int):
    """A supervisor sets the round's criteria and their points (100 in all) before scoring."""
    if not scope.can_run_rounds(request.user):
        raise PermissionDenied
    round_ = get_object_or_404(scope.rounds_for(request.user), pk=pk)
    formset = forms.criteria_formset(request.POST, round_=round_)
    if formset.is_valid():
        try:
            services.criteria_set(round_=round_, criteria=forms.criteria_of(formset))
        except ValidationError as exc:
            formset._non_form_errors = formset.error_class(exc.messages)
        else:
            messages.success(request, _("Criteria saved."))
            return redirect(round_)
    return _round_page(request, round_, formset, status=400)


@login_required
@require_POST
def round_status(request, pk: int):
    if not scope.can_run_rounds(request.user):
        raise PermissionDenied
    round_ = get_object_or_404(scope.rounds_for(request.user), pk=pk)
    status = request.POST.get("status")
    if status in RoundStatus.values:
        services.round_set_status(round_=round_, status=status)
        messages.success(request, _("Round is now: %(s)s") % {"s": RoundStatus(status).label})
    return redirect(round_)


@login_required
def round_sheet(request, pk: int, project_pk: int):
    """One project's on-site sheet for the signed-in inspector."""
    if not scope.can_inspect(request.user):
        raise PermissionDenied
    round_ = get_object_or_404(scope.rounds_for(request.user), pk=pk)
    project = get_object_or_404(scope.sheet_projects(request.user, round_), pk=project_pk)
    mine = selectors.sheet_of(round_=round_, project=project, inspector=request.user)
    criteria = list(round_.criteria.all())
    form: forms.CriteriaSheetForm | forms.SheetForm
    if criteria:
        form = forms.CriteriaSheetForm(
            request.POST or None,
            criteria=criteria,
            marks=selectors.sheet_marks(mine),
            commentary=mine.commentary if mine else "",
        )
    else:  # a round from before the criteria: one score
        form = forms.SheetForm(request.POST or None, instance=mine)
    if request.method == "POST" and form.is_valid():
        try:
            if isinstance(form, forms.CriteriaSheetForm):  # the round has criteria
                services.sheet_save(
                    round_=round_,
                    project=project,
                    inspector=request.user,
                    marks=form.marks(),
                    commentary=form.cleaned_data["commentary"],
                )
            else:
                services.score_save(
                    round_=round_,
                    project=project,
                    inspector=request.user,
                    score=form.cleaned_data["score"],
                    commentary=form.cleaned_data["commentary"],
                )
        except ValidationError as exc:
            _attach(form, exc)
        else:
            messages.success(request, _("Score saved: %(p)s") % {"p": project.name})
            return redirect(round_)
    return render(
        request,
        "observation/sheet.html",
        {
            "round": round_,
            "project": project,
            "form": form,
            "mine": mine,
            "criteria": criteria,
        },
    )


def _attach(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            for error in errors:
                form.add_error(field if field in form.fields else None, error)
    else:
        form.add_error(None, exc)

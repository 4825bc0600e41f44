"""Pages of a score: the "why" page, the adjustment, the exemption, and the flags. Thin views:
scope from projects.scope (another unit's project is 404), roles checked first (403)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin

from config import params
from projects import selectors as project_selectors
from projects import weeks
from projects.evidence import flagged_photos, report_evidence

from . import selectors, services
from .choices import FlagStatus
from .filtersets import FlagFilterSet
from .forms import AdjustmentForm, ExemptionForm, ExemptionRevokeForm, FlagResolveForm
from .tables import FlagGroupTable


def _week_or_404(label: str):
    try:
        return weeks.parse_week(label)
    except ValueError as exc:
        raise Http404(str(exc)) from exc


def _supervisor_only(request) -> None:
    if not selectors.can_adjust(request.user):
        raise PermissionDenied


def _attach(form, exc: ValidationError) -> None:
    """A service's errors on the fields they name, the rest on the form."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            for error in errors:
                form.add_error(field if field in form.fields else None, error)
    else:
        form.add_error(None, exc)


def _why(request, score, form=None):
    context = selectors.why_page(score)
    report = context["report"]
    context["evidence"] = report_evidence(report) if report else []
    context["can_adjust"] = selectors.can_adjust(request.user)
    context["form"] = form or AdjustmentForm()
    return render(request, "scoring/why.html", context)


@login_required
def why(request, pk: int, week: str):
    """Why a project has its card this week: every item, input, threshold and change."""
    project = project_selectors.project_get(user=request.user, pk=pk)
    score = selectors.score_get(project=project, week=_week_or_404(week))
    return _why(request, score)


@login_required
@require_POST
def adjust(request, pk: int):
    """A supervisor adjusts a score with a reason; the card changes at once."""
    _supervisor_only(request)
    score = get_object_or_404(
        selectors.scores_for(request.user).select_related("project__campaign", "rubric_version"),
        pk=pk,
    )
    form = AdjustmentForm(request.POST)
    if form.is_valid():
        try:
            _adjustment, score = services.score_adjust(
                score=score,
                points=form.cleaned_data["points"],
                reason=form.cleaned_data["reason"],
                user=request.user,
            )
        except ValidationError as exc:
            _attach(form, exc)
        else:
            messages.success(
                request,
                _("Score adjusted: now %(total)s points, %(card)s card.")
                % {"total": score.total, "card": score.get_card_display()},
            )
            return redirect(score)
    return _why(request, score, form)


@login_required
def exemption_new(request, pk: int):
    """A supervisor records an approved exemption (force majeure, paused by decision)."""
    _supervisor_only(request)
    project = project_selectors.project_get(user=request.user, pk=pk)
    if request.method == "POST":
        form = ExemptionForm(request.POST)
        if form.is_valid():
            try:
                services.exemption_grant(project=project, user=request.user, **form.cleaned_data)
            except ValidationError as exc:
                _attach(form, exc)
            else:
                messages.success(
                    request, _("Exemption recorded; the weeks it covers are rescored.")
                )
                return redirect(project)
    else:
        form = ExemptionForm(initial={"starts": weeks.current_week()})
    return _exemption_page(request, project, form)


def _exemption_page(request, project, form, revoke_forms=None, status=200):
    exemptions = list(
        project.exemptions.select_related("approved_by", "revoked_by").order_by("-starts")
    )
    revoke_forms = revoke_forms or {}
    for exemption in exemptions:
        if not exemption.is_revoked:
            exemption.revoke_form = revoke_forms.get(exemption.pk) or ExemptionRevokeForm(
                prefix=f"revoke-{exemption.pk}",
                initial={"from_day": max(exemption.starts, weeks.local_today())},
            )
    return render(
        request,
        "scoring/exemption_form.html",
        {"project": project, "form": form, "exemptions": exemptions},
        status=status,
    )


@login_required
@require_POST
def exemption_revoke(request, pk: int):
    """A supervisor revokes an exemption, from a day and with a reason; its weeks rescored."""
    _supervisor_only(request)
    exemption = get_object_or_404(
        selectors.exemptions_for(request.user).select_related("project"), pk=pk
    )
    form = ExemptionRevokeForm(request.POST, prefix=f"revoke-{exemption.pk}")
    if form.is_valid():
        try:
            services.exemption_revoke(exemption=exemption, user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _attach(form, exc)
        else:
            messages.success(request, _("Exemption revoked; the weeks it covered are rescored."))
            return redirect("scoring:exemption_new", pk=exemption.project_id)
    return _exemption_page(
        request, exemption.project, ExemptionForm(), {exemption.pk: form}, status=400
    )


class FlagListView(LoginRequiredMixin, SingleTableMixin, FilterView):
    """The supervisor's list of suspicions, one row per project, filtered by status (open
    unless asked), check and unit."""

    table_class = FlagGroupTable
    filterset_class = FlagFilterSet
    template_name = "scoring/flag_list.html"
    table_pagination = params.paging(50)

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            _supervisor_only(request)
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return selectors.flags_for(self.request.user)

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        if "status" not in self.request.GET:
            kwargs["data"] = (kwargs["data"] or self.request.GET).copy()
            kwargs["data"]["status"] = FlagStatus.OPEN
        return kwargs

    def get_table_data(self):
        return selectors.flag_groups(flags=self.object_list)


@login_required
def project_flags(request, pk: int):
    """Every flag of one project, with what was found; the open ones can be settled at once."""
    _supervisor_only(request)
    project, flags = selectors.project_flags(user=request.user, pk=pk)
    form = FlagResolveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        open_flags = [flag for flag in flags if flag.status == FlagStatus.OPEN]
        try:
            count = services.flags_resolve(flags=open_flags, user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _attach(form, exc)
        else:
            messages.success(request, _("Finding recorded on %(n)d open flags.") % {"n": count})
            return redirect("scoring:project_flags", pk=project.pk)
    return render(
        request,
        "scoring/project_flags.html",
        {
            "project": project,
            "flags": flags,
            "form": form,
            "open_count": sum(1 for flag in flags if flag.status == FlagStatus.OPEN),
        },
    )


@login_required
def flag_detail(request, pk: int):
    """One flag with its evidence; the supervisor records the finding."""
    _supervisor_only(request)
    flag = get_object_or_404(selectors.flags_for(request.user), pk=pk)
    if request.method == "POST":
        form = FlagResolveForm(request.POST)
        if form.is_valid():
            try:
                services.flag_resolve(flag=flag, user=request.user, **form.cleaned_data)
            except ValidationError as exc:
                _attach(form, exc)
            else:
                messages.success(request, _("Finding recorded."))
                return redirect("scoring:project_flags", pk=flag.project_id)
    else:
        form = FlagResolveForm()
    flagged = flagged_photos(flag) if flag.key.startswith("photo_") else []
    context = {"flag": flag, "form": form, "flagged": flagged}
    return render(request, "scoring/flag_detail.html", context)

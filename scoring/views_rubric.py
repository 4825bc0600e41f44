"""The rubric pages: the current version, a new version from a form, its preview, adoption.
Supervisors and administrators see and propose; an administrator adopts."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_tables2 import RequestConfig

from config import params
from projects import selectors as project_selectors
from projects import weeks

from . import selectors, versions
from .forms import RubricForm
from .rubric_fields import GROUPS, PARAMS, display
from .tables import PreviewTable, RubricVersionTable
from .views import _attach


def _campaign(request):
    if not selectors.can_keep_rubric(request.user):
        raise PermissionDenied
    campaign = project_selectors.current_campaign(user=request.user, year=params.year(request.GET))
    if campaign is None:
        raise Http404(_("No campaign is open to you."))
    return campaign


def _rules_table(rubric) -> list[tuple[str | Promise, list[tuple[str | Promise, object]]]]:
    """The rubric's parameters, grouped and labelled, for reading."""
    values = rubric.to_dict()
    return [
        (title, [(p.label, display(p, values[p.name])) for p in PARAMS if p.group == key])
        for key, title in GROUPS.items()
    ]


@login_required
def rubric(request):
    """The campaign's current rubric, its versions, and the form for a new version."""
    campaign = _campaign(request)
    current = versions.rubric_version_current(campaign)
    if request.method == "POST":
        form = RubricForm(request.POST)
        if form.is_valid():
            try:
                version = versions.rubric_version_create(
                    campaign=campaign,
                    rules=form.rules(),
                    note=form.cleaned_data["note"],
                    user=request.user,
                )
            except ValidationError as exc:
                _attach(form, exc)
            else:
                messages.success(
                    request,
                    _("Version %(n)s saved. Check its preview, then adopt it.")
                    % {"n": version.number},
                )
                return redirect(version)
    else:
        form = RubricForm(rubric=current.rubric)
    table = RubricVersionTable(selectors.versions_for(request.user).filter(campaign=campaign))
    RequestConfig(request, paginate=params.paging(20)).configure(table)
    return render(
        request,
        "scoring/rubric.html",
        {
            "campaign": campaign,
            "current": current,
            "rules": _rules_table(current.rubric),
            "form": form,
            "table": table,
        },
    )


@login_required
def rubric_version(request, pk: int):
    """A version's rules and this week's cards under it beside the current ones."""
    if not selectors.can_keep_rubric(request.user):
        raise PermissionDenied
    version = get_object_or_404(selectors.versions_for(request.user), pk=pk)
    campaign = version.campaign
    current = versions.rubric_version_current(campaign)
    week = selectors.preview_week(campaign)
    if asked := params.week(request.GET):
        week = asked
        if not campaign.holds_week(week):
            raise Http404(
                _("Week %(week)s is outside the %(year)s campaign.")
                % {"week": weeks.week_label(week), "year": campaign.year}
            )
    rows = versions.rubric_preview(campaign=campaign, week=week, rules=version.rules)
    table = PreviewTable(rows, week=week)
    RequestConfig(request, paginate=params.paging(50)).configure(table)
    return render(
        request,
        "scoring/rubric_version.html",
        {
            "campaign": campaign,
            "version": version,
            "current": current,
            "is_current": version.pk == current.pk,
            "rules": _rules_table(version.rubric),
            "table": table,
            "counts": versions.preview_counts(rows),
            "changed": sum(1 for row in rows if row.changed),
            "week_label": weeks.week_label(week),
            "can_adopt": selectors.can_set_rubric(request.user),
        },
    )


@login_required
@require_POST
def rubric_adopt(request, pk: int):
    """An administrator adopts a version: the next weeks are scored under it."""
    if not selectors.can_set_rubric(request.user):
        raise PermissionDenied
    version = get_object_or_404(selectors.versions_for(request.user), pk=pk)
    versions.rubric_version_adopt(version=version, user=request.user)
    messages.success(
        request,
        _("Version %(n)s adopted. Weeks not yet scored will be scored under it.")
        % {"n": version.number},
    )
    return redirect(f"{reverse('scoring:rubric')}?year={version.campaign.year}")

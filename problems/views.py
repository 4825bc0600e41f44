"""Pages of the loop: the list, the inbox, a problem and its moves, raising one. Views stay thin:
scope and selectors read, services write, the state machine judges."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_filters.views import FilterView
from django_tables2 import RequestConfig, SingleTableMixin

from audit.kinds import Kind
from audit.log import record
from config import params
from projects import selectors as project_selectors
from projects import weeks

from . import flow, list_reads, rows, selectors, services
from .choices import Action, Status
from .filtersets import ProblemFilterSet
from .forms import ActForm, RaiseForm, RouteForm
from .scope import actors_of, can_raise, files_for, has_inbox
from .tables import InboxTable, ProblemTable

PER_PAGE = 50


class ProblemListView(LoginRequiredMixin, SingleTableMixin, FilterView):
    """Every problem the user may see, as a table with a filter bar."""

    table_class = ProblemTable
    filterset_class = ProblemFilterSet
    template_name = "problems/list.html"
    table_pagination = params.paging(PER_PAGE)

    def get_queryset(self):
        return selectors.problem_list(user=self.request.user)

    def get_table_data(self):
        # Only what the cells show, as plain rows: not three model instances per problem.
        return rows.problem_rows(self.object_list)

    def get_table_pagination(self, table):
        # Counted by SQL built once per shape of reader and choice of filters (list_reads):
        # the ORM's building of the count cost more than PostgreSQL's answer.
        count = list_reads.problem_count(user=self.request.user, data=self.request.GET)
        return params.counted(super().get_table_pagination(table), count)

    def get_filterset_kwargs(self, filterset_class):
        user = self.request.user
        # The bar's units by SQL built once per shape of reader (list_reads), not by the ORM.
        departments = list_reads.department_rows(user=user)
        kwargs = super().get_filterset_kwargs(filterset_class)
        return {**kwargs, "user": user, "departments": departments}


@login_required
def inbox(request):
    """What waits for the user's move, soonest deadline first."""
    if not has_inbox(request.user):
        raise PermissionDenied
    table = InboxTable(rows.problem_rows(selectors.inbox(user=request.user)))
    # Counted by SQL built once per shape of reader (list_reads), not by the ORM.
    paging = params.counted(params.paging(PER_PAGE), list_reads.inbox_count(user=request.user))
    RequestConfig(request, paginate=paging).configure(table)
    return render(request, "problems/inbox.html", {"table": table})


def _departments(problem):
    return selectors.departments_of(problem)


def _forms(request, problem, actors, bound=None):
    """One small form per move the user may make now; ``bound`` replaces its own after an error."""
    forms = []
    for action in flow.allowed_actions(problem.status, actors):
        if bound is not None and bound.action == action:
            form = bound
        elif action == Action.ROUTE:
            form = RouteForm(
                departments=_departments(problem),
                prefix=action,
                initial={"department": problem.department_id},
            )
        else:
            form = ActForm(action=action, prefix=action)
        forms.append(form)
    return forms


def _detail(request, problem, bound=None, status=200):
    actors = actors_of(request.user, problem)
    today = weeks.local_today()
    forms = _forms(request, problem, actors, bound)
    # A move refused outright (not one of the user's moves now) says why above the page.
    refused = bound.errors if bound is not None and bound not in forms else {}
    return render(
        request,
        "problems/detail.html",
        {
            "problem": problem,
            "events": selectors.problem_events(problem),
            "forms": forms,
            "refused": [e for errors in refused.values() for e in errors],
            "today": today,
            "overdue": problem.is_overdue(today),
            "follow_ups": problem.follow_ups.select_related("department", "meeting"),
        },
        status=status,
    )


@login_required
def detail(request, pk: int):
    return _detail(request, selectors.problem_get(user=request.user, pk=pk))


@login_required
@require_POST
def act(request, pk: int, action: str):
    """Make one move; a refused move says why and keeps what was typed."""
    problem = selectors.problem_get(user=request.user, pk=pk)
    if action not in Action.values:
        raise Http404
    if not actors_of(request.user, problem):
        raise PermissionDenied  # managers, and leaders of other projects, only read
    form: RouteForm | ActForm
    if action == Action.ROUTE:
        form = RouteForm(request.POST, departments=_departments(problem), prefix=action)
    else:
        form = ActForm(request.POST, request.FILES, action=action, prefix=action)
    if not form.is_valid():
        return _detail(request, problem, bound=form, status=400)
    data = form.cleaned_data
    try:
        services.problem_act(
            problem=problem,
            user=request.user,
            action=action,
            text=data.get("text", ""),
            files=data.get("files") or [],
            department=data.get("department"),
            deadline=data.get("deadline"),
        )
    except ValidationError as exc:
        _attach_errors(form, exc)
        return _detail(request, problem, bound=form, status=400)
    messages.success(request, _("Done: %(action)s.") % {"action": Action(action).label})
    return redirect("problems:detail", pk=pk)


def _attach_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            for error in errors:
                form.add_error(field if field in form.fields else None, error)
    else:
        form.add_error(None, exc)


@login_required
def raise_problem(request, project_pk: int):
    """A reporter raises a problem of a project, from the project page or the weekly entry."""
    project = project_selectors.project_get(user=request.user, pk=project_pk)
    if not can_raise(request.user, project):
        raise PermissionDenied
    week = params.week(request.GET)
    form = RaiseForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            problem = services.problem_raise(
                project=project,
                user=request.user,
                category=data["category"],
                title=data["title"],
                need=data["need"],
                needed_by=data.get("needed_by"),
                week=week,
                files=data.get("files") or [],
            )
        except ValidationError as exc:
            _attach_errors(form, exc)
        else:
            if problem.status == Status.UNROUTED:
                text = _(
                    "Problem raised. No department is set for this category yet; a "
                    "supervisor will route it."
                )
            else:
                assert problem.department is not None  # not unrouted: routed to its department
                text = _("Problem sent straight to %(department)s, due %(deadline)s.") % {
                    "department": problem.department.name,  # as the problem's page names it
                    "deadline": problem.deadline.isoformat(),
                }
            messages.success(request, text)
            return redirect(problem)
    return render(
        request,
        "problems/raise.html",
        {"project": project, "form": form, "week_label": weeks.week_label(week) if week else ""},
    )


@login_required
def evidence(request, pk: int):
    """An evidence file, served only to those who may see its problem (files are not public)."""
    item = get_object_or_404(files_for(request.user), pk=pk)
    record(request, Kind.DOWNLOAD, target=item.name, detail=f"problem file {item.pk}")
    return FileResponse(item.file.open("rb"), as_attachment=False, filename=item.name)

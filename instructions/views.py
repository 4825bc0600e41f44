"""Pages of the 批示: the list, one instruction with its answers, writing and answering."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import F
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin

from config import params

from . import list_reads, rows, services
from .filtersets import InstructionFilterSet
from .forms import AnswerForm, WriteForm
from .scope import instructions_for, visible_instructions
from .selectors import to_answer
from .tables import InstructionTable
from .targets import region_units, resolve


class InstructionListView(LoginRequiredMixin, SingleTableMixin, FilterView):
    """Every 批示 the user may see, open ones first."""

    table_class = InstructionTable
    filterset_class = InstructionFilterSet
    template_name = "instructions/list.html"
    table_pagination = params.paging(50)

    def get_queryset(self):
        return visible_instructions(self.request.user).order_by(
            F("answered_at").desc(nulls_first=True), "-created_at", "-pk"
        )

    def get_table_data(self):
        # Only what the cells show, as plain rows: not an instruction, its author and what it
        # is on as model instances per row.
        return rows.instruction_rows(self.object_list)

    def get_table_pagination(self, table):
        # Counted by SQL built once per shape of reader and choice of filters (list_reads).
        count = list_reads.instruction_count(user=self.request.user, data=self.request.GET)
        return params.counted(super().get_table_pagination(table), count)


@login_required
def instruction_detail(request, pk: int):
    instruction = get_object_or_404(instructions_for(request.user), pk=pk)
    mine = to_answer(request.user, instruction)
    return render(
        request,
        "instructions/detail.html",
        {"instruction": instruction, "mine": mine, "form": AnswerForm() if mine else None},
    )


@login_required
@require_POST
def instruction_write(request, kind: str, pk: int):
    on = resolve(request.user, kind, pk)
    if not services.can_write(request.user):
        raise PermissionDenied
    form = WriteForm(request.POST, units=region_units(on))
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, " ".join(str(e) for e in errors))
        return redirect(on)
    try:
        services.instruction_write(
            user=request.user,
            on=on,
            text=form.cleaned_data["text"],
            units=list(form.cleaned_data["units"]),
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(on)
    messages.success(request, _("批示 recorded and sent to the units named."))
    return redirect(on)


@login_required
@require_POST
def instruction_answer(request, pk: int):
    instruction = get_object_or_404(instructions_for(request.user), pk=pk)
    mine = to_answer(request.user, instruction)
    if mine is None:
        raise PermissionDenied
    form = AnswerForm(request.POST)
    if not form.is_valid():
        return render(
            request,
            "instructions/detail.html",
            {"instruction": instruction, "mine": mine, "form": form},
            status=400,
        )
    try:
        services.instruction_answer(
            addressee=mine, user=request.user, text=form.cleaned_data["text"]
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(instruction)
    messages.success(request, _("Answer sent."))
    return redirect(instruction)

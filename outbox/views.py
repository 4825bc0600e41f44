"""The operations page: messages by state, channel and kind; failed ones with their error;
retry one or all; resend a report to one recipient (reports.views_resend: the reports build on
the outbox). Views stay thin: scope, form, one service call; nothing is sent in the request (the
rows are queued after the commit)."""

import re
import uuid

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin

from config import params

from . import delivery, scope, selectors
from .filtersets import MessageFilterSet
from .tables import MessageTable

TOKEN = re.compile(r"^[0-9a-f]{32}$")


def operators_only(user) -> None:
    if not scope.can_operate(user):
        raise PermissionDenied


class OperationsView(LoginRequiredMixin, SingleTableMixin, FilterView):
    table_class = MessageTable
    filterset_class = MessageFilterSet
    template_name = "outbox/operations.html"
    table_pagination = params.paging(50)

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            operators_only(request.user)
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return selectors.message_list(user=self.request.user)

    def get(self, request, *args, **kwargs):
        # One token per page drawn: each row's resend posts it, so a double click is one resend.
        self.page_token = uuid.uuid4().hex
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["counts"] = selectors.counts(scope.messages_for(self.request.user))
        context["page_token"] = self.page_token
        # The filter carried into "retry all"; a list, as ?items= would shadow QueryDict.items.
        context["query"] = self.request.GET.urlencode()
        context["carried"] = [
            (k, v) for k, v in self.request.GET.items() if k not in ("page", "sort")
        ]
        return context


def back_to_operations(request):
    query = request.POST.get("query", "")
    return redirect(reverse("outbox:operations") + (f"?{query}" if query else ""))


@require_POST
def retry_one(request, pk: int):
    operators_only(request.user)
    message = selectors.message_get(user=request.user, pk=pk)
    count = delivery.retry(messages=scope.messages_for(request.user).filter(pk=message.pk))
    messages.success(request, _("%(n)d message(s) queued again.") % {"n": count})
    return back_to_operations(request)


@require_POST
def retry_all(request):
    """Every failed message the current filter shows (all failed ones without a filter)."""
    operators_only(request.user)
    found = MessageFilterSet(request.POST, queryset=scope.messages_for(request.user))
    if not found.is_valid():
        messages.error(request, _("The filter is not valid."))
        return back_to_operations(request)
    count = delivery.retry(messages=found.qs)
    messages.success(request, _("%(n)d message(s) queued again.") % {"n": count})
    return back_to_operations(request)

"""Resending a report to one recipient from the outbox's operations page: a report's action,
so it lives with the reports, which build on the outbox (not the other way round)."""

from django.contrib import messages
from django.http import Http404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from outbox import selectors as outbox_selectors
from outbox.choices import Kind
from outbox.views import TOKEN, back_to_operations, operators_only

from . import delivery
from .selectors import report_get


@require_POST
def resend_message(request, pk: int):
    """Resend the report of a sent report message to its recipient, once per page token."""
    operators_only(request.user)
    message = outbox_selectors.message_get(user=request.user, pk=pk)
    token = request.POST.get("token", "")
    if message.kind != Kind.REPORT_PUBLISHED or not TOKEN.match(token):
        raise Http404
    report = report_get(user=request.user, pk=message.context.get("report_id", 0))
    ids = delivery.resend(
        report=report,
        user=request.user,
        token=f"{token}-{message.pk}",
        to=f"{message.channel}:{message.address}",
    )
    messages.success(request, _("The resend is in the outbox: %(n)d message(s).") % {"n": len(ids)})
    return back_to_operations(request)

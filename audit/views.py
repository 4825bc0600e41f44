"""The audit administrator's page: search the security audit log, page through it, export it as
CSV. Every search and export is itself an entry (Kind.AUDIT_READ)."""

from urllib.parse import quote

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import StreamingHttpResponse
from django.utils import timezone
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin
from django_tables2.paginators import LazyPaginator

from .export import csv_lines
from .filtersets import EntryFilterSet
from .kinds import Kind
from .log import record
from .purge import keep_days
from .selectors import can_read, entries_for
from .tables import EntryTable

PAGE_TARGET = "安全审计日志"


def _auditors_only(user) -> None:
    if not can_read(user):
        raise PermissionDenied


class AuditLogView(LoginRequiredMixin, SingleTableMixin, FilterView):
    table_class = EntryTable
    filterset_class = EntryFilterSet
    template_name = "audit/log.html"
    # No COUNT(*) over millions of rows: the next page is known by reading one row more.
    table_pagination = {"per_page": 50, "paginator_class": LazyPaginator}

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            _auditors_only(request.user)
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return entries_for(self.request.user)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "keep_days": keep_days()}

    def get(self, request, *args, **kwargs):
        record(request, Kind.AUDIT_READ, target=PAGE_TARGET, detail=request.GET.urlencode())
        return super().get(request, *args, **kwargs)


@login_required
def export_csv(request):
    _auditors_only(request.user)
    found = EntryFilterSet(request.GET, queryset=entries_for(request.user))
    entries = found.qs if found.is_valid() else found.queryset.none()
    filename = f"安全审计日志-{timezone.localtime():%Y%m%d-%H%M}.csv"
    record(request, Kind.AUDIT_READ, target=filename, detail=request.GET.urlencode())
    response = StreamingHttpResponse(
        csv_lines(entries.order_by("-at", "-id"), limit=settings.AUDIT_EXPORT_MAX_ROWS),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = (
        f"attachment; filename=\"audit.csv\"; filename*=UTF-8''{quote(filename)}"
    )
    return response

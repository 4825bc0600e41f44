"""The Django admin, scoped like the pages and split by duty (三权分立), every change in the
audit log: here, above the accounts, because it writes the log; each app's admin.py uses it.

Every ModelAdmin of the project derives from ``ScopedAdmin``: its lists, change, history, revert,
add and delete views and every dropdown and raw-id lookup hold only the user's region (another
region's object answers 404 and nothing is saved), and every change writes the audit log.

Who works here: supervisors keep the register (business data); the system administrator keeps the
accounts of the region; the audit administrator reads the audit log; the security administrator
has no admin pages. A superuser sees and does everything.
"""

from collections.abc import Set as AbstractSet

from django import forms
from django.contrib import admin
from django.contrib.admin.options import TO_FIELD_VAR
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from accounts.choices import Role
from config.history import note_change

from .kinds import Kind, Result
from .log import record
from .scope import regions_seen

# Business data is kept by supervisors only; the three administrators never edit it.
KEEPERS = {Role.SUPERVISOR}
ACCOUNT_KEEPERS = {Role.ADMIN}
AUDIT_READERS = {Role.AUDITOR}

# The one place that says how each model reaches its region: a lookup path ending at a
# foreign key to accounts.Region (or at a region id); "" is the Region itself. A model missing
# here is a superuser's only, in lists and in every dropdown.
REGION_PATHS = {
    "accounts.Region": "",
    "accounts.Unit": "region",
    "accounts.Leader": "region",
    "accounts.User": "region",
    "projects.Campaign": "region",
    "projects.TaskForce": "campaign__region",
    "projects.Project": "campaign__region",
    "projects.MonthlyPlan": "project__campaign__region",
    "projects.Milestone": "project__campaign__region",
    "projects.WeeklyReport": "project__campaign__region",
    "projects.NodeReached": "report__project__campaign__region",
    "projects.SitePhoto": "report__project__campaign__region",
    "scoring.Exemption": "project__campaign__region",
    "scoring.ReportFlag": "project__campaign__region",
    "scoring.RubricVersion": "campaign__region",
    "scoring.WeeklyScore": "project__campaign__region",
    "scoring.ScoreAdjustment": "score__project__campaign__region",
    "scoring.ScoringRun": "campaign__region",
    "dashboard.Outlook": "campaign__region",
    "dashboard.RunningScore": "project__campaign__region",
    "dashboard.RunningMark": "campaign__region",
    "escalation.SupervisionNotice": "campaign__region",
    "escalation.NoticeEvent": "notice__campaign__region",
    "escalation.NoticeFile": "notice__campaign__region",
    "escalation.Interview": "notice__campaign__region",
    "escalation.Accountability": "project__campaign__region",
    "problems.CategoryRoute": "region",
    "problems.Meeting": "region",
    "problems.Problem": "project__campaign__region",
    "problems.ProblemEvent": "problem__project__campaign__region",
    "problems.EvidenceFile": "problem__project__campaign__region",
    "problems.OverdueStep": "problem__project__campaign__region",
    "observation.ObservationRound": "campaign__region",
    "observation.ObservationCriterion": "round__campaign__region",
    "observation.ObservationScore": "round__campaign__region",
    "observation.CriterionScore": "sheet__round__campaign__region",
    "reports.Report": "campaign__region",
    "reports.Rebuild": "report__campaign__region",
    "reports.Reminder": "campaign__region",
    "reports.DistributionList": "region",
    "outbox.GroupRobot": "unit__region",
    "outbox.Message": "region",
    "workbooks.ImportMapping": "region",
    "workbooks.ImportRun": "campaign__region",
    "documents.Counter": "region",
    "documents.Document": "region",
    "instructions.Instruction": "region",
    "instructions.Addressee": "instruction__region",
    "audit.Entry": "region_id",
    "authtoken.Token": "user__region",
    "authtoken.TokenProxy": "user__region",
}


def region_path(model) -> str | None:
    return REGION_PATHS.get(model._meta.label)


def region_ids(request) -> set[int]:
    """The user's region and the regions below it (a city sees its districts), by the one
    region rule (audit/scope.py); kept on the request, asked once per page."""
    cached = getattr(request, "_admin_region_ids", None)
    if cached is not None:
        return cached
    ids = set(regions_seen(request.user).values_list("pk", flat=True))
    request._admin_region_ids = ids
    return ids


def scope(queryset: QuerySet, request) -> QuerySet:
    """The part of ``queryset`` in the user's region; all of it for a superuser."""
    if request.user.is_superuser:
        return queryset
    path = region_path(queryset.model)
    if path is None:
        return queryset.none()
    return queryset.filter(**{f"{path or 'pk'}__in": region_ids(request)})


def region_of(obj) -> int | None:
    """The region id an unsaved or saved object belongs to, by walking its path."""
    path = region_path(type(obj))
    if path is None:
        return None
    if path == "":
        return obj.pk
    *hops, last = path.split("__")
    for hop in hops:
        obj = getattr(obj, hop, None)
        if obj is None:
            return None
    return getattr(obj, obj._meta.get_field(last).attname)


def in_region(request, obj) -> bool:
    return request.user.is_superuser or region_of(obj) in region_ids(request)


def works_here(user, roles) -> bool:
    return user.is_active and user.is_staff and (user.is_superuser or user.role in roles)


class ReasonForm(forms.ModelForm):
    change_reason = forms.CharField(
        label=_("Reason for the change"),
        max_length=100,
        help_text=_("Kept in the history with your name and the time."),
    )


class ScopedFields:
    """Every foreign-key and many-to-many dropdown, raw-id and autocomplete field offers and
    accepts only the user's region (for inlines as for the admins)."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if field is not None and hasattr(field, "queryset"):
            field.queryset = scope(field.queryset, request)
        return field

    def formfield_for_manytomany(self, db_field, request=None, **kwargs):
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        if field is not None and hasattr(field, "queryset"):
            field.queryset = scope(field.queryset, request)
        return field


class ScopedInline(ScopedFields, admin.TabularInline):
    """Rows edited inside their parent (a project's monthly plans): the parent's rules."""

    def _parent(self):
        return self.admin_site._registry[self.parent_model]

    def has_view_permission(self, request, obj=None):
        return self._parent().has_view_permission(request, obj)

    def has_add_permission(self, request, obj=None):
        return self._parent().has_change_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._parent().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._parent().has_delete_permission(request, obj)


class ScopedAdmin(ScopedFields, admin.ModelAdmin):
    """Access by role rather than per-model permissions; the region by ``REGION_PATHS``.

    ``roles`` may view and, unless ``read_only``, add and change; only a superuser deletes.
    """

    roles: AbstractSet[Role] = KEEPERS
    read_only = False
    audit_kind = Kind.ADMIN_CHANGE

    # Who works here.
    def has_module_permission(self, request):
        return works_here(request.user, self.roles)

    def has_view_permission(self, request, obj=None):
        return works_here(request.user, self.roles) and self._reaches(request, obj)

    def has_add_permission(self, request, *args):
        return not self.read_only and works_here(request.user, self.roles)

    def has_change_permission(self, request, obj=None):
        return (
            not self.read_only
            and works_here(request.user, self.roles)
            and self._reaches(request, obj)
        )

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser and not self.read_only

    def _reaches(self, request, obj) -> bool:
        # An object from a history record is not from the scoped queryset: ask its region.
        return obj is None or in_region(request, obj)

    # What is shown: the lists, and through them the change, delete and popup views.
    def get_queryset(self, request):
        return scope(super().get_queryset(request), request)

    def get_list_filter(self, request):
        """Related filters list only what the scoped list holds, not every region's names."""
        filters = []
        for item in super().get_list_filter(request):
            if isinstance(item, str) and self._is_relation(item):
                item = (item, admin.RelatedOnlyFieldListFilter)
            filters.append(item)
        return filters

    def _is_relation(self, name: str) -> bool:
        try:
            field = self.model._meta.get_field(name)
        except Exception:  # a lookup path through relations, or a non-field filter
            return False
        return field.is_relation

    def _object_or_404(self, request, object_id):
        """Another region's object answers 404, as if it did not exist; a POST is recorded."""
        to_field = request.POST.get(TO_FIELD_VAR, request.GET.get(TO_FIELD_VAR))
        if to_field and not self.to_field_allowed(request, to_field):
            to_field = None
        obj = self.get_object(request, unquote(object_id), to_field)
        if obj is None:
            if request.method == "POST":
                record(
                    request,
                    self.audit_kind,
                    target=f"{self.model._meta.label}:{unquote(object_id)}"[:200],
                    result=Result.REFUSED,
                    detail="not in the user's region",
                )
            raise Http404
        return obj

    def change_view(self, request, object_id, form_url="", extra_context=None):
        self._object_or_404(request, object_id)
        return super().change_view(request, object_id, form_url, extra_context)

    def delete_view(self, request, object_id, extra_context=None):
        self._object_or_404(request, object_id)
        return super().delete_view(request, object_id, extra_context)

    def history_view(self, request, object_id, extra_context=None):
        # simple_history falls back to the last history record of an object it cannot find,
        # which showed another region's history; the scoped queryset decides first.
        self._object_or_404(request, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # Reverting rewrites the live object: it must be in the region now, and (save_model)
        # the restored version must be too.
        obj = self._object_or_404(request, object_id)
        # simple_history saves a POST after checking only the view permission.
        if request.method == "POST" and not self.has_change_permission(request, obj):
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)

    # What is saved.
    def save_model(self, request, obj, form, change):
        if not in_region(request, obj):
            record(
                request,
                self.audit_kind,
                target=self._target(obj),
                result=Result.REFUSED,
                detail="outside the user's region",
            )
            raise PermissionDenied
        if "change_reason" in form.cleaned_data:
            note_change(obj, reason=form.cleaned_data["change_reason"])
        super().save_model(request, obj, form, change)

    # The audit log: every add, change and delete made here.
    def _target(self, obj) -> str:
        return f"{obj._meta.label}:{obj.pk} {obj}"[:200]

    def _audit(self, request, obj, what, entry=None):
        message = entry.get_change_message() if entry is not None else ""
        record(request, self.audit_kind, target=self._target(obj), detail=f"{what} {message}")

    def log_addition(self, request, obj, message):
        entry = super().log_addition(request, obj, message)
        self._audit(request, obj, "added", entry)
        return entry

    def log_change(self, request, obj, message):
        entry = super().log_change(request, obj, message)
        self._audit(request, obj, "changed", entry)
        return entry

    def log_deletions(self, request, queryset):
        entries = super().log_deletions(request, queryset)
        for obj in queryset:
            self._audit(request, obj, "deleted")
        return entries


class RegisterAdmin(ScopedAdmin):
    """The register: supervisors change it with a reason kept in the history."""

    form = ReasonForm


class ReadOnlyAdmin(ScopedAdmin):
    """Records (scores, published reports, messages): read here, never edited by hand."""

    read_only = True

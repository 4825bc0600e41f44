from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin as BaseGroupAdmin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from rest_framework.authtoken.admin import TokenAdmin as BaseTokenAdmin
from rest_framework.authtoken.models import TokenProxy
from simple_history.admin import SimpleHistoryAdmin

from audit.admin_mixins import ACCOUNT_KEEPERS, RegisterAdmin, ScopedAdmin
from audit.kinds import Kind
from audit.log import record

from .choices import Role
from .models import Leader, Region, Unit, User

# The system administrator grants the business roles; the three administrators' roles (and
# superusers) are granted by a superuser only, so no administrator can make another or oneself.
ADMINISTRATORS = {Role.ADMIN, Role.SECURITY, Role.AUDITOR}
ASSIGNABLE = [choice for choice in Role.choices if choice[0] not in ADMINISTRATORS]
SUPERUSER_FIELDS = {"is_superuser", "groups", "user_permissions"}


@admin.register(Region)
class RegionAdmin(ScopedAdmin):
    """The system administrator keeps the region's document settings; the tree (name, code,
    level, parent) spans districts and is a superuser's."""

    roles = ACCOUNT_KEEPERS
    list_display = ["name", "code", "level", "parent", "doc_prefix"]
    fieldsets = (
        (None, {"fields": ("name", "code", "level", "parent", "boundary")}),
        (
            _("Official documents"),
            {
                "fields": (
                    "doc_issuer",
                    "doc_prefix",
                    "doc_seal",
                    "doc_cc",
                    "doc_accountability_to",
                    "doc_date_style",
                )
            },
        ),
    )

    def has_add_permission(self, request, *args):
        return request.user.is_superuser

    def get_readonly_fields(self, request, obj=None):
        if request.user.is_superuser:
            return super().get_readonly_fields(request, obj)
        return ["name", "code", "level", "parent"]


@admin.register(Unit)
class UnitAdmin(RegisterAdmin, SimpleHistoryAdmin):
    list_display = ["name", "short_name", "region", "is_department", "contact", "phone"]
    list_filter = ["region", "is_department"]
    search_fields = ["name", "short_name"]


@admin.register(Leader)
class LeaderAdmin(RegisterAdmin, SimpleHistoryAdmin):
    list_display = ["name", "title", "region"]
    list_filter = ["region"]
    search_fields = ["name", "title"]


@admin.register(User)
class UserAdmin(ScopedAdmin, BaseUserAdmin, SimpleHistoryAdmin):
    """Accounts are the system administrator's, within the region; business roles only."""

    roles = ACCOUNT_KEEPERS
    audit_kind = Kind.ACCOUNT
    list_display = ["username", "first_name", "role", "region", "unit", "is_active"]
    list_filter = ["role", "region", "is_active"]
    fieldsets = (
        *(BaseUserAdmin.fieldsets or ()),
        (_("Role and unit"), {"fields": ("role", "region", "unit", "is_head", "leader", "phone")}),
        (_("Messages"), {"fields": ("mobile", "by_email", "by_sms")}),
    )
    add_fieldsets = (
        *BaseUserAdmin.add_fieldsets,
        (_("Role and unit"), {"fields": ("role", "region", "unit", "leader")}),
    )

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        # Not oneself, not another administrator, not a superuser.
        return queryset.filter(is_superuser=False).exclude(role__in=ADMINISTRATORS)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if request.user.is_superuser:
            return fieldsets
        kept = []
        for name, options in fieldsets:
            fields = [f for f in options["fields"] if f not in SUPERUSER_FIELDS]
            kept.append((name, {**options, "fields": fields}))
        return kept

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        if db_field.name == "role" and not request.user.is_superuser:
            kwargs["choices"] = ASSIGNABLE
        return super().formfield_for_choice_field(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if not request.user.is_superuser:
            # Belt and braces: the form has neither field for them, nor the choices.
            if obj.is_superuser or obj.role in ADMINISTRATORS:
                raise PermissionDenied
            if obj.region_id is None:
                obj.region_id = request.user.region_id
        super().save_model(request, obj, form, change)
        granted = [f for f in form.changed_data if f in {"role", "is_staff", *SUPERUSER_FIELDS}]
        if granted:
            changes = (f"{f}: {form.initial.get(f)} → {form.cleaned_data.get(f)}" for f in granted)
            record(request, Kind.ROLE, target=self._target(obj), detail="; ".join(changes))


admin.site.unregister(Group)


@admin.register(Group)
class GroupAdmin(ScopedAdmin, BaseGroupAdmin):
    # Groups carry Django permissions, which would cross the roles: a superuser's.
    roles = frozenset()
    audit_kind = Kind.ROLE


admin.site.unregister(TokenProxy)


@admin.register(TokenProxy)
class TokenAdmin(ScopedAdmin, BaseTokenAdmin):
    # API tokens sign in as their user: a superuser's.
    roles = frozenset()
    audit_kind = Kind.ACCOUNT

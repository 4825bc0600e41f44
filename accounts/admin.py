from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .admin_mixins import RegisterAdmin
from .models import Leader, Region, Unit, User


def scoped_by_region(queryset, user):
    if user.is_superuser or user.region_id is None:
        return queryset if user.is_superuser else queryset.none()
    return queryset.filter(region=user.region_id) | queryset.filter(region__parent=user.region_id)


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
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


@admin.register(Unit)
class UnitAdmin(RegisterAdmin, SimpleHistoryAdmin):
    list_display = ["name", "short_name", "region", "is_department", "contact", "phone"]
    list_filter = ["region", "is_department"]
    search_fields = ["name", "short_name"]

    def get_queryset(self, request):
        return scoped_by_region(super().get_queryset(request), request.user)


@admin.register(Leader)
class LeaderAdmin(RegisterAdmin, SimpleHistoryAdmin):
    list_display = ["name", "title", "region"]
    list_filter = ["region"]
    search_fields = ["name", "title"]

    def get_queryset(self, request):
        return scoped_by_region(super().get_queryset(request), request.user)


@admin.register(User)
class UserAdmin(BaseUserAdmin, SimpleHistoryAdmin):
    list_display = ["username", "first_name", "role", "region", "unit", "is_active"]
    list_filter = ["role", "region", "is_active"]
    fieldsets = (
        *BaseUserAdmin.fieldsets,
        (_("Role and unit"), {"fields": ("role", "region", "unit", "is_head", "leader", "phone")}),
        (_("Messages"), {"fields": ("mobile", "by_email", "by_sms")}),
    )

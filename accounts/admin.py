from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .models import Leader, Region, Unit, User


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "level", "parent"]


@admin.register(Unit)
class UnitAdmin(SimpleHistoryAdmin):
    list_display = ["name", "short_name", "region", "is_department", "contact", "phone"]
    list_filter = ["region", "is_department"]
    search_fields = ["name", "short_name"]


@admin.register(Leader)
class LeaderAdmin(SimpleHistoryAdmin):
    list_display = ["name", "title", "region"]
    list_filter = ["region"]
    search_fields = ["name", "title"]


@admin.register(User)
class UserAdmin(BaseUserAdmin, SimpleHistoryAdmin):
    list_display = ["username", "first_name", "role", "region", "unit", "is_active"]
    list_filter = ["role", "region", "is_active"]
    fieldsets = (
        *BaseUserAdmin.fieldsets,
        (_("Role and unit"), {"fields": ("role", "region", "unit", "leader", "phone")}),
    )

"""Admin: group robots are entered here by administrators (their webhooks and secrets are
credentials); messages are records, read on the operations page, never edited by hand."""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .models import GroupRobot, Message


class RobotForm(forms.ModelForm):
    webhook = forms.URLField(
        label=_("webhook address"),
        max_length=500,
        assume_scheme="https",
        help_text=_("From the group's robot settings; only the platforms' hosts are accepted."),
    )

    class Meta:
        model = GroupRobot
        fields = ["unit", "platform", "name", "webhook", "secret", "active"]
        # The secret is written, never shown again.
        widgets = {"secret": forms.PasswordInput(render_value=True)}


@admin.register(GroupRobot)
class GroupRobotAdmin(SimpleHistoryAdmin):
    form = RobotForm
    list_display = ["name", "unit", "platform", "active"]
    list_filter = ["platform", "active"]
    search_fields = ["name", "unit__name"]

    def has_module_permission(self, request):
        return request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_add_permission(self, request):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Message)
class MessageAdmin(admin.ModelAdmin):
    list_display = ["created_at", "kind", "channel", "address", "status", "attempts", "sent_at"]
    list_filter = ["status", "channel", "kind"]
    search_fields = ["address", "subject"]

    def has_module_permission(self, request):
        return request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

"""Admin: group robots are entered here by administrators (their webhooks and secrets are
credentials); messages are records, read on the operations page, never edited by hand."""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from audit.admin_mixins import ReadOnlyAdmin, ScopedAdmin

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
class GroupRobotAdmin(ScopedAdmin, SimpleHistoryAdmin):
    # Webhooks and secrets are credentials: a superuser's; nothing is deleted, robots go inactive.
    roles = frozenset()
    form = RobotForm
    list_display = ["name", "unit", "platform", "active"]
    list_filter = ["platform", "active"]
    search_fields = ["name", "unit__name"]

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Message)
class MessageAdmin(ReadOnlyAdmin):
    roles = frozenset()
    list_display = ["created_at", "kind", "channel", "address", "status", "attempts", "sent_at"]
    list_filter = ["status", "channel", "kind"]
    search_fields = ["address", "subject"]

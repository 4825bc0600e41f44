"""Django admin by role: supervisors keep the register there, and every change says why."""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .choices import Role

KEEPERS = {Role.SUPERVISOR, Role.ADMIN}


def keeps_register(user) -> bool:
    return user.is_active and user.is_staff and (user.is_superuser or user.role in KEEPERS)


class ReasonForm(forms.ModelForm):
    change_reason = forms.CharField(
        label=_("Reason for the change"),
        max_length=100,
        help_text=_("Kept in the history with your name and the time."),
    )


class RegisterAdmin(admin.ModelAdmin):
    """Access by role rather than per-model permissions; nothing is deleted, only changed."""

    form = ReasonForm

    def has_module_permission(self, request):
        return keeps_register(request.user)

    def has_view_permission(self, request, obj=None):
        return keeps_register(request.user)

    def has_add_permission(self, request, *args):
        return keeps_register(request.user)

    def has_change_permission(self, request, obj=None):
        return keeps_register(request.user)

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

    def save_model(self, request, obj, form, change):
        obj._change_reason = form.cleaned_data.get("change_reason", "")
        super().save_model(request, obj, form, change)

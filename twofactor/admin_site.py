"""The admin asks for the verified user too, in case a path ever escapes the middleware."""

from django.contrib.admin import AdminSite

from . import policy


class SecondFactorAdminSite(AdminSite):
    """AdminSite whose permission also needs the second factor (like django-otp's OTPAdminSite,
    but following SECOND_FACTOR_ENFORCED so that the demo's admin opens without a phone)."""

    def has_permission(self, request):
        return super().has_permission(request) and policy.satisfied(request)

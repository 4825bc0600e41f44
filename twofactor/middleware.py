"""Before any other page, a user who must or chose to use a second factor shows the code."""

from urllib.parse import urlencode

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django_otp.middleware import OTPMiddleware

from . import policy

# Signing in and out, the language switch, the health check and the pages of the second factor
# itself; SECOND_FACTOR_EXEMPT_URLS adds more (e.g. another step of the sign-in).
EXEMPT = frozenset(
    {
        "login",
        "logout",
        "set_language",
        "healthz",
        "twofactor:verify",
        "twofactor:enroll",
        "twofactor:codes",
    }
)


class SecondFactorMiddleware(OTPMiddleware):
    """django-otp's middleware (request.user.is_verified()), then the requirement.

    Goes right after AuthenticationMiddleware. The API's token requests carry no session user,
    so they pass untouched (the tokens are read-only).
    """

    sync_capable = True
    async_capable = False

    def __init__(self, get_response):
        super().__init__(get_response)
        self.exempt = EXEMPT | set(getattr(settings, "SECOND_FACTOR_EXEMPT_URLS", ()))

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.path.startswith(settings.STATIC_URL) or policy.satisfied(request):
            return None
        match = request.resolver_match
        if match is not None and match.view_name in self.exempt:
            return None
        if match is not None and match.namespace == "api":
            return JsonResponse({"detail": _("The second factor is required.")}, status=403)
        must_enroll = not policy.has_second_factor(request.user)
        target = "twofactor:enroll" if must_enroll else "twofactor:verify"
        return redirect(f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")

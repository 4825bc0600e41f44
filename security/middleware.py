"""An account that must change its password (first sign-in, expired) goes nowhere else first."""

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

from .receivers import SESSION_KEY

# Pages open to such an account: the change itself (it says why), signing out, the language,
# and the second factor's steps, which come first (else each would send to the other forever).
OPEN_NAMES = (
    "security:password_change",
    "logout",
    "set_language",
    "twofactor:verify",
    "twofactor:enroll",
    "twofactor:codes",
)


class PasswordChangeRequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            settings.PASSWORD_CHANGE_ENFORCED
            and hasattr(request, "session")
            and request.session.get(SESSION_KEY)
            and request.user.is_authenticated
            and request.path not in {reverse(name) for name in OPEN_NAMES}
            and not request.path.startswith(settings.STATIC_URL)
        ):
            return redirect("security:password_change")
        return self.get_response(request)

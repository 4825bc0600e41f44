"""An account that must change its password (first sign-in, expired) goes nowhere else first."""

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from .passwords import Reason
from .receivers import SESSION_KEY

# Pages open to such an account: the change itself, signing out, the language, static files.
OPEN_NAMES = ("security:password_change", "logout", "set_language")


class PasswordChangeRequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            settings.PASSWORD_CHANGE_ENFORCED
            and hasattr(request, "session")
            and request.session.get(SESSION_KEY)
            and request.user.is_authenticated
        ):
            open_paths = {reverse(name) for name in OPEN_NAMES}
            if request.path not in open_paths and not request.path.startswith(settings.STATIC_URL):
                if request.session[SESSION_KEY] == Reason.EXPIRED:
                    text = _("Your password is older than the policy allows: choose a new one.")
                else:
                    text = _("Choose your own password before you go on.")
                messages.warning(request, text)
                return redirect("security:password_change")
        return self.get_response(request)

"""Sign-in, failed sign-in and sign-out from Django's own signals, so every way in is written
(the login page, the admin's, a test client)."""

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from . import sessions
from .kinds import Kind, Result
from .log import client_address, record


@receiver(user_logged_in, dispatch_uid="audit.login")
def on_login(sender, request, user, **kwargs):
    if request is None or not hasattr(request, "session"):
        record(user, Kind.LOGIN)
        return
    record(request, Kind.LOGIN)
    sessions.session_started(request, user)


@receiver(user_login_failed, dispatch_uid="audit.login_failed")
def on_login_failed(sender, credentials, request=None, **kwargs):
    # The name as typed (credentials are already cleansed of the password by Django).
    typed = str(credentials.get(get_user_model().USERNAME_FIELD) or "")
    account = get_user_model().objects.filter(username=typed[:150]).first() if typed else None
    record(
        account,
        Kind.LOGIN_FAILED,
        result=Result.FAILED,
        target=typed,
        username=typed,
        address=client_address(request) if request is not None else None,
    )


@receiver(user_logged_out, dispatch_uid="audit.logout")
def on_logout(sender, request, user, **kwargs):
    if user is None:
        return
    if not getattr(request, "audit_session_ended", False):
        record(request, Kind.LOGOUT)
    sessions.session_closed(request, user)

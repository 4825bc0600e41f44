"""The session rules (等保2.0 身份鉴别): a session ends after the security policy's idle minutes
without a request and its absolute hours after sign-in at most (the limits in force at sign-in);
signing in elsewhere ends the account's older session. The person is told why on the login page.
Works with database and cache sessions alike: everything lives in the session itself, plus one
row per account naming its live session."""

import time
from importlib import import_module

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import SESSION_KEY, logout
from django.contrib.auth.views import redirect_to_login
from django.utils.translation import gettext as _

from .kinds import EndReason, Kind
from .log import record
from .models import AccountSession

STARTED = "_audit_started"  # epoch seconds of the sign-in
SEEN = "_audit_seen"  # epoch seconds of the last request, at most TOUCH_SECONDS old
ENDED = "_audit_ended"  # set on the older session by a sign-in elsewhere
LIMITS = "_audit_limits"  # (idle minutes, absolute hours) of the policy at sign-in
# The last-seen time is written at most once a minute, so a request costs no session write;
# a session may end up to this much before the idle limit, never after it.
TOUCH_SECONDS = 60


def _limits(request) -> tuple[int, int]:
    # Taken from the security policy at sign-in and kept in the session: no query per request.
    kept = getattr(request, "session", {}).get(LIMITS) if request is not None else None
    if kept:
        return int(kept[0]), int(kept[1])
    return int(settings.AUTH_IDLE_MINUTES), int(settings.AUTH_ABSOLUTE_HOURS)


def idle_minutes(request=None) -> int:
    """Minutes without a request after which a session ends."""
    return _limits(request)[0]


def absolute_hours(request=None) -> int:
    """Hours after sign-in after which a session ends whatever the activity."""
    return _limits(request)[1]


def session_started(request, user) -> None:
    """On sign-in: stamp the session and make it the account's only one."""
    now = time.time()
    session = request.session
    session[STARTED] = now
    session[SEEN] = now
    session.pop(ENDED, None)
    if session.session_key is None:
        session.save()  # login() flushed a session of another account: give this one its key
    previous = AccountSession.objects.filter(user=user).first()
    if previous is not None and previous.session_key != session.session_key:
        if _end_elsewhere(previous.session_key, user):
            record(request, Kind.SESSION_ENDED, target=user.username, detail=EndReason.REPLACED)
    # One upsert (INSERT … ON CONFLICT), not update_or_create's savepoint and locking read.
    AccountSession.objects.bulk_create(
        [AccountSession(user=user, session_key=session.session_key, started_at=_aware(now))],
        update_conflicts=True,
        unique_fields=["user"],
        update_fields=["session_key", "started_at"],
    )


def session_rekeyed(request, user) -> None:
    """After a password change: Django gave the session a new key (``cycle_key``), and the
    account's live session must follow it, or the once-a-minute check ends it as replaced."""
    AccountSession.objects.filter(user=user).update(session_key=request.session.session_key)


def keep_limits(request, *, idle_minutes: int, absolute_hours: int) -> None:
    """At sign-in, the limits in force (the security policy's, told by security.receivers: the
    policy sits above the audit log) are kept in the session for its whole life."""
    request.session[LIMITS] = (idle_minutes, absolute_hours)


def session_closed(request, user) -> None:
    """On sign-out: the account has no live session any more."""
    key = getattr(getattr(request, "session", None), "session_key", None)
    if user is not None and key:
        AccountSession.objects.filter(user=user, session_key=key).delete()


def _end_elsewhere(session_key: str, user) -> bool:
    """Marks the older session as ended; its next request signs it out and says why."""
    store = import_module(settings.SESSION_ENGINE).SessionStore(session_key=session_key)
    if store.get(SESSION_KEY) != str(user.pk):
        return False  # gone already (signed out, expired)
    store[ENDED] = EndReason.REPLACED
    try:
        store.save()
    except Exception:  # deleted meanwhile (UpdateError): nothing left to end
        return False
    return True


def end_reason(request, now: float) -> str | None:
    """Why this signed-in session must end now, or None."""
    session = request.session
    if session.get(ENDED):
        return EndReason.REPLACED
    started, seen = session.get(STARTED), session.get(SEEN)
    if started is None or seen is None:
        # A session from before these rules: its clock starts now.
        session[STARTED] = session[SEEN] = now
        return None
    if now - seen > idle_minutes(request) * 60:
        return EndReason.IDLE
    if now - started > absolute_hours(request) * 3600:
        return EndReason.ABSOLUTE
    if now - seen >= TOUCH_SECONDS:
        # Once a minute, the row too: a mark lost to a concurrent save of this session.
        live = AccountSession.objects.filter(user_id=session.get(SESSION_KEY)).first()
        if live is not None and live.session_key != session.session_key:
            return EndReason.REPLACED
        session[SEEN] = now
    return None


MESSAGES = {
    EndReason.IDLE: lambda request: (
        _("You were signed out after %(minutes)d minutes without activity. Please sign in again.")
        % {"minutes": idle_minutes(request)}
    ),
    EndReason.ABSOLUTE: lambda request: (
        _(
            "You were signed out because a session lasts at most %(hours)d hours. "
            "Please sign in again."
        )
        % {"hours": absolute_hours(request)}
    ),
    EndReason.REPLACED: lambda request: _(
        "You were signed out because your account signed in elsewhere. If that was not you, "
        "change your password and tell the security administrator."
    ),
}


class SessionRulesMiddleware:
    """After authentication and messages: ends a session that broke a rule, before any view."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = getattr(request, "session", None)
        # The session alone decides: the user is loaded only when a session ends.
        if session is not None and session.get(SESSION_KEY):
            reason = end_reason(request, time.time())
            if reason is not None:
                return self.end(request, reason)
        return self.get_response(request)

    def end(self, request, reason: EndReason):
        if reason != EndReason.REPLACED:  # the sign-in elsewhere wrote that one
            record(request, Kind.SESSION_ENDED, target=request.user.username, detail=reason)
        request.audit_session_ended = True  # not a sign-out of the person's own
        said = MESSAGES[reason](request)  # before logout() empties the session and its limits
        logout(request)
        messages.warning(request, said)
        return redirect_to_login(request.get_full_path())


def _aware(epoch: float):
    import datetime as dt

    return dt.datetime.fromtimestamp(epoch, tz=dt.UTC)

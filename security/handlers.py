"""axes' database handler with fewer round trips to the database, each of which a sign-in pays
for: one DELETE statement where axes first reads the rows it deletes, and at a good sign-in the
expired attempts and the account's own failures go in the same statement."""

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.models import AccessAttempt
from django.db.models import Q


def delete_attempts(queryset) -> int:
    # No attempt has an expiration row (AXES_USE_ATTEMPT_EXPIRATION is off): nothing cascades,
    # and nothing listens for these deletions.
    return queryset._raw_delete(queryset.db)


class AttemptsHandler(AxesDatabaseHandler):
    def clean_expired_user_attempts(self, request=None, credentials=None) -> int:
        threshold = get_cool_off_threshold(request)
        return delete_attempts(AccessAttempt.objects.filter(attempt_time__lte=threshold))

    def user_logged_in(self, sender, request, user, **kwargs):
        # The right password ends the account's run of failures; not the address's: an account
        # of one's own must not clear the count of one's guesses at others'.
        # (The access log is off: the audit log keeps sign-ins.)
        threshold = get_cool_off_threshold(request)
        delete_attempts(
            AccessAttempt.objects.filter(
                Q(attempt_time__lte=threshold) | Q(username=user.get_username())
            )
        )

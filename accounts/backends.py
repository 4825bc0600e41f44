"""Django's ModelBackend, with the read of the signed-in user that every request makes compiled
once per process: the ORM's building and compiling of ``User.objects.get(pk=…)`` cost more than
PostgreSQL's answer. The user is still read on each request, so a deactivation, a new password
(the session's hash) or a changed role takes effect on the next request, as before."""

from functools import cache

from django.contrib.auth.backends import ModelBackend
from django.db import connection

from accounts.compiled_reads import READER, Compiled, compile_read, run
from accounts.models import User


@cache
def _user_read() -> tuple[Compiled, tuple[str, ...]]:
    queryset = User._default_manager.filter(pk=READER)
    compiled = compile_read(queryset, stand_ins={READER}, what="The signed-in user's read")
    if compiled is None:  # a filter by one key always has a query
        raise RuntimeError("The signed-in user's read compiled to no query")
    return compiled, tuple(field.attname for field in User._meta.concrete_fields)


def read_user(user_id: int) -> User | None:
    """The user of ``user_id`` as ``User.objects.get`` builds him, or None."""
    compiled, names = _user_read()
    rows = run(compiled, {READER: user_id})
    if not rows:
        return None
    return User.from_db(connection.alias, list(names), rows[0])


class AccountBackend(ModelBackend):
    def get_user(self, user_id):
        user = read_user(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None

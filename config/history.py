"""The reason and the person simple-history writes into the next history row of an object. It
reads them from two attributes it adds at run time (`_change_reason`, `_history_user`), which no
type checker can see; this is the one place that sets them."""

from typing import Final

from django.contrib.auth.models import AbstractBaseUser
from django.db import models
from django.utils.functional import Promise

_UNSET: Final = object()


def note_change(
    obj: models.Model,
    *,
    reason: str | Promise | None = None,
    user: AbstractBaseUser | None | object = _UNSET,
) -> None:
    """Sets what the next saved history row of `obj` records. `user=None` records nobody (a task),
    where leaving it out lets simple-history take the request's user."""
    if reason is not None:
        obj._change_reason = reason  # type: ignore[attr-defined]  # simple-history's
    if user is not _UNSET:
        obj._history_user = user  # type: ignore[attr-defined]  # simple-history's

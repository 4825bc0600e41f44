"""A row's key as a request names it: a number the database can take.

PostgreSQL answers "no such row" for an id past a bigint; SQLite, the embedded default, cannot
even be sent one (Python's OverflowError, a server error). Every read of an id from a request
goes through ``as_id``, and every model choice field refuses such a number as a choice that does
not exist (``guard_every_model_choice_field``, called once at start-up)."""

from django import forms
from django.core.exceptions import ValidationError

MAX_ID = 2**63 - 1  # a bigint's, the primary keys' type


def as_id(value) -> int | None:
    """``value`` as a row's key, or None when it cannot be one (not digits, or too big)."""
    text = str(value or "")
    if not (text.isascii() and text.isdigit()) or len(text) > 19:
        return None
    number = int(text)
    return number if 0 < number <= MAX_ID else None


def _refusing_overflow(method):
    def checked(self, value, *args, **kwargs):
        try:
            return method(self, value, *args, **kwargs)
        except OverflowError:
            raise ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": str(value)[:30]},
            ) from None

    checked.refuses_overflow = True
    return checked


def guard_every_model_choice_field() -> None:
    """A choice of a row by a number past the database's: "not one of the choices", as any
    other unknown id, for every form (the admin's included)."""
    for field_class, name in (
        (forms.ModelChoiceField, "to_python"),
        (forms.ModelMultipleChoiceField, "_check_values"),
    ):
        method = getattr(field_class, name)
        if not getattr(method, "refuses_overflow", False):
            setattr(field_class, name, _refusing_overflow(method))

"""The dates a person may enter: 2000-01-01 to 2100-12-31. Outside that a date is a typo
(0001-01-01, 9999-12-31) that would break week arithmetic and the pages that show it; every
date field of every form refuses it with one message."""

import datetime as dt
import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

EARLIEST = dt.date(2000, 1, 1)
LATEST = dt.date(2100, 12, 31)
WEEK_RE = re.compile(r"^(\d{4})-?W(\d{2})$")


def in_range(day: dt.date) -> bool:
    return EARLIEST <= day <= LATEST


def out_of_range_message() -> str:
    return _("Enter a date between %(earliest)s and %(latest)s.") % {
        "earliest": EARLIEST.isoformat(),
        "latest": LATEST.isoformat(),
    }


def parse_week(text: str) -> dt.date:
    """'2026-W47' (or '2026W47') to its Monday; ValueError with a readable message otherwise."""
    match = WEEK_RE.match(text.strip())
    if not match:
        raise ValueError(f"not an ISO week like 2026-W47: {text!r}")
    year, week = int(match[1]), int(match[2])
    try:
        return dt.date.fromisocalendar(year, week, 1)
    except ValueError as exc:
        raise ValueError(f"{text!r} is not a week of {year}") from exc


def validate_sensible_date(value) -> None:
    """A date field's validator: the date lies in the range above."""
    day = value.date() if isinstance(value, dt.datetime) else value
    if day is not None and not in_range(day):
        raise ValidationError(out_of_range_message(), code="date_out_of_range")


def guard_every_date_field() -> None:
    """Every form's date and date-time fields, the admin's included, check the range: one
    default validator rather than a line in each of forty forms (called once at start-up)."""
    for field_class in (forms.DateField, forms.DateTimeField):
        if validate_sensible_date not in field_class.default_validators:
            field_class.default_validators = [
                *field_class.default_validators,
                validate_sensible_date,
            ]

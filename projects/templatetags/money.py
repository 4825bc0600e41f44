"""Money as officials write it: 万元 with two decimals and thousands separators."""

from decimal import Decimal, InvalidOperation

from django import template

register = template.Library()


@register.filter
def wan(value, places: int = 2) -> str:
    """12345.6 → '12,345.60'; empty stays '—'."""
    if value in (None, ""):
        return "—"
    try:
        number = Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        return str(value)
    return f"{number:,.{int(places)}f}"

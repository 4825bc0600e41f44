"""Reading query parameters safely: every view reads ``request.GET`` through these, so a value
typed by hand or by an attacker (``?year=abc``, ``?per_page=-1``, a NUL byte, forty digits)
falls back to the default or answers 400 with a readable message, and never reaches the
database or a parser as a server error."""

import datetime as dt

from django.core.exceptions import BadRequest
from django.core.paginator import Paginator
from django.utils.translation import gettext as _

from config import dates

# Longer than any value a page offers (a week label, a code, a search): longer is refused.
MAX_TEXT = 200
# Years a campaign can have (Campaign.year's validators).
YEARS = (2000, 2100)
# Rows a table page may show, whatever ?per_page= asks: more is a denial of service.
MAX_PER_PAGE = 500


class BadParameter(BadRequest):
    """A query parameter that cannot mean anything: answered 400 with this message."""


def text(params, name: str, default: str = "", *, max_length: int = MAX_TEXT) -> str:
    """The parameter as text without NUL bytes; the default when absent or empty."""
    value = params.get(name)
    if value is None:
        return default
    value = value.replace("\x00", "").strip()
    if len(value) > max_length:
        raise BadParameter(_("The parameter %(name)s is too long.") % {"name": name})
    return value or default


def integer(params, name: str, default=None, *, minimum=None, maximum=None, strict=True):
    """The parameter as a whole number within [minimum, maximum]; the default when absent
    (or, not ``strict``, when it is no such number); 400 when it is not such a number."""
    try:
        value = text(params, name, max_length=20)
    except BadParameter:
        if strict:
            raise
        return default
    if not value:
        return default
    if not (value.isascii() and value.lstrip("-").isdigit()):
        if not strict:
            return default
        raise BadParameter(_("The parameter %(name)s must be a whole number.") % {"name": name})
    number = int(value)
    if (minimum is not None and number < minimum) or (maximum is not None and number > maximum):
        if not strict:
            return default
        raise BadParameter(
            _("The parameter %(name)s must be between %(low)s and %(high)s.")
            % {"name": name, "low": minimum, "high": maximum}
        )
    return number


def year(params, name: str = "year", default: int | None = None, *, strict=True) -> int | None:
    """A campaign year, 2000–2100; the default when absent; 400 otherwise (or, not
    ``strict``, the default)."""
    return integer(params, name, default, minimum=YEARS[0], maximum=YEARS[1], strict=strict)


def week(params, name: str = "week", default: dt.date | None = None) -> dt.date | None:
    """The Monday of an ISO week given as 2026-W47; the default when absent; 400 when it is
    no week, or a week outside the years a campaign can have."""
    value = text(params, name, max_length=20)
    if not value:
        return default
    try:
        monday = dates.parse_week(value)
    except ValueError as exc:
        raise BadParameter(_("%(value)s is not a week like 2026-W47.") % {"value": value}) from exc
    if not YEARS[0] <= monday.year <= YEARS[1]:
        raise BadParameter(_("%(value)s is not a week like 2026-W47.") % {"value": value})
    return monday


def choice(params, name: str, choices, default=None, *, strict=False):
    """One of ``choices``; the default when absent or (not ``strict``: a stale link still
    opens the page) not one of them; ``strict``, 400 for a value not among them."""
    value = text(params, name)
    if not value or value in choices:
        return value or default
    if strict:
        raise BadParameter(
            _("The parameter %(name)s must be one of: %(choices)s.")
            % {"name": name, "choices": ", ".join(map(str, choices))}
        )
    return default


def date(params, name: str, default: dt.date | None = None) -> dt.date | None:
    """A date written 2026-11-30 within the sensible range; the default when absent; 400
    otherwise."""
    value = text(params, name, max_length=20)
    if not value:
        return default
    try:
        day = dt.date.fromisoformat(value)
    except ValueError as exc:
        raise BadParameter(
            _("%(value)s is not a date like 2026-11-30.") % {"value": value}
        ) from exc
    if not dates.in_range(day):
        raise BadParameter(dates.out_of_range_message())
    return day


class BoundedPaginator(Paginator):
    """A paginator whose page size stays between 1 and MAX_PER_PAGE whatever is asked."""

    def __init__(self, object_list, per_page, *args, **kwargs):
        try:
            per_page = int(per_page)
        except (TypeError, ValueError):
            per_page = 50
        super().__init__(object_list, min(max(per_page, 1), MAX_PER_PAGE), *args, **kwargs)


class CountedPaginator(BoundedPaginator):
    """A bounded paginator told its number of rows (read by another road): no count of its own."""

    def __init__(self, object_list, per_page, *args, count: int, **kwargs):
        super().__init__(object_list, per_page, *args, **kwargs)
        self.__dict__["count"] = count  # Paginator.count is a cached_property


def counted(paging, count: int | None):
    """A table's ``paginate`` options (``paging``) with its rows' ``count`` known (read by
    another road); as they are when it is not (None) or the table is not paged."""
    if count is None or not isinstance(paging, dict):
        return paging
    return {**paging, "paginator_class": CountedPaginator, "count": count}


def paging(per_page: int) -> dict:
    """django-tables2's ``paginate`` options: the page size and the bounded paginator."""
    return {"per_page": per_page, "paginator_class": BoundedPaginator}

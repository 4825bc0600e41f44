"""An ISO week as officials say it: 第48周（11月23日–29日）."""

import datetime as dt

from django import template
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def week_name(monday: dt.date) -> str:
    if not isinstance(monday, dt.date):
        return ""
    sunday = monday + dt.timedelta(days=6)
    return _("Week %(n)d (%(start)s–%(end)s)") % {
        "n": monday.isocalendar()[1],
        "start": _("%(m)d/%(d)d") % {"m": monday.month, "d": monday.day},
        "end": _("%(m)d/%(d)d") % {"m": sunday.month, "d": sunday.day},
    }

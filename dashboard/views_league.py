"""The league of districts: a city's districts (a province's cities) side by side. Thin: it
reads ``dashboard.league`` and renders; every region it names is under the user's."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _

from config.conditional import answer
from projects import weeks

from . import league as rules
from .cache import cached, fragment_key, kept_html, key_of, league_stamp


@login_required
def league(request):
    if not rules.can_see_league(request.user):
        raise PermissionDenied
    region = rules.league_region(request.user, rules.region_param(request))
    if region is None and not (request.user.is_superuser and "region" not in request.GET):
        raise Http404(_("No such region."))
    # The same figures for everyone who may open this league: kept once per scoring run.
    key = key_of("league", region.pk if region else None, league_stamp(region))
    # The link up is the reader's: none from his own region's league.
    parent_id = region.parent_id if region and region.pk != request.user.region_id else None

    def figures() -> dict:
        table = cached(key, lambda: rules.league(user=request.user, region=region))
        if not table.rows:
            raise Http404(_("No region below yours has a campaign."))
        return {
            "league": table,
            "week_label": weeks.week_label(table.week) if table.week else "",
            "parent_id": parent_id,
        }

    def respond():
        kept = fragment_key(key, request, parent_id)
        html = kept_html(kept, "dashboard/_league.html", figures)
        return render(request, "dashboard/league.html", {"figures": html})

    return answer(request, key, respond)

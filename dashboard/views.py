"""The colour-card dashboard. Thin: it reads selectors and renders."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from config import params
from projects import weeks
from projects.choices import Card
from projects.selectors import current_campaign

from . import selectors
from .charts import card_trend_chart
from .filtersets import TileFilterSet
from .league import region_param, shows_league

# A province has hundreds of red projects: the page lists the first ones and links to all.
LIST_LIMIT = 30
# Tiles a page: a district's 50 on one page, a province's 5,000 a page at a time.
TILES_PER_PAGE = 200


def campaign_and_week(request):
    """The campaign (?year=) and scored week (?week=) a page is about; 404 if none is open."""
    week = params.week(request.GET)
    year = params.year(request.GET)
    if year is None and week is not None:
        year = weeks.campaign_year(week)  # a week without a year is its own campaign's
    campaign = current_campaign(user=request.user, year=year, region=region_param(request))
    if campaign is None:
        raise Http404(_("No campaign is open to you."))
    if week is None:
        week = selectors.latest_scored_week(campaign)
    elif not campaign.holds_week(week):
        raise Http404(
            _("Week %(week)s is outside the %(year)s campaign.")
            % {"week": weeks.week_label(week), "year": campaign.year}
        )
    return campaign, week


@login_required
def dashboard(request):
    """Counts, targets and trend, then the tiles a page at a time: a province's 5,000 tiles made
    a 1.4 MB page; the red list and the changes show their first rows and link to the rest."""
    if request.GET.get("wall") == "1":  # the old wall-screen address
        return redirect(f"{reverse('dashboard:wall')}?{request.GET.urlencode()}")
    campaign, week = campaign_and_week(request)
    base = selectors.tile_queryset(
        user=request.user, campaign=campaign, week=week or weeks.current_week()
    )
    filterset = TileFilterSet(request.GET or None, queryset=base)
    chosen = filterset.qs
    page = Paginator(chosen, TILES_PER_PAGE).get_page(request.GET.get("page"))
    targets = selectors.targets(user=request.user, campaign=campaign, week=week)
    whole = targets.outlook is not None and not filterset.form.has_changed()
    trend = []
    if week:
        trend = selectors.card_trend(None if whole else chosen.values("pk"), campaign, week)
    counts = selectors.count_cards(chosen)
    # The red list is paged on its own (?red_page=): every red project's reason is one click away.
    red_page = Paginator(chosen.filter(week_card=Card.RED), LIST_LIMIT).get_page(
        request.GET.get("red_page")
    )
    red_tiles = list(red_page.object_list)
    reasons = selectors.red_reasons(red_tiles, week) if week else {}
    changed = selectors.changed_tiles(chosen)
    changed_count = changed.count() if week else 0
    week_label = weeks.week_label(week) if week else ""
    return render(
        request,
        "dashboard/dashboard.html",
        {
            "campaign": campaign,
            "week": week,
            "week_label": week_label,
            "weeks": [weeks.week_label(w) for w in selectors.scored_weeks(campaign)[:26]],
            "filter": filterset,
            "page": page,
            "page_query": _without(request.GET, "page"),
            "red_page": red_page,
            "red_query": _without(request.GET, "red_page"),
            "counts": counts,
            "red_list": [(t, reasons.get(t.pk, "")) for t in red_tiles],
            "changed": list(changed[:LIST_LIMIT]) if changed_count else [],
            "changed_more": max(changed_count - LIST_LIMIT, 0),
            "changed_count": changed_count,
            "trend_chart": card_trend_chart(trend),
            "targets": targets,
            "region_pick": request.GET.get("region", ""),
            "league_link": shows_league(request.user),
        },
    )


def _without(query, *names) -> str:
    """The query string without ``names``, to build the pager's links."""
    query = query.copy()
    for name in names:
        query.pop(name, None)
    return query.urlencode()

"""The colour-card dashboard. Thin: it reads selectors and renders."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _

from projects import weeks
from projects.selectors import current_campaign

from . import selectors
from .charts import card_trend_chart
from .filtersets import TileFilterSet

# A province has hundreds of red projects: the page lists the first ones and links to all.
LIST_LIMIT = 100


def campaign_and_week(request):
    """The campaign (?year=) and scored week (?week=) a page is about; 404 if none is open."""
    week = None
    if request.GET.get("week"):
        try:
            week = weeks.parse_week(request.GET["week"])
        except ValueError as exc:
            raise Http404(str(exc)) from exc
    # A week without a year is about the week's own campaign (2026-W53 is 2026's).
    year = request.GET.get("year") or (weeks.campaign_year(week) if week else None)
    campaign = current_campaign(user=request.user, year=year)
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
    campaign, week = campaign_and_week(request)
    base = selectors.tile_queryset(
        user=request.user, campaign=campaign, week=week or weeks.current_week()
    )
    filterset = TileFilterSet(request.GET or None, queryset=base)
    tiles = list(filterset.qs)
    changed = [t for t in tiles if t.week_card and t.prev_card and t.week_card != t.prev_card]
    targets = selectors.targets(user=request.user, campaign=campaign, week=week)
    whole = targets.outlook is not None and not filterset.form.has_changed()
    trend = []
    if week:
        chosen = None if whole else filterset.qs.values("pk")
        trend = selectors.card_trend(chosen, campaign, week)
    red_tiles = [t for t in tiles if t.week_card == "red"]
    reasons = selectors.red_reasons(red_tiles[:LIST_LIMIT], week) if week else {}
    red = [(t, reasons.get(t.pk, "")) for t in red_tiles]
    return render(
        request,
        "dashboard/dashboard.html",
        {
            "campaign": campaign,
            "week": week,
            "week_label": weeks.week_label(week) if week else "",
            "weeks": [weeks.week_label(w) for w in selectors.scored_weeks(campaign)[:26]],
            "filter": filterset,
            "tiles": tiles,
            "counts": selectors.count_cards(tiles),
            "red_list": red[:LIST_LIMIT],
            "red_more": max(len(red) - LIST_LIMIT, 0),
            "changed": changed[:LIST_LIMIT],
            "changed_more": max(len(changed) - LIST_LIMIT, 0),
            "trend_chart": card_trend_chart(trend),
            "targets": targets,
            "wall": request.GET.get("wall") == "1",
        },
    )

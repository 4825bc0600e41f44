"""项目一张图: the map page of the projects, filtered like the dashboard. Thin: it reads the
tiles as the dashboard does and hands them to dashboard.maps."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.translation import gettext as _

from config.conditional import answer
from projects import weeks

from . import selectors
from .cache import cached
from .filtersets import TileFilterSet
from .maps import draw, project_dots
from .views import campaign_and_week, figures_key, filters_of


@login_required
def project_map(request):
    campaign, week = campaign_and_week(request)
    base = selectors.tile_queryset(
        user=request.user, campaign=campaign, week=week or weeks.current_week()
    )
    filterset = TileFilterSet(request.GET or None, queryset=base)
    key = figures_key(request.user, "map", [campaign.pk], week, filters_of(filterset))

    def compute() -> dict:
        chosen = filterset.qs
        return {
            "dots": project_dots(chosen),
            "unplaced": chosen.filter(lat__isnull=True).count(),
            "counts": selectors.count_cards(chosen),
        }

    def respond():
        data = cached(key, compute)
        region = campaign.region
        return render(
            request,
            "dashboard/map.html",
            {
                "campaign": campaign,
                "week_label": weeks.week_label(week) if week else "",
                "filter": filterset,
                "map": draw(
                    region.boundary, data["dots"], width=900, label=_("Map of the projects")
                ),
                "shown": len(data["dots"]),
                "unplaced": data["unplaced"],
                "has_boundary": bool(region.boundary),
                "counts": data["counts"],
            },
        )

    return answer(request, key, respond)

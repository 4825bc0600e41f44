"""项目一张图: the map page of the projects, filtered like the dashboard. Thin: it reads the
tiles as the dashboard does and hands them to projects.maps."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.translation import gettext as _

from projects import weeks
from projects.maps import draw, project_dots

from . import selectors
from .filtersets import TileFilterSet
from .views import campaign_and_week


@login_required
def project_map(request):
    campaign, week = campaign_and_week(request)
    base = selectors.tile_queryset(
        user=request.user, campaign=campaign, week=week or weeks.current_week()
    )
    filterset = TileFilterSet(request.GET or None, queryset=base)
    chosen = filterset.qs
    dots = project_dots(chosen)
    region = campaign.region
    week_label = weeks.week_label(week) if week else ""
    return render(
        request,
        "dashboard/map.html",
        {
            "campaign": campaign,
            "week_label": week_label,
            "filter": filterset,
            "map": draw(region.boundary, dots, width=900, label=_("Map of the projects")),
            "shown": len(dots),
            "unplaced": chosen.filter(lat__isnull=True).count(),
            "has_boundary": bool(region.boundary),
            "counts": selectors.count_cards(chosen),
        },
    )

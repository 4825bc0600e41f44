"""项目一张图: the map page of the projects, filtered like the dashboard. Thin: it reads the
tiles as the dashboard does and hands them to projects.maps."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from config.conditional import answer
from projects import weeks
from projects.maps import dots_json, draw, project_dots

from . import selectors
from .cache import cached, fragment_key, kept_html
from .filtersets import TileFilterSet
from .views import chosen_filters, figures_key, page_of, tile_filters


def remote_dots(count: int) -> bool:
    """Whether the page's script fetches the dots (project_map_dots): 20,000 inline dots made
    megabytes of HTML; a district's few hundred stay in the page (settings.MAP_INLINE_DOTS)."""
    return count > settings.MAP_INLINE_DOTS


@login_required
def project_map(request):
    campaign, week, filterset, key = _map_request(request)

    def figures() -> dict:
        data = cached(key, lambda: _figures(filterset()))
        region = campaign.region
        remote = remote_dots(len(data["dots"]))
        query = request.GET.urlencode()
        source = reverse("dashboard:map_dots") + (f"?{query}" if query else "") if remote else ""
        drawn = draw(
            region.boundary, data["dots"], width=900, label=_("Map of the projects"), source=source
        )
        return {
            "campaign": campaign,
            "week_label": weeks.week_label(week) if week else "",
            "filter": filterset(),
            "map": drawn,
            "remote": remote,
            "shown": len(data["dots"]),
            "unplaced": data["unplaced"],
            "has_boundary": bool(region.boundary),
            "counts": data["counts"],
        }

    def respond():
        # Inline dots or fetched ones: the threshold is drawn into the HTML.
        kept = fragment_key(
            key,
            request,
            settings.MAP_INLINE_DOTS,
            reads=TileFilterSet.base_filters,
        )
        html = kept_html(kept, "dashboard/_map.html", figures)
        return render(request, "dashboard/map.html", {"figures": html})

    return answer(request, key, respond)


@login_required
def project_map_dots(request):
    """The map's dots as JSON, filtered like the page, cached and ETagged like it."""
    _campaign, _week, filterset, key = _map_request(request)
    return answer(
        request,
        key and f"{key}.json",
        lambda: JsonResponse(dots_json(cached(key, lambda: _figures(filterset()))["dots"])),
    )


def _map_request(request):
    """The campaign, the week, the filterset (built when asked for) and the figures' key."""
    campaign, week, opened = page_of(request)
    filterset = tile_filters(request, campaign, week)
    chosen = chosen_filters(request, filterset)
    key = figures_key(request.user, "map", opened.stamp, week, chosen)
    return campaign, week, filterset, key


def _figures(filterset) -> dict:
    chosen = filterset.qs
    return {
        "dots": project_dots(chosen),
        "unplaced": chosen.filter(lat__isnull=True).count(),
        "counts": selectors.count_cards(chosen),
    }

"""The wall screen (驾驶舱): one 1920×1080 screen in a meeting room, no scrolling, no menu.

Everything is read as the dashboard reads it (selectors, rankings); what does not fit is cut
into pages that static/js/wall.js turns every few seconds, and the page reloads itself.
"""

import datetime as dt

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from config.conditional import answer
from projects import weeks
from projects.choices import Card
from projects.maps import draw, project_dots

from . import selectors
from .cache import cached, fragment_key, kept_html, key_of, scope_of
from .cache import standings as cached_standings
from .figures import Tile
from .rankings import selectors as rankings
from .views import page_of, reads_scored_week
from .views_map import remote_dots

RED_PER_PAGE = 8
RED_PAGES = 5  # a province's 300 red projects are not read off a wall: the worst 40 are
RANK_ROWS = 15
ROTATE_SECONDS = 15
REFRESH_SECONDS = 300
# The standings the wall turns through, with their titles' kinds and periods.
RANKINGS = [("projects", "week"), ("projects", "year"), ("units", "year"), ("leaders", "year")]


def pages(rows: list, size: int) -> list[list]:
    return [rows[i : i + size] for i in range(0, len(rows), size)] or [[]]


@login_required
def wall(request):
    """The figures are computed once per scoring run for everyone of the same scope
    (dashboard.cache), and a wall that reloads unchanged gets an empty 304."""
    campaign, week, opened = page_of(request)
    campaign_stamp = opened.stamp
    scope = scope_of(request.user)
    key = None
    if scope and reads_scored_week(request, week):
        key = key_of("wall", scope, campaign_stamp, campaign.pk, week)

    def figures() -> dict:
        data = cached(key, lambda: _figures(request.user, campaign, week, campaign_stamp))
        return {
            "week_label": weeks.week_label(week) if week else "",
            "counts": data["counts"],
            "previous": data["previous"],
            "targets": data["targets"],
            "red_pages": pages(
                [(t, data["reasons"].get(t.pk, "")) for t in data["red"]], RED_PER_PAGE
            ),
            "red_left": max(data["counts"].red - len(data["red"]), 0),
            "standings": [
                {
                    "kind": kind,
                    "title": rankings.KINDS[kind],
                    "period": rankings.PERIODS[period],
                    "rows": rows,
                    "of": of,
                }
                for kind, period, rows, of in data["standings"]
            ],
            "rotate": ROTATE_SECONDS,
            "map": draw(
                campaign.region.boundary,
                data["dots"],
                width=560,
                label="项目一张图",
                source=_dots_source(request, week, len(data["dots"])),
            ),
            "remote_dots": remote_dots(len(data["dots"])),
        }

    def respond():
        # Inline dots or fetched ones: the threshold is drawn into the HTML.
        kept = fragment_key(key, request, settings.MAP_INLINE_DOTS)
        html = kept_html(kept, "dashboard/_wall.html", figures)
        return render(
            request,
            "dashboard/wall.html",
            {
                "campaign": campaign,
                "week": week,
                "week_label": weeks.week_label(week) if week else "",
                "week_end": week + dt.timedelta(days=6) if week else None,
                "now": timezone.localtime(),
                "refresh": REFRESH_SECONDS,
                "figures": html,
            },
        )

    return answer(request, key, respond)


def _dots_source(request, week, count: int) -> str:
    """Where the wall's script fetches a province's dots (the map page's JSON), or "" inline."""
    if not remote_dots(count):
        return ""
    query = request.GET.copy()
    if week:
        query["week"] = weeks.week_label(week)
    return f"{reverse('dashboard:map_dots')}?{query.urlencode()}"


def _figures(user, campaign, week, campaign_stamp) -> dict:
    """What the wall shows, as plain data (the cache keeps it)."""
    tiles = selectors.tile_queryset(user=user, campaign=campaign, week=week or weeks.current_week())
    red = list(
        tiles.filter(week_card=Card.RED).order_by("week_total", "code")[: RED_PER_PAGE * RED_PAGES]
    )
    standings = []
    if week:
        # The four standings read the same sums: once (rankings.Reading). The wall links no
        # row (a screen is not clicked), so what the viewer may open is not asked.
        reading = rankings.Reading(rankings.competitors(campaign), campaign)
        for kind, period in RANKINGS:
            rows = cached_standings(
                campaign=campaign,
                kind=kind,
                period=period,
                week=week,
                campaign_stamp=campaign_stamp,
                reading=reading,
            )
            standings.append((kind, period, rows[:RANK_ROWS], len(rows)))
    return {
        "counts": selectors.count_cards(tiles),
        "previous": selectors.count_previous_cards(tiles),
        "targets": selectors.targets(user=user, campaign=campaign, week=week),
        "red": [Tile.of(t) for t in red],
        "reasons": selectors.red_reasons(red, week, limit=2) if week else {},
        "standings": standings,
        "dots": project_dots(tiles),
    }

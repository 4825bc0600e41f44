"""The wall screen (驾驶舱): one 1920×1080 screen in a meeting room, no scrolling, no menu.

Everything is read as the dashboard reads it (selectors, rankings); what does not fit is cut
into pages that static/js/wall.js turns every few seconds, and the page reloads itself.
"""

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from projects import weeks
from projects.choices import Card
from projects.maps import draw, project_dots
from projects.scope import projects_for

from . import selectors
from .rankings import selectors as rankings
from .views import campaign_and_week

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
    campaign, week = campaign_and_week(request)
    tiles = selectors.tile_queryset(
        user=request.user, campaign=campaign, week=week or weeks.current_week()
    )
    red = list(
        tiles.filter(week_card=Card.RED).order_by("week_total", "code")[: RED_PER_PAGE * RED_PAGES]
    )
    counts = selectors.count_cards(tiles)
    reasons = selectors.red_reasons(red, week, limit=2) if week else {}
    standings = []
    if week:
        competitors = rankings.competitors(campaign)
        visible = projects_for(request.user)
        for kind, period in RANKINGS:
            rows = rankings.standings(
                projects=competitors,
                campaign=campaign,
                kind=kind,
                period=period,
                week=week,
                visible=visible,
            )
            standings.append(
                {
                    "kind": kind,
                    "title": rankings.KINDS[kind],
                    "period": rankings.PERIODS[period],
                    "rows": rows[:RANK_ROWS],
                    "of": len(rows),
                }
            )
    return render(
        request,
        "dashboard/wall.html",
        {
            "campaign": campaign,
            "week": week,
            "week_label": weeks.week_label(week) if week else "",
            "week_end": week + dt.timedelta(days=6) if week else None,
            "counts": counts,
            "previous": selectors.count_previous_cards(tiles),
            "targets": selectors.targets(user=request.user, campaign=campaign, week=week),
            "red_pages": pages([(t, reasons.get(t.pk, "")) for t in red], RED_PER_PAGE),
            "red_left": max(counts.red - len(red), 0),
            "standings": standings,
            "now": timezone.localtime(),
            "rotate": ROTATE_SECONDS,
            "refresh": REFRESH_SECONDS,
            "map": draw(
                campaign.region.boundary, project_dots(tiles), width=560, label="项目一张图"
            ),
        },
    )

"""The colour-card dashboard. Thin: it reads selectors and renders."""

import functools

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from config import params
from config.conditional import answer
from projects import weeks
from projects.choices import Card
from projects.page_marks import drawn_week

from . import selectors
from .cache import cached, fragment_key, kept_html, key_of, scope_of
from .charts import card_trend_chart
from .figures import Slice, Tile
from .filtersets import TileFilterSet, plain_filters
from .league import region_param, shows_league
from .opening import Opening, opening

# A province has hundreds of red projects: the page lists the first ones and links to all.
LIST_LIMIT = 30
# Tiles a page: a district's 50 on one page, a province's 5,000 a page at a time.
TILES_PER_PAGE = 200


def campaign_and_week(request):
    """The campaign (?year=) and scored week (?week=) a page is about; 404 if none is open."""
    campaign, week, _opened = page_of(request)
    return campaign, week


def page_of(request) -> tuple:
    """``campaign_and_week`` with the rest of a kept page's first read (dashboard.opening: the
    campaign's stamp, the reader's region level), in one query."""
    week = params.week(request.GET)
    year = params.year(request.GET)
    if year is None and week is not None:
        year = weeks.campaign_year(week)  # a week without a year is its own campaign's
    opened: Opening | None = opening(user=request.user, year=year, region=region_param(request))
    if opened is None:
        raise Http404(_("No campaign is open to you."))
    campaign = opened.campaign
    if week is None:
        week = opened.last_week
    elif not campaign.holds_week(week):
        raise Http404(
            _("Week %(week)s is outside the %(year)s campaign.")
            % {"week": weeks.week_label(week), "year": campaign.year}
        )
    return campaign, week, opened


def tile_filters(request, campaign, week):
    """The dashboard's filter bar over the reader's tiles, built when first asked for: a kept
    page without a filter in its address needs none for its key (``filters_of``)."""

    @functools.cache
    def filterset() -> TileFilterSet:
        base = selectors.tile_queryset(
            user=request.user, campaign=campaign, week=week or weeks.current_week()
        )
        return TileFilterSet(request.GET or None, queryset=base)

    return filterset


def chosen_filters(request, filterset) -> tuple:
    """``filters_of`` the page's filterset, which is not built for an address naming none
    (its filters are then all empty) or only those checked without the reader's projects."""
    if not any(name in request.GET for name in TileFilterSet.base_filters):
        return ()
    plain = plain_filters(request.GET)
    return filters_of(filterset()) if plain is None else plain


@login_required
def dashboard(request):
    """Counts, targets and trend, then the tiles a page at a time: a province's 5,000 tiles made
    a 1.4 MB page; the red list and the changes show their first rows and link to the rest.
    The figures are computed once per scoring run (dashboard.cache) and answer 304 unchanged."""
    if request.GET.get("wall") == "1":  # the old wall-screen address
        return redirect(f"{reverse('dashboard:wall')}?{request.GET.urlencode()}")
    campaign, week, opened = page_of(request)
    filterset = tile_filters(request, campaign, week)
    page_number = request.GET.get("page", "")[:12]
    red_number = request.GET.get("red_page", "")[:12]
    chosen = (chosen_filters(request, filterset), page_number, red_number)
    key = figures_key(request.user, "dashboard", opened.stamp, week, *chosen)
    if not reads_scored_week(request, week):
        key = None

    def respond():
        # The league's link is the reader's (a superuser of a district has none): in the key.
        league = shows_league(request.user, level=opened.reader_level)

        def figures() -> dict:
            data = cached(
                key, lambda: _figures(request.user, campaign, week, filterset(), *chosen[1:])
            )
            return _context(request, campaign, week, filterset(), data, league)

        kept = fragment_key(key, request, league, reads=TileFilterSet.base_filters)
        html = kept_html(kept, "dashboard/_dashboard.html", figures)
        return render(request, "dashboard/dashboard.html", {"campaign": campaign, "figures": html})

    return answer(request, key, respond)


def reads_scored_week(request, week) -> bool:
    """Whether the page's targets read the reports of weeks some campaign has scored: a submitted
    report of a later week moves no stamp (projects.page_marks), so a page of a week not scored
    yet anywhere (the campaign's first weeks, a ``?week=`` ahead) is drawn, not kept."""
    if week is None:
        return False
    return "week" not in request.GET or drawn_week(week)  # by default, the campaign's latest


def figures_key(user, page: str, campaign_stamp: str, *parts):
    """The cache key of a page's figures for ``user``'s scope and its campaigns' stamp
    (dashboard.cache.stamp); None when not cached."""
    scope = scope_of(user)
    if scope is None:
        return None
    return key_of(page, scope, campaign_stamp, *parts)


def filters_of(filterset) -> tuple:
    """The valid filters chosen, as plain values (a unit by its id)."""
    if not filterset.is_bound:
        return ()
    filterset.form.is_valid()
    chosen = getattr(filterset.form, "cleaned_data", {})
    return tuple(sorted((name, str(getattr(v, "pk", v))) for name, v in chosen.items() if v))


def _figures(user, campaign, week, filterset, page_number, red_number) -> dict:
    """What the dashboard shows, as plain data (the cache keeps it)."""
    chosen = filterset.qs
    page = Paginator(chosen, TILES_PER_PAGE).get_page(page_number)
    targets = selectors.targets(user=user, campaign=campaign, week=week)
    # By the valid filters, as the cache key is: "?card=bogus" is the whole page, kept as one.
    whole = targets.outlook is not None and not filters_of(filterset)
    trend = []
    if week:
        trend = selectors.card_trend(None if whole else chosen.values("pk"), campaign, week)
    # The red list is paged on its own (?red_page=): every red project's reason is one click away.
    red_page = Paginator(chosen.filter(week_card=Card.RED), LIST_LIMIT).get_page(red_number)
    red_tiles = list(red_page.object_list)
    reasons = selectors.red_reasons(red_tiles, week) if week else {}
    changed = selectors.changed_tiles(chosen)
    changed_count = changed.count() if week else 0
    return {
        "weeks": [weeks.week_label(w) for w in selectors.scored_weeks(campaign)[:26]],
        "tiles": Slice.of(page),
        "targets": targets,
        "trend": trend,
        "counts": selectors.count_cards(chosen),
        "red": Slice.of(red_page),
        "reasons": reasons,
        "changed": [Tile.of(t) for t in changed[:LIST_LIMIT]] if changed_count else [],
        "changed_count": changed_count,
    }


def _context(request, campaign, week, filterset, data: dict, league: bool) -> dict:
    """What dashboard/_dashboard.html draws: the figures and the query's own links."""
    red_page = data["red"].page()
    return {
        "campaign": campaign,
        "week": week,
        "week_label": weeks.week_label(week) if week else "",
        "weeks": data["weeks"],
        "filter": filterset,
        "page": data["tiles"].page(),
        "page_query": _without(request.GET, "page"),
        "red_page": red_page,
        "red_query": _without(request.GET, "red_page"),
        "counts": data["counts"],
        "red_list": [(t, data["reasons"].get(t.pk, "")) for t in red_page.object_list],
        "changed": data["changed"],
        "changed_more": max(data["changed_count"] - LIST_LIMIT, 0),
        "changed_count": data["changed_count"],
        "trend_chart": card_trend_chart(data["trend"]),
        "targets": data["targets"],
        "region_pick": request.GET.get("region", ""),
        # Its name, not its outline (up to 450 KB): the dashboard draws no map.
        "region_name": selectors.region_name(campaign) if request.GET.get("region") else "",
        "league_link": league,
    }


def _without(query, *names) -> str:
    """The query string without ``names``, to build the pager's links."""
    query = query.copy()
    for name in names:
        query.pop(name, None)
    return query.urlencode()

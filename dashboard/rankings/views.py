"""Rankings and the scorecards of a unit and a leader."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django_tables2 import RequestConfig

from config import params
from config.conditional import answer
from projects import weeks
from projects.scope import leaders_for, projects_for, units_for

from .. import selectors
from ..cache import cached, fragment_key, kept_html, key_of, scope_of
from ..cache import standings as cached_standings
from ..figures import Slice
from ..views import campaign_and_week, page_of
from . import selectors as ranking_reads
from .tables import RankingTable, ScorecardTable

PER_PAGE = 50


@login_required
def rankings(request):
    campaign, week, opened = page_of(request)
    kind = params.choice(request.GET, "kind", ranking_reads.KINDS, "projects")
    period = params.choice(request.GET, "period", ranking_reads.PERIODS, "week")
    page_number = request.GET.get("page", "")[:12]
    campaign_stamp = opened.stamp
    scope = scope_of(request.user)
    key = None
    if scope is not None:
        key = key_of(
            "rankings", scope, campaign_stamp, campaign.pk, week, kind, period, page_number
        )

    def compute() -> Slice:
        rows = []
        if week:
            rows = cached_standings(
                campaign=campaign,
                kind=kind,
                period=period,
                week=week,
                visible=projects_for(request.user),
                campaign_stamp=campaign_stamp,
            )
        # Paginate the ranked standings first, then name only the page's rows.
        return Slice.of(Paginator(rows, PER_PAGE).get_page(page_number), row=lambda r: r)

    def figures() -> dict:
        page = cached(key, compute).page()
        # A unit's or leader's count is of projects, shown beside the name; weeks are per project.
        if kind == "projects":
            table = RankingTable(list(page.object_list), exclude=("cards",))
        else:
            table = RankingTable(
                list(page.object_list),
                exclude=("card", "weeks"),
                attrs={"class": "table ranking groups"},
            )
        return {
            "campaign": campaign,
            "week_label": weeks.week_label(week) if week else "",
            "table": table,
            "page": page,
            "kind": kind,
            "period": period,
            "kinds": ranking_reads.KINDS,
            "periods": ranking_reads.PERIODS,
        }

    def respond():
        kept = fragment_key(key, request)
        html = kept_html(kept, "dashboard/_rankings.html", figures)
        return render(request, "dashboard/rankings.html", {"figures": html})

    return answer(request, key, respond)


def _scorecard(request, *, owner, field: str, kind: str):
    campaign, week = campaign_and_week(request)
    mine = selectors.tile_queryset(
        user=request.user, campaign=campaign, week=week or weeks.current_week()
    ).filter(**{field: owner})
    if not mine.exists():
        raise Http404
    table = ScorecardTable(mine)
    RequestConfig(request, paginate=False).configure(table)
    standing, ranked = None, None
    if week:
        # The rank among all the campaign's units or leaders, not among those the viewer sees.
        ranked = ranking_reads.standings(
            projects=ranking_reads.competitors(campaign),
            campaign=campaign,
            kind=kind,
            period="year",
            week=week,
        )
        found = ranked.position_of(owner.pk)
        standing = ranked[found] if found is not None else None
    return render(
        request,
        "dashboard/scorecard.html",
        {
            "owner": owner,
            "campaign": campaign,
            "week_label": weeks.week_label(week) if week else "",
            "table": table,
            "counts": selectors.count_cards(mine),
            "standing": standing,
            "of": sum(s.rank is not None for s in ranked.ranked) if ranked is not None else 0,
        },
    )


@login_required
def unit_scorecard(request, pk: int):
    return _scorecard(
        request, owner=get_object_or_404(units_for(request.user), pk=pk), field="unit", kind="units"
    )


@login_required
def leader_scorecard(request, pk: int):
    return _scorecard(
        request,
        owner=get_object_or_404(leaders_for(request.user), pk=pk),
        field="leader",
        kind="leaders",
    )

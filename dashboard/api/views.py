"""Read-only endpoints. Each queryset starts from projects.scope, like the pages."""

from typing import Any

from django.http import Http404, HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, viewsets
from rest_framework.exceptions import ValidationError

from config import params
from config.conditional import answer
from projects.choices import Card
from projects.models import Campaign, Project
from projects.scope import campaigns_for, projects_for
from scoring.models import WeeklyScore
from scoring.selectors import scores_for

from .. import cache
from ..opening import opening
from ..rankings import selectors as rankings
from .feed import UPDATED_SINCE, ProjectFeedMixin, UpdatedSinceMixin
from .serializers import (
    CampaignSerializer,
    ProjectSerializer,
    StandingSerializer,
    WeeklyScoreSerializer,
)

YEAR = OpenApiParameter("campaign", OpenApiTypes.INT, description="Campaign year, e.g. 2026")
WEEK = OpenApiParameter("week", OpenApiTypes.STR, description="ISO week, e.g. 2026-W47")


def _query(reader, request, name, *args, **kwargs):
    """A query parameter read by config.params; a bad one is a 400 naming the parameter."""
    try:
        return reader(request.query_params, name, *args, **kwargs)
    except params.BadParameter as exc:
        raise ValidationError({name: [str(exc)]}) from exc


def _week(request):
    return _query(params.week, request, "week")


class CampaignViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = CampaignSerializer
    queryset = Campaign.objects.none()  # for the schema; get_queryset scopes

    def get_queryset(self):
        return campaigns_for(self.request.user).select_related("region").order_by("-year")


@extend_schema(parameters=[YEAR, OpenApiParameter("card", OpenApiTypes.STR), UPDATED_SINCE])
class ProjectViewSet(ProjectFeedMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = ProjectSerializer
    queryset = Project.objects.none()

    def get_queryset(self):
        queryset = projects_for(self.request.user).select_related("campaign", "unit", "leader")
        if year := _query(params.year, self.request, "campaign"):
            queryset = queryset.filter(campaign__year=year)
        if card := _query(params.choice, self.request, "card", Card.values, strict=True):
            queryset = queryset.filter(card=card)
        return queryset.order_by("campaign__year", "code")


@extend_schema(parameters=[WEEK, OpenApiParameter("project", OpenApiTypes.INT), UPDATED_SINCE])
class WeeklyScoreViewSet(UpdatedSinceMixin, viewsets.ReadOnlyModelViewSet):
    """Weekly cards with the breakdown that produced them."""

    changed_field = "scored_at"

    serializer_class = WeeklyScoreSerializer
    queryset = WeeklyScore.objects.none()

    def list(self, request, *args, **kwargs):
        """Scores change only when a week is scored: unchanged since the caller's copy (the
        scoring-run stamp of his campaigns, his scope and query), an empty 304."""
        scope = cache.scope_of(request.user)
        key = None
        if scope is not None:
            campaigns = campaigns_for(request.user).values_list("pk", flat=True)
            query = sorted(request.query_params.lists())
            key = cache.key_of("api-scores", scope, cache.stamp(campaigns), query)
        return answer(request, key, lambda: super(WeeklyScoreViewSet, self).list(request))

    def get_queryset(self):
        queryset = scores_for(self.request.user).select_related("project", "rubric_version")
        if week := _week(self.request):
            queryset = queryset.filter(week=week)
        if project := _query(params.integer, self.request, "project", minimum=1, maximum=2**31):
            queryset = queryset.filter(project_id=project)
        return queryset.order_by("-week", "project__code")


class RankingView(generics.ListAPIView):
    """Rankings of projects, units or leaders over a week, month or year to date: the whole
    standing a page at a time (``?page=``), ranked once per scoring run (dashboard.cache);
    unchanged since the caller's copy, an empty 304 (``If-None-Match``)."""

    serializer_class = StandingSerializer

    @extend_schema(
        parameters=[
            YEAR,
            WEEK,
            OpenApiParameter("kind", OpenApiTypes.STR, enum=list(rankings.KINDS)),
            OpenApiParameter("period", OpenApiTypes.STR, enum=list(rankings.PERIODS)),
        ],
    )
    def get(self, request, *args, **kwargs):
        kind = _query(params.choice, request, "kind", rankings.KINDS, "projects", strict=True)
        period = _query(params.choice, request, "period", rankings.PERIODS, "week", strict=True)
        year = _query(params.year, request, "campaign")
        # The user's latest campaign (of the year), its last scored week and stamp: one query.
        opened = opening(user=request.user, year=year, order=("-year",))
        if opened is None:
            raise Http404("no campaign")
        campaign = opened.campaign
        week = _week(request) or opened.last_week
        campaign_stamp = opened.stamp
        scope = cache.scope_of(request.user)
        key = None
        if scope is not None:
            # The whole query, host and scheme: the page's links (next, previous) repeat them.
            query = sorted(request.query_params.lists())
            where = (request.scheme, request.get_host(), query, request.accepted_media_type)
            key = cache.key_of("api-rankings", scope, campaign_stamp, week, kind, period, where)

        def body() -> bytes:
            self.rows: Any = []
            if week is not None:
                # The whole standing, as on the page; only the links depend on what he sees.
                self.rows = cache.standings(
                    campaign=campaign,
                    kind=kind,
                    period=period,
                    week=week,
                    visible=projects_for(request.user),
                    campaign_stamp=campaign_stamp,
                )
            data = self.list(request, *args, **kwargs).data
            return request.accepted_renderer.render(
                data, request.accepted_media_type, self.get_renderer_context()
            )

        def respond():
            # The body as sent, kept: a second reader gets it without ranking or serializing.
            renderer = request.accepted_renderer
            charset = f"; charset={renderer.charset}" if renderer.charset else ""
            return HttpResponse(
                cache.cached(key, body, kind="api"), content_type=renderer.media_type + charset
            )

        return answer(request, key, respond)

    def get_queryset(self):
        return getattr(self, "rows", [])

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import DefaultRouter

from . import feed, views

router = DefaultRouter()
router.register("campaigns", views.CampaignViewSet, basename="campaign")
router.register("projects", views.ProjectViewSet, basename="project")
router.register("scores", views.WeeklyScoreViewSet, basename="score")
router.register("reports", feed.WeeklyReportViewSet, basename="report")

urlpatterns = [
    path("v1/", include(router.urls)),
    path("v1/rankings/", views.RankingView.as_view(), name="rankings"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
]

from django.urls import path

from . import views, views_rankings

app_name = "dashboard"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("rankings/", views_rankings.rankings, name="rankings"),
    path("units/<int:pk>/", views_rankings.unit_scorecard, name="unit"),
    path("leaders/<int:pk>/", views_rankings.leader_scorecard, name="leader"),
]

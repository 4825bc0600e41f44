from django.urls import path

from . import views, views_league, views_map, views_wall
from .rankings import views as views_rankings

app_name = "dashboard"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("wall/", views_wall.wall, name="wall"),
    path("map/", views_map.project_map, name="map"),
    path("map/dots/", views_map.project_map_dots, name="map_dots"),
    path("league/", views_league.league, name="league"),
    path("rankings/", views_rankings.rankings, name="rankings"),
    path("units/<int:pk>/", views_rankings.unit_scorecard, name="unit"),
    path("leaders/<int:pk>/", views_rankings.leader_scorecard, name="leader"),
]

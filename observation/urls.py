"""URLs under /reports/observation/ (the paths people bookmarked before the rounds had their
own app); included before reports.urls."""

from django.urls import path

from . import views

app_name = "observation"

urlpatterns = [
    path("", views.round_list, name="rounds"),
    path("<int:pk>/", views.round_detail, name="round"),
    path("<int:pk>/status/", views.round_status, name="round_status"),
    path("<int:pk>/criteria/", views.round_criteria, name="round_criteria"),
    path("<int:pk>/projects/<int:project_pk>/", views.round_sheet, name="sheet"),
]

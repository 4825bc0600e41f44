"""URLs under /reports/. None has the shape /reports/<int>/…, which belongs to the weekly
reports of projects.urls (included after this app)."""

from django.urls import path

from . import views, views_observation
from .views_resend import resend_message

app_name = "reports"

urlpatterns = [
    path("", views.ReportArchiveView.as_view(), name="archive"),
    path("archive/<int:pk>/", views.report_detail, name="detail"),
    path("archive/<int:pk>/download/<str:fmt>/", views.report_download, name="download"),
    path("archive/<int:pk>/rebuild/", views.report_rebuild, name="rebuild"),
    # From the outbox's operations page: one sent report message, again to its recipient.
    path("messages/<int:pk>/resend/", resend_message, name="resend_message"),
    path("archive/<int:pk>/resend/", views.report_resend, name="resend"),
    path("observation/", views_observation.round_list, name="rounds"),
    path("observation/<int:pk>/", views_observation.round_detail, name="round"),
    path("observation/<int:pk>/status/", views_observation.round_status, name="round_status"),
    path("observation/<int:pk>/criteria/", views_observation.round_criteria, name="round_criteria"),
    path(
        "observation/<int:pk>/projects/<int:project_pk>/",
        views_observation.round_sheet,
        name="sheet",
    ),
]

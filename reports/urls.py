"""URLs under /reports/. None has the shape /reports/<int>/…, which belongs to the weekly
reports of projects.urls (included after this app). The observation rounds' pages, under
/reports/observation/, are observation.urls."""

from django.urls import path

from . import views
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
]

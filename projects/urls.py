from django.urls import path

from . import views, views_location, views_register, views_reports

app_name = "projects"

urlpatterns = [
    path("", views.home, name="home"),
    path("week/", views_reports.this_week, name="this_week"),
    path("projects/", views.ProjectListView.as_view(), name="list"),
    path("projects/<int:pk>/", views.project_detail, name="detail"),
    path("projects/<int:pk>/location/", views_location.project_location, name="location"),
    path("projects/<int:pk>/weeks/<str:week>/", views_reports.report_edit, name="report_edit"),
    path("reports/<int:pk>/", views_reports.report_detail, name="report"),
    path("reports/<int:pk>/return/", views_reports.report_return, name="report_return"),
    path("reports/<int:pk>/accept/", views_reports.report_accept, name="report_accept"),
    path("photos/<int:pk>/", views_reports.photo, name="photo"),
    path("review/", views_reports.ReviewView.as_view(), name="review"),
    path("changes/", views_register.changes, name="changes"),
]

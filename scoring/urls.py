from django.urls import path

from . import views, views_rubric

app_name = "scoring"

urlpatterns = [
    path("projects/<int:pk>/weeks/<str:week>/", views.why, name="why"),
    path("scores/<int:pk>/adjust/", views.adjust, name="adjust"),
    path("projects/<int:pk>/exemptions/new/", views.exemption_new, name="exemption_new"),
    path("exemptions/<int:pk>/revoke/", views.exemption_revoke, name="exemption_revoke"),
    path("flags/", views.FlagListView.as_view(), name="flags"),
    path("flags/<int:pk>/", views.flag_detail, name="flag"),
    path("flags/projects/<int:pk>/", views.project_flags, name="project_flags"),
    path("rubric/", views_rubric.rubric, name="rubric"),
    path("rubric/<int:pk>/", views_rubric.rubric_version, name="rubric_version"),
    path("rubric/<int:pk>/adopt/", views_rubric.rubric_adopt, name="rubric_adopt"),
]

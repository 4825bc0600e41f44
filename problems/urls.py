from django.urls import path

from . import views, views_meeting

app_name = "problems"

urlpatterns = [
    path("", views.ProblemListView.as_view(), name="list"),
    path("inbox/", views.inbox, name="inbox"),
    path("stats/", views_meeting.stats, name="stats"),
    path("new/<int:project_pk>/", views.raise_problem, name="new"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/<slug:action>/", views.act, name="act"),
    path("files/<int:pk>/", views.evidence, name="file"),
    path("meeting/", views_meeting.agenda, name="agenda"),
    path("meetings/<int:pk>/", views_meeting.meeting_detail, name="meeting"),
    path("meetings/<int:pk>/decide/", views_meeting.decide, name="decide"),
]

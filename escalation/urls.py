from django.urls import path

from . import views

app_name = "escalation"

urlpatterns = [
    path("", views.ladder, name="ladder"),
    path("notices/<int:pk>/", views.notice, name="notice"),
    path("notices/<int:pk>/notice.pdf", views.notice_pdf, name="notice_pdf"),
    path("notices/<int:pk>/act/<str:action>/", views.notice_act, name="act"),
    path("notices/<int:pk>/schedule/", views.interview_schedule, name="schedule"),
    path("notices/<int:pk>/record/", views.interview_record, name="record"),
    path("notices/<int:pk>/accountability/", views.accountability, name="accountability"),
    path("files/<int:pk>/", views.notice_file, name="file"),
]

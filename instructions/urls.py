from django.urls import path

from . import views

app_name = "instructions"

urlpatterns = [
    path("", views.InstructionListView.as_view(), name="list"),
    path("<int:pk>/", views.instruction_detail, name="detail"),
    path("<int:pk>/answer/", views.instruction_answer, name="answer"),
    path("write/<str:kind>/<int:pk>/", views.instruction_write, name="write"),
]

from django.urls import path

from . import views

app_name = "outbox"

urlpatterns = [
    path("", views.OperationsView.as_view(), name="operations"),
    path("retry/", views.retry_all, name="retry_all"),
    path("<int:pk>/retry/", views.retry_one, name="retry"),
]

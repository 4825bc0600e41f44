from django.urls import path

from . import views

app_name = "security"
urlpatterns = [
    path("password/", views.PasswordChangeView.as_view(), name="password_change"),
    path("policy/", views.policy, name="policy"),
    path("lockouts/", views.lockout_list, name="lockouts"),
    path("lockouts/unlock/", views.unlock, name="unlock"),
]

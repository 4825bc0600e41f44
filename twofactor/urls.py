from django.urls import path

from . import views

app_name = "twofactor"
urlpatterns = [
    path("", views.account, name="account"),
    path("verify/", views.verify, name="verify"),
    path("enroll/", views.enroll, name="enroll"),
    path("codes/", views.codes, name="codes"),
    path("codes/new/", views.regenerate, name="regenerate"),
    path("remove/", views.remove, name="remove"),
    path("users/", views.users, name="users"),
    path("users/<int:pk>/reset/", views.reset, name="reset"),
]

"""The app's URLs plus one view that fails, to see the 500 page as a visitor would."""

from django.urls import path

from config.urls import urlpatterns as app_urls


def fail(request):
    raise RuntimeError("a bug")


urlpatterns = [path("fail/", fail), *app_urls]

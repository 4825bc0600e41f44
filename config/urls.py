from django.contrib import admin
from django.urls import include, path

from projects import views_health

urlpatterns = [
    path("healthz", views_health.healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("accounts/second-factor/", include("twofactor.urls")),
    path("accounts/", include("accounts.urls")),
    path("security/", include("security.urls")),
    path("scoring/", include("scoring.urls")),
    path("reports/observation/", include("observation.urls")),
    path("reports/", include("reports.urls")),
    path("dashboard/", include("dashboard.urls")),
    path("ladder/", include("escalation.urls")),
    path("documents/", include("documents.urls")),
    path("instructions/", include("instructions.urls")),
    path("api/", include(("dashboard.api.urls", "api"))),
    path("problems/", include("problems.urls")),
    path("outbox/", include("outbox.urls")),
    path("audit/", include("audit.urls")),
    path("", include("workbooks.urls")),
    path("", include("projects.urls")),
]

handler400 = "config.errors.bad_request"

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TwofactorConfig(AppConfig):
    name = "twofactor"
    verbose_name = _("Second factor")

    def ready(self):
        from django.contrib import admin

        from .admin_site import SecondFactorAdminSite

        # Every app registers on admin.site; changing its class keeps those registrations.
        admin.site.__class__ = SecondFactorAdminSite

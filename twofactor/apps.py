from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TwofactorConfig(AppConfig):
    name = "twofactor"
    verbose_name = _("Second factor")

    def ready(self):
        from django.contrib import admin
        from django.contrib.auth.signals import user_logged_in

        from . import policy
        from .admin_site import SecondFactorAdminSite

        user_logged_in.connect(policy.on_login, dispatch_uid="twofactor.on_login")

        # Every app registers on admin.site; changing its class keeps those registrations.
        admin.site.__class__ = SecondFactorAdminSite

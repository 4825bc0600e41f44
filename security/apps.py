"""Sign-in throttling, the password policy and the security administrator's policy page.

Its own app because the security policy (等保 身份鉴别) is one room with its own administrator
(Role.SECURITY), not part of the accounts an administrator manages.
"""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SecurityConfig(AppConfig):
    name = "security"
    verbose_name = _("Security policy")

    def ready(self):
        from . import receivers  # noqa: F401

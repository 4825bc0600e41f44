from django.apps import AppConfig
from django.core import checks
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "projects"
    verbose_name = _("Project register")

    def ready(self):
        from .photos import configure_pillow
        from .workdays import check_calendar

        configure_pillow()

        checks.register(check_calendar)

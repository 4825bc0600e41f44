from django.apps import AppConfig
from django.core import checks
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "projects"
    verbose_name = _("Project register")

    def ready(self):
        from config.dates import guard_every_date_field
        from config.keys import guard_every_model_choice_field
        from config.tables import speed_up

        from .checks import check_calendar
        from .photos import configure_pillow

        configure_pillow()
        speed_up()
        checks.register(check_calendar)
        guard_every_date_field()
        guard_every_model_choice_field()

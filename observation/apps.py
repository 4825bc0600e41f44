from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ObservationConfig(AppConfig):
    name = "observation"
    verbose_name = _("Observation rounds")

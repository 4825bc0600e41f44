from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EscalationConfig(AppConfig):
    name = "escalation"
    verbose_name = _("Escalation ladder")

    def ready(self):
        from documents.selectors import visible_by

        from .selectors import documents_q

        visible_by("escalation", documents_q)
